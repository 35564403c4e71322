import request from 'supertest';
import { API, login, PortalClient, register } from '../support/portal-client';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/sql';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { PrivatePostgres, privatePostgresUnavailable, startPrivatePostgres } from './support/private-postgres';

/**
 * PostgreSQL restarted under load, on a cluster of this test's own (the shared server stays up for
 * the suites running beside it): while it is down requests fail fast with 503 problem details and
 * /health/ready says so; once it is back the portal recovers by itself; nothing is half-written.
 */

interface Outcome {
  kind: string;
  startedAt: number;
  ms: number;
  status: number;
  code?: string;
  contentType: string;
  save?: number;
}

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`PostgreSQL restart test skipped: ${unavailable}`);
const describeWithServer = unavailable ? describe.skip : describe;

describeWithServer('PostgreSQL restarted under load', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  let owner: PortalClient;
  let taskId: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    // 1 s rather than the 1.5 s default, so the bound below has room on a busy machine.
    t = await startTestApp({ databaseUrl: pg.url, env: { DATABASE_ACQUIRE_TIMEOUT_MS: '1000' } });
    await publishSampleForms(t);
    await register(t, 'owner@school.example');
    owner = await login(t, 'owner@school.example');
    taskId = (await delegate(t, delegationBody('owner@school.example'))).id;
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    pg?.destroy();
  });

  it('fails fast with 503 while it is down, recovers by itself, and keeps every save whole', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    let version = (await owner.get(`/tasks/${taskId}`).expect(200)).body.version as number;
    let saves = 0;
    /** The last save the portal confirmed, and the ones whose outcome nobody learnt. */
    let acknowledged = 0;
    const unknown: number[] = [];

    const record = async (kind: string, send: () => request.Test, save?: number) => {
      const startedAt = Date.now();
      let res: request.Response;
      try {
        res = await send().timeout(15_000);
      } catch (error) {
        outcomes.push({
          kind,
          startedAt,
          ms: Date.now() - startedAt,
          status: 0,
          contentType: String((error as Error).message),
          save,
        });
        return undefined;
      }
      outcomes.push({
        kind,
        startedAt,
        ms: Date.now() - startedAt,
        status: res.status,
        code: res.body?.code,
        contentType: String(res.headers['content-type']).split(';')[0],
        save,
      });
      return res;
    };

    const reader = async (kind: string, send: () => request.Test) => {
      while (running) {
        await record(kind, send);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const writer = async () => {
      while (running) {
        const n = ++saves;
        const res = await record(
          'save',
          () => owner.put(`/tasks/${taskId}/answers`, { version, answers: { setting: `save ${n}` } }),
          n,
        );
        if (res?.status === 200) {
          version = res.body.version;
          acknowledged = n;
        } else {
          unknown.push(n);
          if (res?.status === 409) {
            // An earlier save whose answer was lost did commit: carry on from what is stored.
            const current = await owner.get(`/tasks/${taskId}`);
            if (current.status === 200) version = current.body.version;
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = Promise.all([
      reader('me', () => owner.get('/me')),
      reader('tasks', () => owner.get('/tasks')),
      reader('task', () => owner.get(`/tasks/${taskId}`)),
      reader('login', () =>
        request(t.url)
          .post(`${API}/auth/login`)
          .send({ email: 'nobody@school.example', password: 'x'.repeat(12) }),
      ),
      writer(),
    ]);

    await new Promise((r) => setTimeout(r, 1000));
    const stopping = Date.now();
    pg.stop('fast');
    const down = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const ready = await record('ready', () => request(t.url).get('/health/ready'));
    pg.start();
    const up = Date.now();

    // Recovery by itself: the same app, no restart.
    let recoveredAt = 0;
    while (Date.now() - up < 30_000) {
      const me = await request(t.url).get('/health/ready');
      const ok = await owner.get('/me');
      if (me.status === 200 && ok.status === 200) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await load;

    const during = outcomes.filter((o) => o.startedAt >= down + 200 && o.startedAt + o.ms <= up && o.kind !== 'ready');
    const after = outcomes.filter((o) => o.startedAt >= recoveredAt && recoveredAt > 0);
    const summary = (list: Outcome[]) =>
      Object.entries(
        list.reduce<Record<string, number>>(
          (acc, o) => ((acc[`${o.status} ${o.code ?? ''}`.trim()] = (acc[`${o.status} ${o.code ?? ''}`.trim()] ?? 0) + 1), acc),
          {},
        ),
      );

    // Down: a clear, quick refusal.
    expect(ready!.status).toBe(503);
    expect(during.length).toBeGreaterThan(10);
    expect(
      summary(
        during.filter(
          (o) => !(o.status === 503 && o.code === 'database_unavailable' && o.contentType === 'application/problem+json'),
        ),
      ),
    ).toEqual([]);
    // Not a performance figure: whether the configured acquire timeout (1 s here, 1.5 s by default) is
    // what a request waits for when the server is gone, rather than the pool's old 5 s (issue 21 saw
    // 5.0-5.6 s). The bound leaves a loaded CI machine room while still failing the pool's 5 s.
    const slowest = Math.max(...during.map((o) => o.ms));
    console.log(`PostgreSQL down: ${during.length} requests, all 503 database_unavailable, the slowest in ${slowest} ms`);
    expect(slowest).toBeLessThan(4000);
    // Never a 500 or a hang, at any moment.
    expect(summary(outcomes.filter((o) => o.status >= 500 && o.status !== 503))).toEqual([]);
    expect(outcomes.filter((o) => o.status === 0)).toEqual([]);
    // Back: by itself, within seconds, and everything works again.
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - up).toBeLessThan(15_000);
    expect(after.length).toBeGreaterThan(5);
    expect(
      summary(after.filter((o) => !(o.status >= 200 && o.status < 300) && !(o.kind === 'login' && o.status === 401))),
    ).toEqual([]);
    void stopping;

    // Nothing half-written: the stored draft is exactly one save, the last confirmed or one whose answer was lost after it,
    // and every committed save left exactly one audit entry (the row and its audit commit together or not at all).
    const [task] = await sql<{ version: number; answers: { setting: string } }>(
      t,
      'SELECT version, answers FROM tasks WHERE id = ?',
      [taskId],
    );
    const stored = Number(/^save (\d+)$/.exec(task.answers.setting)?.[1]);
    expect([acknowledged, ...unknown.filter((n) => n > acknowledged)]).toContain(stored);
    const [audit] = await sql<{ n: number }>(
      t,
      "SELECT count(*)::int AS n FROM audit_log WHERE task_id = ? AND action = 'task.saved'",
      [taskId],
    );
    expect(audit.n).toBe(task.version - 1);
  });
});
