import request from 'supertest';
import { IdentityCleanupJob } from '../../src/identity/infrastructure/identity-cleanup.job';
import { DueDateRemindersJob } from '../../src/submissions/infrastructure/due-date-reminders.job';
import { RetentionJob } from '../../src/submissions/infrastructure/retention.job';
import { AbandonedUploadsSweepJob } from '../../src/tasks/infrastructure/abandoned-uploads-sweep.job';
import { startTestApp, TestApp } from '../support/test-app';
import { API, login, register, registrationBody } from '../support/portal-client';

describe('HTTP platform: health, headers, errors, docs, housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports liveness and readiness outside /api/v1', async () => {
    await request(t.url).get('/health/live').expect(200);
    expect((await request(t.url).get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('sends security headers and no X-Powered-By; CORS stays closed', async () => {
    const r = await request(t.url).get(`${API}/me`);
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-powered-by']).toBeUndefined();
    expect(r.headers['strict-transport-security']).toBeUndefined(); // plain http in tests
    const preflight = await request(t.url)
      .options(`${API}/auth/login`)
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown routes, wrong content types and oversized bodies with problem details', async () => {
    const missing = await request(t.url).get(`${API}/nothing-here`).expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, code: 'not_found' });

    const wrongType = await request(t.url).post(`${API}/auth/login`).set('content-type', 'text/plain').send('hello');
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('unsupported_media_type');

    const huge = await request(t.url)
      .post(`${API}/registrations`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ ...registrationBody('big@school.example'), firstName: 'x'.repeat(3 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');

    const poisoned = await request(t.url)
      .post(`${API}/auth/login`)
      .set('content-type', 'application/json')
      .send('{"email":"a@b.example","password":"x","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
    expect(poisoned.body.code).toBe('invalid_request');
  });

  it('echoes a request id on every response', async () => {
    const r = await request(t.url).get('/health/live').set('X-Request-Id', 'trace-abc-12345');
    expect(r.headers['x-request-id']).toBe('trace-abc-12345');
    const generated = await request(t.url).get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics with route patterns, never raw ids', async () => {
    await request(t.url).get(`${API}/registrations/01900000-0000-7000-8000-000000000000/verify`);
    await request(t.url).post(`${API}/registrations/01900000-0000-7000-8000-000000000000/verify`).send({ code: '12345678' });
    const r = await request(t.metricsUrl).get('/metrics').expect(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.text).toContain('portal_http_request_duration_seconds_bucket');
    expect(r.text).toContain('route="/api/v1/registrations/:registrationId/verify"');
    expect(r.text).not.toContain('01900000-0000-7000-8000-000000000000');
    expect(r.text).toMatch(/portal_mail_backlog \d+/);
  });

  it('serves the API documentation', async () => {
    const doc = await request(t.url).get('/docs/openapi.json').expect(200);
    expect(doc.body.paths['/api/v1/auth/login']).toBeDefined();
    await request(t.url).get('/docs').expect((r) => expect([200, 301, 302]).toContain(r.status));
  });

  it('cleans up spent codes and dead sessions (data minimisation)', async () => {
    await register(t, 'tidy@school.example');
    const client = await login(t, 'tidy@school.example');
    await client.post('/auth/logout').expect(204);
    const job = t.app.get(IdentityCleanupJob);
    const early = await job.run();
    expect(early).toEqual({ challenges: 0, sessions: 0 });
    t.clock.advanceDays(2);
    const later = await job.run();
    expect(later!.challenges).toBeGreaterThanOrEqual(2); // the registration and the login challenge
    expect(later!.sessions).toBeGreaterThanOrEqual(1);
    t.clock.reset();
  });
});

/**
 * The embedded database serves one connection. A scheduled job holds its lock in a transaction on
 * one connection; a job that asked for a second one waited for itself until the pool gave up (the
 * identity clean-up did, every round, on the embedded default). With a pool of one, every job runs.
 */
describe('Scheduled jobs on a single database connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '1' } });
  });
  afterAll(() => t.close());

  it('each job runs to the end on the one connection', async () => {
    await register(t, 'single@school.example');
    t.clock.advanceDays(2);
    try {
      expect(await t.app.get(IdentityCleanupJob).run()).toMatchObject({ challenges: 1 });
      expect(await t.app.get(RetentionJob).run()).toBeDefined();
      expect(await t.app.get(DueDateRemindersJob).run()).toBeDefined();
      expect(await t.app.get(AbandonedUploadsSweepJob).run()).toBeDefined();
    } finally {
      t.clock.reset();
    }
  });
});
