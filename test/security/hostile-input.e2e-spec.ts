import fc from 'fast-check';
import request from 'supertest';
import { API, PASSWORD, registrationBody } from '../support/portal-client';
import { delegationBody, educationAdviceForm } from '../support/task-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { pdf } from '../support/sample-files';
import { AUTHORIZATION_TABLE } from './authorization-table';
import {
  BodyRules,
  BodyVariant,
  bodyVariants,
  Json,
  materialise,
  notARefusal,
  pathSegmentVariants,
  queryVariants,
  withQuery,
} from './support/hostile';
import { Call, pathOf, RECIPES, send } from './support/route-calls';
import { Actor, Credentials, databaseFingerprint, EMAILS, MADE_UP_ID, World } from './support/world';

/**
 * Hostile input over every route that takes a body or parameters: fast-check generates variants of
 * a valid request (wrong types, 1 MB strings and arrays, 1000-deep nesting, NUL and lone surrogates,
 * right-to-left marks and emoji where only ids/codes/emails belong, prototype keys, malformed JSON,
 * wrong content types, non-UUID and overlong ids). Every variant must get a 4xx problem+json with a
 * `code`, nothing internal in it, and the database must be exactly as it was.
 */

const RUNS = { body: 40, path: 20, query: 25 };
/** A new exploration every developer run (CI replays a fixed seed); a failure names its seed, and FC_SEED=<seed> replays it. */
const SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20261128 : Math.floor(Math.random() * 2 ** 31)));
/** A refusal must also be quick: hostile input that holds the event loop for seconds is a denial of service. */
const SLOW_MS = 5000; // generous: CI machines are busy; before the fix a million values took 3-16 s
const slow = (started: number) => (Date.now() - started > SLOW_MS ? `took ${Date.now() - started} ms` : null);

/** Where the matrix recipe would write even when refused (a wrong code is a strike, a wrong password a failed login), a base that writes nothing when refused. */
const NO_WRITE_BASES: Record<string, (w: World) => Call> = {
  'POST /registrations/{registrationId}/verify': () => ({ params: { registrationId: MADE_UP_ID }, body: { code: '12345678' } }),
  'POST /auth/login': () => ({ body: { email: 'nobody-here@school.example', password: PASSWORD } }),
  'POST /auth/login/verify': () => ({ body: { challengeId: MADE_UP_ID, code: '12345678' } }),
  'POST /password-resets/{resetId}/verify': () => ({ params: { resetId: MADE_UP_ID }, body: { code: '12345678' } }),
  'POST /password-resets/{resetId}/complete': () => ({
    params: { resetId: MADE_UP_ID },
    body: { resetToken: 'a'.repeat(43), newPassword: `${PASSWORD} again` },
  }),
};

/** Richer bodies than the matrix needs, so more kinds of field get mutated. */
const RICHER_BODIES: Record<string, (w: World, call: Call) => Promise<Json> | Json> = {
  'PUT /tasks/{id}/answers': (_w, call) => ({
    version: (call.body as { version: number }).version,
    answers: {
      setting: 'Oakfield',
      startedAtSetting: '2021-09-01',
      keyStage: 'ks2',
      attendanceLevel: 'good',
      areasOfNeed: ['cognition', 'sensory'],
      support: [{ provision: 'Teaching assistant', startDate: '2022-01-10', impact: 'some' }],
    },
  }),
  'POST /tasks/{id}/validate': () => ({ pageId: 'about' }),
  'POST /integration/tasks/{externalRef}/withdraw': () => ({ reason: 'Case closed' }),
  'PATCH /admin/accounts/{id}': () => ({ email: EMAILS.bystander, organisation: 'Example Primary School', disabled: false }),
  'PATCH /admin/work-groups/{id}': () => ({
    name: 'Trust safeguarding',
    organisation: 'Trust',
    notificationEmail: 'team@trust.example',
  }),
  'POST /admin/work-groups': (w) => ({
    key: w.unique('hostile'),
    name: 'Hostile group',
    organisation: 'Trust',
    notificationEmail: 'team@trust.example',
  }),
};

/** Strings that are ids, codes, keys, dates or enum values (`token`), or email addresses; free text is not among them. */
const STRICT: Record<string, Record<string, 'token' | 'email'>> = {
  'POST /registrations': { email: 'email' },
  'POST /registrations/{registrationId}/verify': { code: 'token' },
  'POST /auth/login/verify': { challengeId: 'token', code: 'token' },
  'POST /auth/login/resend': { challengeId: 'token' },
  'POST /password-resets/{resetId}/verify': { code: 'token' },
  'POST /password-resets/{resetId}/complete': { resetToken: 'token' },
  'PUT /tasks/{id}/answers': {
    'answers.startedAtSetting': 'token',
    'answers.keyStage': 'token',
    'answers.attendanceLevel': 'token',
    'answers.areasOfNeed.*': 'token',
    'answers.support.*.startDate': 'token',
    'answers.support.*.impact': 'token',
  },
  'POST /tasks/{id}/validate': { pageId: 'token' },
  'POST /tasks/{id}/reassign': { 'to.accountId': 'token', 'to.workGroupId': 'token' },
  'PATCH /admin/accounts/{id}': { email: 'email' },
  'POST /admin/work-groups': { key: 'token', notificationEmail: 'email' },
  'PATCH /admin/work-groups/{id}': { notificationEmail: 'email' },
  'POST /admin/work-groups/{id}/members': { email: 'email' },
  'POST /integration/tasks': { 'form.key': 'token', 'assignee.email': 'email', dueDate: 'token' },
};

/** A draft's answers: a blank string or an empty list there is "no answer", saved like a missing one. */
const BLANK_IS_UNANSWERED: Record<string, string[]> = { 'PUT /tasks/{id}/answers': ['answers.'] };

/** Never stored, so no length limit applies: a 1 MB value is read and dropped. */
const UNBOUNDED: Record<string, string[]> = { 'POST /integration/tasks/{externalRef}/withdraw': ['reason'] };

/**
 * Routes that answer alike on purpose, whatever they are given, so that nothing can be learnt from
 * them (API.md: made-up registration and reset ids behave like real ones; a reset is "sent" for any
 * email). Here a well-formed but odd value may be accepted (2xx): a reset is recorded for any email
 * (so made-up reset ids behave like real ones), a resend of a made-up id answers 202 and writes nothing.
 */
const UNIFORM: Record<string, { accepts: (BodyVariant['kind'] | 'path')[]; tables: string[] }> = {
  'POST /password-resets': { accepts: ['huge-string'], tables: ['password_resets'] },
  'POST /registrations/{registrationId}/resend': { accepts: ['path'], tables: ['registrations'] },
  // A made-up (well-formed) registration id gets a decoy row that counts wrong codes like a real one.
  'POST /registrations/{registrationId}/verify': { accepts: [], tables: ['registrations'] },
  'POST /auth/login/resend': { accepts: ['huge-string', 'tricky-unicode'], tables: [] },
};

/** Prefill shows text, numbers, true/false or a list of text (API.md: only its shape is checked). */
const LOOSELY_TYPED: Record<string, string[]> = {
  'POST /integration/tasks': ['prefill.childName', 'prefill.dateOfBirth', 'prefill.caseWorker'],
};

/** The caller who may use the route (hostile input from someone entitled to call it reaches the deepest code). */
function entitled(route: string): Actor {
  const row = AUTHORIZATION_TABLE[route];
  return (['owner', 'admin', 'member', 'integration', 'anonymous', 'stranger'] as const).find((a) => row[a] === 'OK') ?? 'owner';
}

function raw(t: TestApp, method: string, path: string, credentials: Credentials): request.Test {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(t.url)[verb](API + path);
  if (credentials.session) {
    req = req.set('Cookie', `portal_session=${encodeURIComponent(credentials.session.token)}`);
    if (method !== 'GET') req = req.set('X-CSRF-Token', credentials.session.csrf);
  }
  if (credentials.bearer) req = req.set('Authorization', `Bearer ${credentials.bearer}`);
  return req;
}

/** No mail queued and no delivery in flight: the background workers have nothing left to write. */
async function quiet(t: TestApp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number }>(
      t,
      "SELECT (SELECT count(*) FROM mail_outbox) + (SELECT count(*) FROM deliveries WHERE status = 'pending') AS n",
    );
    if (Number(row.n) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Hostile input: always a clean 4xx refusal, never a 500 or a leak, and nothing written', () => {
  let t: TestApp;
  let w: World;
  const queryNames: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await startTestApp();
    w = await World.build(t, { failedDelivery: true });
    const doc = (await request(t.url).get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        if (names.length) queryNames[`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`] = names;
      }
    }
  });
  afterAll(() => t?.close());

  const routes = Object.keys(AUTHORIZATION_TABLE).filter((r) => r !== 'POST /tasks/{id}/attachments');

  it.each(routes)('%s', async (route) => {
    const [method, template] = route.split(' ');
    const actor = entitled(route);
    const call = NO_WRITE_BASES[route]?.(w) ?? (await RECIPES[route](w, actor));
    const credentials = call.credentials ?? w.credentials(actor);
    const body = RICHER_BODIES[route] ? await RICHER_BODIES[route](w, call) : (call.body as Json | undefined);
    const params = Object.keys(call.params ?? {});
    const queries = queryNames[route] ?? [];
    const path = pathOf(template, call.params);
    const failures: string[] = [];

    await quiet(t);
    const before = await databaseFingerprint(t);

    // The body: for bodiless writes, only what arrives before any handler (malformed JSON, content types).
    if (method !== 'GET' && method !== 'DELETE') {
      const rules: BodyRules = {
        strict: STRICT[route],
        unbounded: UNBOUNDED[route],
        looselyTyped: LOOSELY_TYPED[route],
        blankIsUnanswered: BLANK_IS_UNANSWERED[route],
      };
      let variants = bodyVariants(body ?? {}, rules);
      if (body === undefined)
        variants = variants.filter((v) => v.kind === 'malformed-json' || v.kind === 'content-type' || v.kind === 'form-encoded');
      await fc
        .assert(
          fc.asyncProperty(variants, async (v: BodyVariant) => {
            const { contentType, text } = materialise(body ?? {}, v);
            const started = Date.now();
            const res = await raw(t, method, path, credentials).set('Content-Type', contentType).send(text);
            const problem = notARefusal(res, UNIFORM[route]?.accepts.includes(v.kind)) ?? slow(started);
            if (problem) failures.push(`${JSON.stringify(v).slice(0, 200)} → ${problem}`);
            return problem === null;
          }),
          { numRuns: RUNS.body, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined); // recorded in `failures`
    }

    // Every path parameter in turn.
    if (params.length) {
      await fc
        .assert(
          fc.asyncProperty(fc.constantFrom(...params), pathSegmentVariants(), async (name, segment) => {
            const hostilePath = template.replace(/\{(\w+)\}/g, (_, p: string) =>
              p === name ? segment : encodeURIComponent(call.params![p]),
            );
            let req = raw(t, method, hostilePath + (call.query ? `?${new URLSearchParams(call.query)}` : ''), credentials);
            if (body !== undefined) req = req.send(body as object);
            const res = await req;
            const problem = notARefusal(res, UNIFORM[route]?.accepts.includes('path'));
            if (problem) failures.push(`{${name}} = ${segment.slice(0, 80)} → ${problem}`);
            return problem === null;
          }),
          { numRuns: RUNS.path, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
    }

    // Query parameters: a hostile value may be a harmless filter (200, e.g. an email nobody has), but never a 5xx or a leak.
    if (queries.length) {
      await fc
        .assert(
          fc.asyncProperty(queryVariants(queries), async (q) => {
            const res = await raw(t, method, withQuery(path, call.query, q), credentials);
            const problem = notARefusal(res, true);
            if (problem) failures.push(`?${q.name}=${JSON.stringify(q.values).slice(0, 80)} → ${problem}`);
            return problem === null;
          }),
          { numRuns: RUNS.query, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
    }

    await quiet(t);
    const after = await databaseFingerprint(t);
    const changed = Object.keys(before).filter(
      (table) => before[table] !== after[table] && !UNIFORM[route]?.tables.includes(table),
    );
    expect({ seed: SEED, failures, changed }).toEqual({ seed: SEED, failures: [], changed: [] });
    expect(({} as Record<string, unknown>).polluted_by_test).toBeUndefined();
  });

  /** Each of these once got a 500, a leak, a silent write or a multi-second stall (found by the properties above). */
  describe('regressions', () => {
    const owner = () => w.credentials('owner');
    const expectRefused = (res: request.Response, status: number, code: string) => {
      expect({ status: res.status, code: res.body?.code, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
        status,
        code,
        type: 'application/problem+json',
      });
    };

    it('NUL and lone surrogates in JSON are refused, not a 500 from PostgreSQL nor stored as U+FFFD', async () => {
      await quiet(t);
      const before = await databaseFingerprint(t);
      expectRefused(
        await raw(t, 'PATCH', '/me', owner()).set('Content-Type', 'application/json').send('{"jobTitle":"SEN\\u0000Co"}'),
        400,
        'invalid_request',
      );
      expectRefused(
        await raw(t, 'PATCH', '/me', owner()).set('Content-Type', 'application/json').send('{"jobTitle":"SEN\\udfffCo"}'),
        400,
        'invalid_request',
      );
      const definition = JSON.stringify({ ...educationAdviceForm(), version: 7, title: 'x\ud800' });
      expectRefused(
        await raw(t, 'PUT', '/integration/form-definitions/education-advice/versions/7', w.credentials('integration'))
          .set('Content-Type', 'application/json')
          .send(definition),
        400,
        'invalid_request',
      );
      expectRefused(
        await raw(t, 'GET', `/integration/tasks/LCS%00${w.ownerTask.externalRef}`, w.credentials('integration')),
        400,
        'invalid_request',
      );
      expectRefused(await raw(t, 'GET', '/admin/accounts?email=a%00b@x.example', w.credentials('admin')), 400, 'invalid_request');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('prototype keys are refused at any depth, not silently dropped or stored (a submit with one used to go through)', async () => {
      const task = await w.freshCompleteOwnerTask();
      const version = await w.currentVersion(task.id);
      for (const text of [
        `{"version":${version},"prototype":{"x":1}}`,
        `{"version":${version},"constructor":{}}`,
        `{"version":${version},"a":{"__proto__":{}}}`,
        `{"version":${version},"valueOf":1}`,
      ]) {
        expectRefused(
          await raw(t, 'POST', `/tasks/${task.id}/submit`, owner()).set('Content-Type', 'application/json').send(text),
          400,
          'invalid_request',
        );
      }
      expect((await sql<{ status: string }>(t, 'SELECT status FROM tasks WHERE id = ?', [task.id]))[0].status).toBe(
        'in_progress',
      );
      // Inherited names passed class-validator's whitelist and were stored with the registration / the draft.
      const body = registrationBody('shadow@school.example');
      const shadowed = { ...body, address: { ...(body.address as object), valueOf: 'x' } };
      expectRefused(await request(t.url).post(`${API}/registrations`).send(shadowed), 400, 'invalid_request');
      const answers = { version, answers: { support: [{ provision: 'TA', toString: 'x' }] } };
      expectRefused(await raw(t, 'PUT', `/tasks/${task.id}/answers`, owner()).send(answers), 400, 'invalid_request');
    });

    it('only UTF-8 JSON is read: other charsets, form posts and stray multipart are 415, not parsed as if they were JSON or `{}`', async () => {
      const id = w.ownerTask.id;
      const version = await w.currentVersion(id);
      const answers = JSON.stringify({ version, answers: { setting: 'Changed' } });
      expectRefused(
        await raw(t, 'PUT', `/tasks/${id}/answers`, owner())
          .set('Content-Type', 'application/json; charset=utf-16')
          .send(answers),
        415,
        'unsupported_media_type',
      );
      expectRefused(
        await raw(t, 'PATCH', '/me', owner()).set('Content-Type', 'application/x-www-form-urlencoded').send('jobTitle=Changed'),
        415,
        'unsupported_media_type',
      );
      const fresh = await w.freshSession('owner');
      expectRefused(
        await raw(t, 'POST', '/auth/logout', fresh)
          .set('Content-Type', 'multipart/form-data; boundary=----x')
          .send('------x--\r\n'),
        415,
        'unsupported_media_type',
      );
      await send(t, 'GET', '/me', {}, fresh).expect(200); // still signed in
      expect(await w.currentVersion(id)).toBe(version);
      expectRefused(
        await raw(t, 'PATCH', '/me', owner()).set('Content-Type', 'application/json').send('\uFEFF\uFEFF{}'),
        400,
        'invalid_request',
      );
    });

    it('a JSON string is not "no body": a withdrawal with body "" is refused', async () => {
      const task = await w.freshOwnerTask();
      expectRefused(
        await raw(t, 'POST', `/integration/tasks/${encodeURIComponent(task.externalRef)}/withdraw`, w.credentials('integration'))
          .set('Content-Type', 'application/json')
          .send('""'),
        400,
        'invalid_request',
      );
      await raw(t, 'GET', `/integration/tasks/${encodeURIComponent(task.externalRef)}`, w.credentials('integration')).expect(200);
    });

    it("router and HTTP-parser refusals are problem documents too (they were Fastify's own JSON)", async () => {
      expectRefused(await raw(t, 'GET', '/tasks/%', owner()), 400, 'invalid_request');
      expectRefused(await raw(t, 'GET', '/tasks/%C0%AF', owner()), 400, 'invalid_request');
      expectRefused(await raw(t, 'GET', `/tasks/${'a'.repeat(150)}`, owner()), 404, 'not_found');
      expectRefused(await raw(t, 'GET', `/tasks/${'a'.repeat(20_000)}`, owner()), 431, 'headers_too_large');
    });

    it('a body of a million tiny values is refused at once instead of holding the event loop for seconds', async () => {
      // CPU time, not wall time: what a hostile body costs this process holds on a loaded machine.
      const started = process.cpuUsage();
      const text = JSON.stringify({ email: new Array(900_000).fill(1) });
      expectRefused(
        await request(t.url).post(`${API}/password-resets`).set('Content-Type', 'application/json').send(text),
        400,
        'invalid_request',
      );
      expectRefused(
        await raw(t, 'POST', `/tasks/${w.ownerTask.id}/reassign`, owner())
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ to: new Array(500_000).fill({}) })),
        400,
        'invalid_request',
      );
      const spent = process.cpuUsage(started);
      expect((spent.user + spent.system) / 1000).toBeLessThan(3000); // each took 3-8 s before, on an idle machine
    });

    it('an email address with invisible or bidi-override characters is refused wherever one is taken', async () => {
      const spoof = 'owner\u202E@school.example';
      expectRefused(await request(t.url).post(`${API}/registrations`).send(registrationBody(spoof)), 422, 'invalid_email');
      const res = await raw(t, 'POST', `/admin/work-groups/${w.group.id}/members`, w.credentials('admin')).send({
        email: 'a\u200Bb@trust.example',
      });
      expect([res.status, String(res.headers['content-type']).split(';')[0]]).toEqual([422, 'application/problem+json']);
      const delegated = await raw(t, 'POST', '/integration/tasks', w.credentials('integration')).send(
        delegationBody('x\u2060y@school.example'),
      );
      expect(delegated.status).toBe(422);
    });
  });

  describe('uploads (multipart)', () => {
    const TRAVERSAL = [
      '../../etc/passwd.pdf',
      '..\\..\\windows\\system32\\drivers.pdf',
      '/etc/passwd.pdf',
      'C:\\Windows\\win.pdf',
      '....//....//x.pdf',
      '%2e%2e%2f%2e%2e%2fx.pdf',
      'a/b/c.pdf',
      'fdp.exe\u202E.pdf',
      '\u202Efdp.exe',
      'x.pdf\u0000.exe',
      'a\r\nContent-Type: text/html\r\n\r\n<script>.pdf',
      'CON.pdf',
      '.pdf',
      '..pdf',
      '.htaccess.pdf',
      ' . .pdf',
      `${'x'.repeat(5000)}.pdf`,
      '<img src=x onerror=alert(1)>.pdf',
      '"quoted";filename=evil.exe.pdf',
      "it's%20naïve résumé.pdf",
      '\u061Cplan\u2066.pdf',
      'plan\u2060\u200D😀.pdf',
      '',
    ];
    const filenames = fc.oneof(
      fc.constantFrom(...TRAVERSAL),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => `${s}.pdf`),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => `${s}.pdf`),
      fc
        .tuple(fc.constantFrom('../', '..\\', '/', './', '%2e%2e/'), fc.string({ minLength: 1, maxLength: 10 }))
        .map(([a, b]) => `${a}${a}${b}.pdf`),
    );
    /** Nothing a path, a header or a screen could be fooled with. */
    const unsafe = (name: string) =>
      /[/\\<>:"|?*]|^[.\s]|[.\s]$|\p{Cc}|\p{Cf}|\p{Zl}|\p{Zp}/u.test(name.replace(/\.pdf$/, '')) ||
      name.length > 200 ||
      !name.endsWith('.pdf');

    it('a file name never carries a path, a control, invisible or bidi character into storage or the download header', async () => {
      const owner = w.clients.owner;
      const problems: string[] = [];
      const check = async (filename: string): Promise<boolean> => {
        const res = await owner.agent
          .post(`${API}/tasks/${w.ownerTask.id}/attachments`)
          .set('X-CSRF-Token', owner.csrf)
          .attach('file', pdf(), { filename, contentType: 'application/pdf' });
        let problem: string | null = null;
        if (res.status === 201) {
          const stored = res.body.filename as string;
          if (unsafe(stored)) problem = `stored as ${JSON.stringify(stored)}`;
          const download = await owner.get(`/tasks/${w.ownerTask.id}/attachments/${res.body.id}`);
          const disposition = String(download.headers['content-disposition']);
          if (
            !/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[\x21-\x7e]*$/.test(disposition) ||
            /"[^"]*"[^;]/.test(disposition.split(';')[1])
          ) {
            problem = `header ${JSON.stringify(disposition)}`;
          }
          await owner.delete(`/tasks/${w.ownerTask.id}/attachments/${res.body.id}`).expect(204);
        } else {
          problem = notARefusal(res);
        }
        if (problem) problems.push(`${JSON.stringify(filename).slice(0, 100)} → ${problem}`);
        return problem === null;
      };
      // Every known trick once, then fast-check's own.
      for (const filename of TRAVERSAL) await check(filename);
      await fc.assert(fc.asyncProperty(filenames, check), { numRuns: 40, seed: SEED, endOnFailure: true }).catch(() => undefined);
      expect({ seed: SEED, problems }).toEqual({ seed: SEED, problems: [] });
    });

    it('broken, disguised or misdirected uploads are refused and store nothing', async () => {
      const owner = w.clients.owner;
      const url = `${API}/tasks/${w.ownerTask.id}/attachments`;
      const post = () =>
        request(t.url)
          .post(url)
          .set('Cookie', `portal_session=${encodeURIComponent(owner.sessionToken)}`)
          .set('X-CSRF-Token', owner.csrf);
      const boundary = '----hostile';
      const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
      const multipart = `multipart/form-data; boundary=${boundary}`;
      // One file per request: of two, the first is taken and the second never read (not an error, but never both).
      const two = await post().attach('file', pdf(), 'a.pdf').attach('file', pdf(), 'b.pdf');
      expect(two.status === 201 ? two.body.filename : notARefusal(two)).toBe(two.status === 201 ? 'a.pdf' : null);
      if (two.status === 201) await owner.delete(`/tasks/${w.ownerTask.id}/attachments/${two.body.id}`).expect(204);

      await quiet(t);
      const before = await databaseFingerprint(t);
      const cases: [string, () => request.Test][] = [
        ['the file in another field', () => post().attach('document', pdf(), 'plan.pdf')],
        ['no file, only a text field', () => post().field('file', 'not a file')],
        ['no boundary', () => post().set('Content-Type', 'multipart/form-data').send('garbage')],
        ['a body that is not multipart at all', () => post().set('Content-Type', multipart).send('%PDF-1.4 garbage')],
        [
          'an unterminated part',
          () =>
            post()
              .set('Content-Type', multipart)
              .send(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4`),
        ],
        ['an empty body', () => post().set('Content-Type', multipart).send('')],
        ['JSON instead of a file', () => post().send({ file: 'JVBERi0xLjQ=' })],
        ['an HTML form post', () => post().set('Content-Type', 'application/x-www-form-urlencoded').send('file=x')],
        ['a script wearing .pdf', () => post().attach('file', Buffer.from('<script>alert(1)</script>'), 'plan.pdf')],
        [
          'an executable wearing .pdf',
          () => post().attach('file', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), 'plan.pdf'),
        ],
        ['a PDF wearing .exe', () => post().attach('file', pdf(), 'plan.exe')],
        ['an empty file', () => post().attach('file', Buffer.alloc(0), 'plan.pdf')],
        [
          'a part whose headers never end',
          () =>
            post()
              .set('Content-Type', multipart)
              .send(part(`Content-Disposition: form-data; name="file"; filename="a.pdf"${'X'.repeat(100_000)}`, '%PDF')),
        ],
        [
          'a NUL in the field name',
          () =>
            post()
              .set('Content-Type', multipart)
              .send(
                part('Content-Disposition: form-data; name="fi\u0000le"; filename="a.pdf"', '%PDF-1.4') + `--${boundary}--\r\n`,
              ),
        ],
      ];
      const problems: string[] = [];
      for (const [label, make] of cases) {
        const problem = notARefusal(await make());
        if (problem) problems.push(`${label} → ${problem}`);
      }
      await fc
        .assert(
          fc.asyncProperty(
            fc.uint8Array({ minLength: 1, maxLength: 4096 }),
            fc.constantFrom('pdf', 'docx', 'doc', 'png', 'jpg'),
            async (bytes, ext) => {
              const problem = notARefusal(await post().attach('file', Buffer.from(bytes), `random.${ext}`));
              if (problem) problems.push(`random bytes as .${ext} → ${problem}`);
              return problem === null;
            },
          ),
          { numRuns: 30, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined);
      await quiet(t);
      const after = await databaseFingerprint(t);
      const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
      expect({ seed: SEED, problems, changed }).toEqual({ seed: SEED, problems: [], changed: [] });
    });
  });
});
