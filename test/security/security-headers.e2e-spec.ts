import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { webClientDir } from '../../src/bootstrap';
import { API, PASSWORD, register } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { pdf } from '../support/sample-files';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';

/**
 * Security headers on every class of response: API JSON, problem documents (from the filter and from
 * the router and HTTP parser before any hook), files, the web client, Swagger UI, probes and
 * metrics. CORS stays closed. HSTS and Secure cookies only when PUBLIC_URL is https.
 */

type Check = { label: string; res: request.Response };

function headerProblems({ label, res }: Check, https: boolean): string[] {
  const h = res.headers;
  const problems: string[] = [];
  const expectHeader = (name: string, test: (v: string) => boolean, want: string) => {
    const value = h[name] as string | undefined;
    if (value === undefined || !test(value)) problems.push(`${label}: ${name} is ${JSON.stringify(value)}, want ${want}`);
  };
  expectHeader('x-content-type-options', (v) => v === 'nosniff', 'nosniff');
  expectHeader('x-frame-options', (v) => v === 'DENY', 'DENY');
  expectHeader('referrer-policy', (v) => v === 'no-referrer', 'no-referrer');
  expectHeader(
    'content-security-policy',
    (v) => v.includes("frame-ancestors 'none'") && !/script-src[^;]*'unsafe-(inline|eval)'/.test(v),
    "frame-ancestors 'none', no unsafe scripts",
  );
  if (https)
    expectHeader(
      'strict-transport-security',
      (v) => /max-age=(\d+)/.test(v) && Number(/max-age=(\d+)/.exec(v)![1]) >= 31_536_000 && v.includes('includeSubDomains'),
      'a year, includeSubDomains',
    );
  else if (h['strict-transport-security'] !== undefined) problems.push(`${label}: HSTS over plain http`);
  for (const absent of ['x-powered-by', 'server', 'access-control-allow-origin', 'access-control-allow-credentials']) {
    if (h[absent] !== undefined) problems.push(`${label}: ${absent}: ${h[absent]}`);
  }
  return problems;
}

interface Session {
  token: string;
  csrf: string;
}

/** Requests with the session cookies set by hand (a cookie jar would not send Secure cookies over plain http). */
function as(t: TestApp, session: Session) {
  const cookie = `portal_session=${encodeURIComponent(session.token)}; portal_csrf=${encodeURIComponent(session.csrf)}`;
  return {
    get: (path: string) => request(t.url).get(path).set('Cookie', cookie),
    write: (method: 'post' | 'patch' | 'delete', path: string, csrf = true) => {
      const r = request(t.url)[method](path).set('Cookie', cookie);
      return csrf ? r.set('X-CSRF-Token', session.csrf) : r;
    },
  };
}

async function signIn(t: TestApp, email: string): Promise<{ session: Session; cookies: string[] }> {
  const since = t.mail.mark();
  const started = await request(t.url).post(`${API}/auth/login`).send({ email, password: PASSWORD }).expect(202);
  const code = await t.mail.codeFor(email, since);
  const verified = await request(t.url)
    .post(`${API}/auth/login/verify`)
    .send({ challengeId: started.body.challengeId, code })
    .expect(200);
  const cookies = verified.headers['set-cookie'] as unknown as string[];
  const value = (name: string) =>
    decodeURIComponent(
      cookies
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]
        .slice(name.length + 1),
    );
  return { session: { token: value('portal_session'), csrf: value('portal_csrf') }, cookies };
}

/** A task delegated to the owner with one attachment. */
async function ownerTask(t: TestApp, session: Session): Promise<{ taskId: string; attachmentId: string }> {
  await publishSampleForms(t);
  const task = await delegate(t, delegationBody('owner@school.example'));
  const uploaded = await as(t, session)
    .write('post', `${API}/tasks/${task.id}/attachments`)
    .attach('file', pdf(), 'plan.pdf')
    .expect(201);
  return { taskId: task.id, attachmentId: uploaded.body.id };
}

/** One response of every class the portal sends. */
async function everyKindOfResponse(t: TestApp, session: Session, taskId: string, attachmentId: string): Promise<Check[]> {
  const anonymous = request(t.url);
  const me = as(t, session);
  const extra = await me.write('post', `${API}/tasks/${taskId}/attachments`).attach('file', pdf(), 'extra.pdf');
  const checks: Check[] = [
    { label: 'API JSON', res: await me.get(`${API}/me`) },
    { label: 'API list', res: await me.get(`${API}/tasks`) },
    { label: 'API 201', res: extra },
    { label: 'API 204', res: await me.write('delete', `${API}/tasks/${taskId}/attachments/${extra.body.id}`) },
    { label: 'problem 401', res: await anonymous.get(`${API}/me`) },
    { label: 'problem 403 csrf', res: await me.write('patch', `${API}/me`, false).send({ jobTitle: 'x' }) },
    { label: 'problem 404 route', res: await anonymous.get(`${API}/nothing-here`) },
    { label: 'problem 404 task', res: await me.get(`${API}/tasks/01900000-0000-7000-8000-000000000000`) },
    { label: 'problem 400 JSON', res: await me.write('patch', `${API}/me`).set('Content-Type', 'application/json').send('{') },
    { label: 'problem 415', res: await me.write('patch', `${API}/me`).set('Content-Type', 'text/xml').send('<a/>') },
    {
      label: 'problem 413',
      res: await anonymous
        .post(`${API}/auth/login`)
        .set('Content-Type', 'application/json')
        .send(`{"email":"${'x'.repeat(3 * 1024 * 1024)}"}`),
    },
    { label: 'problem 400 bad URL (router)', res: await anonymous.get(`${API}/tasks/%`) },
    { label: 'problem 404 overlong id (router)', res: await me.get(`${API}/tasks/${'a'.repeat(300)}`) },
    { label: 'problem 431 (HTTP parser)', res: await anonymous.get(`${API}/tasks?x=${'y'.repeat(20_000)}`) },
    { label: 'attachment download', res: await me.get(`${API}/tasks/${taskId}/attachments/${attachmentId}`) },
    { label: 'PDF', res: await me.get(`${API}/tasks/${taskId}/pdf`) },
    { label: 'Swagger UI', res: await anonymous.get('/docs').redirects(2) },
    { label: 'OpenAPI document', res: await anonymous.get('/docs/openapi.json') },
    { label: 'health live', res: await anonymous.get('/health/live') },
    { label: 'health ready', res: await anonymous.get('/health/ready') },
    { label: 'metrics', res: await anonymous.get('/metrics') },
  ];
  const web = webClientDir();
  if (web) {
    const asset = readdirSync(join(web, 'assets')).find((f) => f.endsWith('.js'));
    checks.push(
      { label: 'web client /', res: await anonymous.get('/') },
      { label: 'web client route', res: await anonymous.get('/tasks/some-task') },
      { label: 'web client asset', res: await anonymous.get(`/assets/${asset}`) },
      { label: 'web client missing file', res: await anonymous.get('/assets/missing.js') },
    );
  } else {
    console.warn('web/dist is not built: the web client responses are not checked (npm run build:web)');
  }
  return checks;
}

describe('Security headers, CORS and cookies', () => {
  describe('over plain http (tests, development)', () => {
    let t: TestApp;
    let session: Session;
    let cookies: string[];
    let fixture: { taskId: string; attachmentId: string };
    let checks: Check[];

    beforeAll(async () => {
      t = await startTestApp();
      await register(t, 'owner@school.example');
      ({ session, cookies } = await signIn(t, 'owner@school.example'));
      fixture = await ownerTask(t, session);
      checks = await everyKindOfResponse(t, session, fixture.taskId, fixture.attachmentId);
    });
    afterAll(() => t?.close());

    const byLabel = (label: string) => checks.find((c) => c.label === label)!.res;

    it('every kind of response carries the headers; none carries X-Powered-By or HSTS', () => {
      expect(Object.fromEntries(checks.map((c) => [c.label, c.res.status]))).toMatchObject({
        'API JSON': 200,
        'API 201': 201,
        'API 204': 204,
        'problem 401': 401,
        'problem 403 csrf': 403,
        'problem 413': 413,
        'problem 400 bad URL (router)': 400,
        'problem 404 overlong id (router)': 404,
        'problem 431 (HTTP parser)': 431,
        'attachment download': 200,
        PDF: 200,
      });
      expect(checks.flatMap((c) => headerProblems(c, false))).toEqual([]);
    });

    it('problem documents say so in their content type, wherever they come from', () => {
      const problems = checks.filter((c) => c.label.startsWith('problem'));
      expect(problems.map((c) => [c.label, String(c.res.headers['content-type']).split(';')[0]])).toEqual(
        problems.map((c) => [c.label, 'application/problem+json']),
      );
    });

    it('the web client may load only its own scripts, styles and connections', () => {
      if (!webClientDir()) return;
      const csp = String(byLabel('web client /').headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ]) {
        expect(csp).toContain(directive);
      }
    });

    it('answers with personal data are not cached; files are downloads, never shown inline', () => {
      for (const label of ['attachment download', 'PDF']) {
        expect(byLabel(label).headers['content-disposition']).toMatch(/^attachment;/);
      }
      const caching = ['API JSON', 'API list', 'attachment download', 'PDF', 'problem 404 task'].map((label) => [
        label,
        byLabel(label).headers['cache-control'],
      ]);
      expect(caching).toEqual(caching.map(([label]) => [label, expect.stringMatching(/no-store/)]));
    });

    it('CORS is closed: no preflight or request from another origin gets an Access-Control-Allow-* header', async () => {
      const paths = [
        `${API}/auth/login`,
        `${API}/me`,
        `${API}/tasks`,
        `${API}/integration/tasks`,
        `${API}/admin/accounts`,
        '/docs/openapi.json',
        '/',
      ];
      const leaks: string[] = [];
      for (const path of paths) {
        for (const origin of ['https://evil.example', 'null', 'http://portal.test.evil.example']) {
          const preflight = await request(t.url)
            .options(path)
            .set('Origin', origin)
            .set('Access-Control-Request-Method', 'POST')
            .set('Access-Control-Request-Headers', 'content-type, x-csrf-token');
          const simple = await as(t, session).get(path).set('Origin', origin);
          for (const [kind, res] of [
            ['preflight', preflight],
            ['request', simple],
          ] as const) {
            for (const header of Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))) {
              leaks.push(`${kind} ${path} from ${origin}: ${header}=${res.headers[header]}`);
            }
          }
        }
      }
      expect(leaks).toEqual([]);
    });

    it('session cookies: the session HttpOnly, both SameSite=Strict and Path=/, not Secure over http', () => {
      const session = cookies.find((c) => c.startsWith('portal_session='))!;
      const csrf = cookies.find((c) => c.startsWith('portal_csrf='))!;
      expect(session).toMatch(/; HttpOnly/i);
      expect(csrf).not.toMatch(/; HttpOnly/i);
      for (const cookie of [session, csrf]) {
        expect(cookie).toMatch(/; SameSite=Strict/i);
        expect(cookie).toMatch(/; Path=\/(;|$)/);
        expect(cookie).not.toMatch(/; Secure/i);
      }
    });
  });

  describe('behind https (PUBLIC_URL=https://portal.example)', () => {
    let t: TestApp;
    let session: Session;
    let cookies: string[];
    let checks: Check[];

    beforeAll(async () => {
      t = await startTestApp({ env: { PUBLIC_URL: 'https://portal.example' } });
      await register(t, 'owner@school.example');
      ({ session, cookies } = await signIn(t, 'owner@school.example'));
      const fixture = await ownerTask(t, session);
      checks = await everyKindOfResponse(t, session, fixture.taskId, fixture.attachmentId);
    });
    afterAll(() => t?.close());

    it('both session cookies are Secure (and the session still HttpOnly, both SameSite=Strict)', () => {
      const sessionCookie = cookies.find((c) => c.startsWith('portal_session='))!;
      const csrf = cookies.find((c) => c.startsWith('portal_csrf='))!;
      for (const cookie of [sessionCookie, csrf]) {
        expect(cookie).toMatch(/; Secure/i);
        expect(cookie).toMatch(/; SameSite=Strict/i);
      }
      expect(sessionCookie).toMatch(/; HttpOnly/i);
    });

    it('every kind of response carries HSTS (a year, subdomains) and the other headers', () => {
      expect(checks.find((c) => c.label === 'API JSON')!.res.status).toBe(200);
      expect(checks.flatMap((c) => headerProblems(c, true))).toEqual([]);
    });

    it('a dead session is answered 401 and both cookies are cleared', async () => {
      const res = await request(t.url).get(`${API}/me`).set('Cookie', 'portal_session=dead; portal_csrf=dead').expect(401);
      const cleared = res.headers['set-cookie'] as unknown as string[];
      expect(cleared.map((c) => c.split('=')[0]).sort()).toEqual(['portal_csrf', 'portal_session']);
      for (const c of cleared) expect(c).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    });
  });
});
