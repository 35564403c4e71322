import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { API, cookieValue, login, PASSWORD, register, registerAndLogin } from '../support/portal-client';

describe('Login, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await register(t, 'pro@trust.example');
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.reset());

  async function startLogin(email = 'pro@trust.example', password = PASSWORD) {
    const since = t.mail.mark();
    const res = await request(t.url).post(`${API}/auth/login`).send({ email, password });
    return { res, since };
  }

  it('signs in with password then the emailed code, setting the session and CSRF cookies', async () => {
    const agent = t.http();
    const since = t.mail.mark();
    const started = await agent.post(`${API}/auth/login`).send({ email: 'PRO@trust.example', password: PASSWORD }).expect(202);
    expect(started.body).toEqual({ challengeId: expect.any(String), expiresAt: expect.any(String) });
    const code = await t.mail.codeFor('pro@trust.example', since);
    const verified = await agent.post(`${API}/auth/login/verify`).send({ challengeId: started.body.challengeId, code }).expect(200);
    expect(verified.body.account).toMatchObject({ email: 'pro@trust.example', roles: ['professional'], workGroups: [] });
    expect(verified.body.session).toEqual({ idleExpiresAt: expect.any(String), absoluteExpiresAt: expect.any(String), idleTimeoutSeconds: 1800 });
    const cookies = (verified.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(cookies).toMatch(/portal_session=[^;]+;.*HttpOnly/);
    expect(cookies).toMatch(/portal_session=[^;]+;.*SameSite=Strict/);
    expect(cookies).toMatch(/portal_csrf=[^;]+;.*SameSite=Strict/);
    expect(cookies).not.toMatch(/portal_csrf=[^;\n]+;[^\n]*HttpOnly/);
    expect(cookieValue(verified, 'portal_session')!.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

    // The code is single use.
    await agent.post(`${API}/auth/login/verify`).send({ challengeId: started.body.challengeId, code }).expect(410);
    await agent.get(`${API}/auth/session`).expect(200);
  });

  it('unknown email, wrong password and disabled account give the same 401', async () => {
    const unknown = await request(t.url).post(`${API}/auth/login`).send({ email: 'nobody@trust.example', password: PASSWORD }).expect(401);
    const wrong = await request(t.url).post(`${API}/auth/login`).send({ email: 'pro@trust.example', password: 'not the password at all' }).expect(401);
    const malformed = await request(t.url).post(`${API}/auth/login`).send({ email: 'not-an-email', password: PASSWORD }).expect(401);
    for (const r of [unknown, wrong, malformed]) {
      expect(r.body).toEqual(unknown.body);
      expect(r.body.code).toBe('invalid_credentials');
    }
  });

  it('the password step (passport-local) checks the body first: a malformed one is 400, an empty field the same 401', async () => {
    const malformed: unknown[] = [
      {},
      { email: 'pro@trust.example' },
      { password: PASSWORD },
      { email: 42, password: PASSWORD },
      { email: 'pro@trust.example', password: ['x'] },
      { email: 'pro@trust.example', password: PASSWORD, remember: true },
    ];
    for (const body of malformed) {
      const r = await request(t.url).post(`${API}/auth/login`).send(body as object).expect(400);
      expect(r.body.code).toBe('invalid_request');
    }
    const unknown = await request(t.url).post(`${API}/auth/login`).send({ email: 'nobody@trust.example', password: PASSWORD }).expect(401);
    for (const body of [
      { email: '', password: PASSWORD },
      { email: 'pro@trust.example', password: '' },
    ]) {
      const r = await request(t.url).post(`${API}/auth/login`).send(body).expect(401);
      expect(r.body).toEqual(unknown.body);
    }
  });

  it('a wrong code is 400; five wrong codes kill the challenge; the code lives 10 minutes', async () => {
    const { res, since } = await startLogin();
    const code = await t.mail.codeFor('pro@trust.example', since);
    const wrong = code === '87654321' ? '12345678' : '87654321';
    for (let i = 0; i < 5; i++) {
      const r = await request(t.url).post(`${API}/auth/login/verify`).send({ challengeId: res.body.challengeId, code: wrong }).expect(400);
      expect(r.body.code).toBe('invalid_code');
    }
    const dead = await request(t.url).post(`${API}/auth/login/verify`).send({ challengeId: res.body.challengeId, code }).expect(410);
    expect(dead.body.code).toBe('challenge_expired');

    const second = await startLogin();
    const code2 = await t.mail.codeFor('pro@trust.example', second.since);
    t.clock.advanceMinutes(10);
    const late = await request(t.url).post(`${API}/auth/login/verify`).send({ challengeId: second.res.body.challengeId, code: code2 }).expect(410);
    expect(late.body.code).toBe('challenge_expired');
  });

  it('resends a login code; the old one dies and limits apply', async () => {
    const { res, since } = await startLogin();
    const first = await t.mail.codeFor('pro@trust.example', since);
    await request(t.url).post(`${API}/auth/login/resend`).send({ challengeId: res.body.challengeId }).expect(429);
    t.clock.advanceMinutes(1);
    const mark = t.mail.mark();
    await request(t.url).post(`${API}/auth/login/resend`).send({ challengeId: res.body.challengeId }).expect(202);
    const second = await t.mail.codeFor('pro@trust.example', mark);
    if (first !== second) {
      await request(t.url).post(`${API}/auth/login/verify`).send({ challengeId: res.body.challengeId, code: first }).expect(400);
    }
    await request(t.url).post(`${API}/auth/login/verify`).send({ challengeId: res.body.challengeId, code: second }).expect(200);
  });

  it('ends a session after 30 idle minutes, clearing the cookies', async () => {
    const client = await login(t, 'pro@trust.example');
    t.clock.advanceMinutes(29);
    await client.get('/me').expect(200); // activity slides the idle deadline
    t.clock.advanceMinutes(29);
    await client.get('/me').expect(200);
    t.clock.advanceMinutes(31);
    const r = await client.get('/me').expect(401);
    expect(r.body.code).toBe('session_expired');
    expect((r.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(/portal_session=;/);
    await client.get('/me').expect(401);
  });

  it('GET /auth/session?touch=false does not count as activity', async () => {
    const client = await login(t, 'pro@trust.example');
    t.clock.advanceMinutes(20);
    const peek = await client.get('/auth/session?touch=false').expect(200);
    t.clock.advanceMinutes(11);
    await client.get('/auth/session?touch=false').expect(401);
    expect(new Date(peek.body.session.idleExpiresAt).getTime()).toBeLessThan(t.clock.now().getTime());
  });

  it('ends a session after 12 hours however active it is', async () => {
    const client = await login(t, 'pro@trust.example');
    for (let i = 0; i < 24; i++) {
      t.clock.advanceMinutes(29);
      await client.get('/me').expect(200);
    }
    t.clock.advanceMinutes(29); // 12h05 after login
    const r = await client.get('/me').expect(401);
    expect(r.body.code).toBe('session_expired');
  });

  it('logout kills the session server-side', async () => {
    const client = await login(t, 'pro@trust.example');
    const token = (await client.get('/auth/session').expect(200)).request;
    expect(token).toBeDefined();
    await client.post('/auth/logout').expect(204);
    const r = await client.get('/me').expect(401);
    expect(r.body.code).toBe('unauthenticated');
  });

  it('refuses writes without the right CSRF token', async () => {
    const a = await login(t, 'pro@trust.example');
    const b = await registerAndLogin(t, 'other@trust.example');
    const missing = await a.agent.patch(`${API}/me`).send({ jobTitle: 'Nurse' }).expect(403);
    expect(missing.body.code).toBe('csrf_failed');
    const wrong = await a.agent.patch(`${API}/me`).set('X-CSRF-Token', 'x'.repeat(43)).send({ jobTitle: 'Nurse' }).expect(403);
    expect(wrong.body.code).toBe('csrf_failed');
    const otherSessions = await a.agent.patch(`${API}/me`).set('X-CSRF-Token', b.csrf).send({ jobTitle: 'Nurse' }).expect(403);
    expect(otherSessions.body.code).toBe('csrf_failed');
    expect((await a.get('/me').expect(200)).body.jobTitle).toBe('SENCo');
    await a.patch('/me', { jobTitle: 'Nurse' }).expect(200);
    expect((await a.get('/me').expect(200)).body.jobTitle).toBe('Nurse');
  });

  it('no session gets 401 with problem details', async () => {
    const r = await request(t.url).get(`${API}/me`).expect(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.code).toBe('unauthenticated');
    await request(t.url).get(`${API}/me`).set('Cookie', 'portal_session=forged-token-value').expect(401);
  });

  it('the routes that need no session ignore stale cookies', async () => {
    const since = t.mail.mark();
    const r = await request(t.url)
      .post(`${API}/auth/login`)
      .set('Cookie', 'portal_session=dead; portal_csrf=dead')
      .send({ email: 'pro@trust.example', password: PASSWORD })
      .expect(202);
    const code = await t.mail.codeFor('pro@trust.example', since);
    await request(t.url).post(`${API}/auth/login/verify`).set('Cookie', 'portal_session=dead').send({ challengeId: r.body.challengeId, code }).expect(200);
  });

  it('PATCH /me updates details, refuses bad ones and cannot change the email', async () => {
    const client = await login(t, 'pro@trust.example');
    const updated = await client.patch('/me', { organisation: 'New Trust', address: { line1: '2 Low Road', town: 'Elsewhere', postcode: 'ex2 2bb' } }).expect(200);
    expect(updated.body).toMatchObject({ organisation: 'New Trust', address: { line1: '2 Low Road', postcode: 'EX2 2BB' } });
    const emailChange = await client.patch('/me', { email: 'new@trust.example' }).expect(400);
    expect(emailChange.body.code).toBe('invalid_request');
    const bad = await client.patch('/me', { firstName: '' }).expect(422);
    expect(bad.body).toMatchObject({ code: 'invalid_profile', errors: [{ path: 'firstName', message: expect.any(String) }] });
    const tooLong = await client.patch('/me', { lastName: 'x'.repeat(5000) }).expect(422);
    expect(tooLong.body.code).toBe('invalid_profile');
    expect((await client.get('/me').expect(200)).body.email).toBe('pro@trust.example');
  });
});
