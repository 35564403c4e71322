import fc from 'fast-check';
import request from 'supertest';
import { API, PASSWORD, registrationBody } from '../support/portal-client';
import { delegationBody, educationAdviceForm } from '../tasks/support/tasks-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../tasks/support/database';
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
/** A new exploration every run; a failure names its seed, and FC_SEED=<seed> replays it. */
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
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
  'POST /registrations/{registrationId}/resend': { accepts: ['path'], tables: [] },
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
  }, 120_000);
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
      const rules: BodyRules = { strict: STRICT[route], unbounded: UNBOUNDED[route], looselyTyped: LOOSELY_TYPED[route] };
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
      const started = Date.now();
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
      expect(Date.now() - started).toBeLessThan(3000); // each took 3-8 s before, on an idle machine
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
});
