import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { INTEGRATION_KEY, startTestApp, TestApp } from '../support/test-app';
import { cloneTestDatabase, testDatabaseUrl } from '../support/test-database';
import { pdf } from '../support/sample-files';
import { delegate, delegationBody, educationAdviceForm, publishSampleForms } from '../support/task-fixtures';
import { API, login, register } from '../support/portal-client';
import { chunked, slowRequest, startPortalProcess } from './support/portal-process';

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
