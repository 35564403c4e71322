import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { INTEGRATION_KEY, startTestApp, TestApp } from '../support/test-app';
import { cloneTestDatabase, testDatabaseUrl } from '../support/test-database';
import { pdf } from '../support/sample-files';
import {
  delegate,
  delegationBody,
  educationAdviceForm,
  healthContributionForm,
  publishSampleForms,
} from '../support/task-fixtures';
import { API, login, register } from '../support/portal-client';
import { chunked, slowRequest, startPortalProcess } from './support/portal-process';

interface Outcome {
  startedAt: number;
  status: number;
  contentType?: string;
  retryAfter?: string | string[];
  connection?: string;
  body?: string;
  error?: string;
}

/** A multipart upload of one PDF, split into chunks that a slow client sends one by one. */
function multipartUpload(filename: string): { contentType: string; chunks: Buffer[] } {
  const boundary = '----graceful';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { contentType: `multipart/form-data; boundary=${boundary}`, chunks: chunked(body, 8) };
}

describe('Graceful shutdown', () => {
  describe('app.close() (what SIGTERM calls)', () => {
    let t: TestApp;
    afterAll(async () => {
      await t?.close().catch(() => undefined);
    });

    it('finishes a slow upload that is in flight, refuses new connections, then closes', async () => {
      t = await startTestApp();
      await publishSampleForms(t);
      await register(t, 'owner@school.example');
      const owner = await login(t, 'owner@school.example');
      const task = await delegate(t, delegationBody('owner@school.example'));
      const upload = multipartUpload('slow.pdf');
      const slow = slowRequest(`${t.url}${API}/tasks/${task.id}/attachments`, {
        method: 'POST',
        headers: {
          'content-type': upload.contentType,
          cookie: `portal_session=${encodeURIComponent(owner.sessionToken)}`,
          'x-csrf-token': owner.csrf,
        },
        chunks: upload.chunks,
        gapMs: 150,
      });
      await slow.sent(2);
      const started = Date.now();
      let closedAt = 0;
      const closing = t.app.close().then(() => (closedAt = Date.now()));
      await new Promise((r) => setTimeout(r, 100));
      // A new client is turned away while the old one is still being served.
      const fresh = await fetch(`${t.url}/health/live`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(fresh);

      const response = await slow.response;
      const answeredAt = Date.now();
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body).filename).toBe('slow.pdf');
      await closing;
      expect(closedAt).toBeGreaterThanOrEqual(answeredAt);
      expect(closedAt - started).toBeLessThan(10_000);
      // What was answered 201 is stored whole: the attachment and its file.
      const db = new Client({ connectionString: t.databaseUrl });
      await db.connect();
      try {
        const { rows } = await db.query(
          'SELECT a.filename, octet_length(f.content) AS size FROM task_attachments a JOIN stored_files f ON f.id = a.file_id WHERE a.task_id = $1',
          [task.id],
        );
        expect(rows).toEqual([{ filename: 'slow.pdf', size: pdf().length }]);
      } finally {
        await db.end();
      }
    });
  });

  describe('app.close() with a kept-alive connection', () => {
    it('a request on it during shutdown gets 503 problem+json shutting_down with Retry-After and Connection: close, not a reset', async () => {
      const t = await startTestApp();
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const get = (path: string) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: string; reused: boolean }>((resolve, reject) => {
          const req = httpRequest(`${t.url}${path}`, { agent }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reused: req.reusedSocket }));
          });
          req.on('error', reject);
          req.end();
        });
      try {
        expect((await get('/health/ready')).status).toBe(200);
        const closing = t.app.close();
        await new Promise((r) => setTimeout(r, 100));
        const refused = await get('/health/ready');
        expect(refused.reused).toBe(true);
        expect(refused.status).toBe(503);
        expect(refused.headers).toMatchObject({
          'content-type': expect.stringMatching(/^application\/problem\+json/),
          'retry-after': '5',
          connection: 'close',
        });
        expect(JSON.parse(refused.body)).toMatchObject({ status: 503, code: 'shutting_down' });
        await closing;
      } finally {
        agent.destroy();
        await t.close().catch(() => undefined);
      }
    });
  });

  describe('SIGTERM to the real process (src/main.ts)', () => {
    let database: { url: string; drop: () => Promise<void> } | undefined;
    let varDir: string;

    beforeEach(async () => {
      varDir = mkdtempSync(join(tmpdir(), 'portal-shutdown-'));
      database = testDatabaseUrl() ? await cloneTestDatabase() : undefined;
    });
    afterEach(async () => {
      await database?.drop();
      rmSync(varDir, { recursive: true, force: true });
    });

    function env(): Record<string, string> {
      return database
        ? { DATABASE_URL: database.url, INTEGRATION_API_KEYS: INTEGRATION_KEY, VAR_DIR: varDir }
        : { VAR_DIR: varDir, INTEGRATION_API_KEYS: INTEGRATION_KEY };
    }

    async function definitionsStored(): Promise<number> {
      if (!database) return -1;
      const db = new Client({ connectionString: database.url });
      await db.connect();
      try {
        return Number((await db.query('SELECT count(*) AS n FROM form_definitions')).rows[0].n);
      } finally {
        await db.end();
      }
    }

    it('finishes the request in flight, runs every shutdown step and exits 0 within seconds', async () => {
      const portal = await startPortalProcess(env());
      const body = Buffer.from(JSON.stringify(educationAdviceForm()));
      const slow = slowRequest(`${portal.url}${API}/integration/form-definitions/education-advice/versions/1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_KEY}` },
        chunks: chunked(body, 10),
        gapMs: 150,
      });
      await slow.sent(3);
      portal.signalledAt = Date.now();
      portal.child.kill('SIGTERM');

      const response = await slow.response;
      expect(response.status).toBe(201);
      const exit = await portal.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.afterMs).toBeLessThan(10_000);
      expect(portal.output()).toContain('SIGTERM: shutting down');
      expect(portal.output()).not.toMatch(/"level":50/); // no error logged on the way down
      if (database) expect(await definitionsStored()).toBe(1);
      // Embedded mode: the database was closed properly (it unpublishes its address last but one).
      expect(existsSync(join(varDir, 'embedded-db.url'))).toBe(false);
    });

    it('under load from 16 keep-alive clients: nothing reset, refusals are 503 shutting_down, what was acknowledged is stored, exit 0', async () => {
      const portal = await startPortalProcess(env());
      const definition = Buffer.from(JSON.stringify(educationAdviceForm()));
      const auth = { authorization: `Bearer ${INTEGRATION_KEY}` };
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      const send = (method: string, path: string, body?: Buffer) =>
        new Promise<Outcome>((resolve) => {
          const startedAt = Date.now();
          const req = httpRequest(
            `${portal.url}${API}${path}`,
            {
              method,
              agent,
              headers: {
                ...auth,
                ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
              },
            },
            (res) => {
              let text = '';
              res.on('data', (d: Buffer) => (text += d.toString()));
              res.on('end', () =>
                resolve({
                  startedAt,
                  status: res.statusCode ?? 0,
                  contentType: String(res.headers['content-type'] ?? '').split(';')[0],
                  retryAfter: res.headers['retry-after'],
                  connection: res.headers.connection,
                  body: text,
                }),
              );
              res.on('error', (error: NodeJS.ErrnoException) =>
                resolve({ startedAt, status: 0, error: error.code ?? error.message }),
              );
            },
          );
          req.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ startedAt, status: 0, error: error.code ?? error.message }),
          );
          req.end(body);
        });
      expect((await send('PUT', '/integration/form-definitions/education-advice/versions/1', definition)).status).toBe(201);

      // Half the clients delegate (a write, and an email queued), half read; all on kept-alive connections.
      const outcomes: Outcome[] = [];
      const acknowledged: string[] = [];
      let running = true;
      const client = async (i: number) => {
        while (running) {
          let outcome: Outcome;
          if (i % 2 === 0) {
            const body = delegationBody(`pro${i}@school.example`);
            outcome = await send('POST', '/integration/tasks', Buffer.from(JSON.stringify(body)));
            if (outcome.status === 201) acknowledged.push(body.externalRef as string);
          } else if (acknowledged.length) {
            outcome = await send('GET', `/integration/tasks/${acknowledged[acknowledged.length - 1]}`);
          } else {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          outcomes.push(outcome);
          // Once the listener is gone every new connection is refused: this client is done.
          if (outcome.error === 'ECONNREFUSED') return;
        }
      };
      const load = Promise.all(Array.from({ length: 16 }, (_, i) => client(i)));
      // Under way on every connection before the signal (however slow the machine).
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        if (outcomes.filter((o) => o.status === 200 || o.status === 201).length >= 32) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const slow = slowRequest(`${portal.url}${API}/integration/form-definitions/health-contribution/versions/1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...auth },
        chunks: chunked(Buffer.from(JSON.stringify(healthContributionForm())), 10),
        gapMs: 150,
      });
      await slow.sent(2);
      portal.signalledAt = Date.now();
      portal.child.kill('SIGTERM');

      expect((await slow.response).status).toBe(201);
      const exit = await portal.exited;
      running = false;
      await load;
      agent.destroy();

      // Exit 0 within the bound docs/operations.md promises (20 s; it once took the whole 20 s and exited 1).
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.afterMs).toBeLessThan(20_000);
      const before = outcomes.filter((o) => o.startedAt < portal.signalledAt!);
      const after = outcomes.filter((o) => o.startedAt >= portal.signalledAt!);
      expect(before.filter((o) => o.status === 201 || o.status === 200).length).toBeGreaterThanOrEqual(32);
      // Nothing cut off: a request either got its answer, a clean refusal, or found the listener closed.
      const kinds = (list: Outcome[]) => [...new Set(list.map((o) => (o.status ? `${o.status}` : `${o.error}`)))].sort();
      expect(kinds(outcomes).filter((k) => !['200', '201', '503', 'ECONNREFUSED'].includes(k))).toEqual([]);
      for (const refused of outcomes.filter((o) => o.status === 503)) {
        expect(refused).toMatchObject({ contentType: 'application/problem+json', retryAfter: '5', connection: 'close' });
        expect(JSON.parse(refused.body!)).toMatchObject({ status: 503, code: 'shutting_down' });
      }
      expect(after.some((o) => o.status === 503 || o.error === 'ECONNREFUSED')).toBe(true);
      console.log(
        `SIGTERM under keep-alive load: exit ${exit.code} after ${exit.afterMs} ms; outcomes ${JSON.stringify(
          Object.fromEntries(
            kinds(outcomes).map((k) => [k, outcomes.filter((o) => (o.status ? `${o.status}` : o.error) === k).length]),
          ),
        )}`,
      );
      // Reconciled: every delegation acknowledged with 201 is stored, once.
      if (database) {
        const db = new Client({ connectionString: database.url });
        await db.connect();
        try {
          const { rows } = await db.query('SELECT external_ref FROM tasks WHERE external_ref = ANY($1)', [acknowledged]);
          expect(rows.map((r) => r.external_ref).sort()).toEqual([...acknowledged].sort());
        } finally {
          await db.end();
        }
      }
    }, 60_000);

    it('does not wait for ever: a client that never finishes its request is cut off after the grace period', async () => {
      const portal = await startPortalProcess(env());
      const body = Buffer.from(JSON.stringify(educationAdviceForm()));
      const stalled = slowRequest(`${portal.url}${API}/integration/form-definitions/education-advice/versions/1`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INTEGRATION_KEY}` },
        chunks: chunked(body, 10),
        gapMs: 50,
        stallAfter: 2,
      });
      stalled.response.catch(() => undefined);
      await stalled.sent(2);
      portal.signalledAt = Date.now();
      portal.child.kill('SIGTERM');
      const exit = await portal.exited;
      expect(exit.afterMs).toBeLessThan(30_000);
      expect(exit.code === 1 || exit.code === 0).toBe(true);
    }, 60_000);
  });
});
