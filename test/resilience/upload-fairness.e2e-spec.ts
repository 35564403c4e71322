import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { INTEGRATION_KEY, TestApp } from '../support/test-app';
import { cloneTestDatabase, testDatabaseUrl } from '../support/test-database';
import { SmtpSink } from '../support/smtp-sink';
import { delegate, delegationBody, publishSampleForms } from '../support/task-fixtures';
import { login, PortalClient, register } from '../support/portal-client';
import { freePort, peakRssMiB, PortalProcess, startPortalProcess } from './support/portal-process';

/**
 * A load script, not a test of speed (issue 21, "uploads never starve other users"): browsing
 * latency with no uploads, then with 16 uploads of 10 MB running at once, against the real portal in
 * a child process with the documented heap cap. It prints the figures; it asserts only that every
 * request succeeded. Run it on purpose:
 *
 *   PORTAL_LOAD=1 TEST_DATABASE_URL=… npx jest --selectProjects e2e --testPathPatterns upload-fairness
 */
const enabled = process.env.PORTAL_LOAD === '1' && !!testDatabaseUrl();
if (!enabled) console.log('upload-fairness load script skipped: set PORTAL_LOAD=1 (and TEST_DATABASE_URL) to run it');
const suite = enabled ? describe : describe.skip;

const PHASE_MS = Number(process.env.PORTAL_LOAD_PHASE_MS ?? 15_000);
const UPLOADERS = 16;
const BROWSERS = 4;
const FILE_BYTES = 10 * 1000 * 1000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The portal's event-loop delay, p99 in ms, from its own /metrics listener (prom-client's default metrics). */
async function eventLoopLag(metricsUrl: string): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  return Number(/^portal_nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text)?.[1] ?? NaN) * 1000;
}

/** 16 loops of 10 MB uploads until `until`, in a child node process; resolves with each upload's status and time. */
function uploadFromChildProcess(
  url: string,
  uploader: PortalClient,
  taskIds: string[],
  until: number,
): Promise<{ status: number; ms: number }[]> {
  const script = `
    const http = require('node:http');
    const { randomBytes } = require('node:crypto');
    const [url, session, csrf, until, bytes, ...tasks] = process.argv.slice(1);
    const boundary = '----load';
    const head = Buffer.from('%PDF-1.4\\n');
    const body = Buffer.concat([
      Buffer.from('--' + boundary + '\\r\\nContent-Disposition: form-data; name="file"; filename="big.pdf"\\r\\nContent-Type: application/pdf\\r\\n\\r\\n'),
      head, randomBytes(Number(bytes) - head.length), Buffer.from('\\r\\n--' + boundary + '--\\r\\n'),
    ]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: tasks.length });
    const once = (task) => new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(url + '/api/v1/tasks/' + task + '/attachments', { method: 'POST', agent, headers: {
        'content-type': 'multipart/form-data; boundary=' + boundary, 'content-length': String(body.length),
        cookie: 'portal_session=' + encodeURIComponent(session), 'x-csrf-token': csrf } }, (res) => {
        res.resume(); res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      });
      req.on('error', (e) => resolve({ status: 0, ms: performance.now() - started, error: e.code }));
      req.end(body);
    });
    (async () => {
      const results = [];
      await Promise.all(tasks.map(async (task) => {
        for (let n = 0; Date.now() < Number(until) && n < 20; n++) results.push(await once(task));
      }));
      process.stdout.write(JSON.stringify(results));
      agent.destroy();
    })();
  `;
  const child = spawn(
    process.execPath,
    ['-e', script, url, uploader.sessionToken, uploader.csrf, String(until), String(FILE_BYTES), ...taskIds],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(error);
      }
    }),
  );
}

suite('Uploads do not starve browsing (load script)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let portal: PortalProcess;
  let varDir: string;
  let metricsUrl: string;
  const sink = new SmtpSink();

  beforeAll(async () => {
    database = await cloneTestDatabase();
    varDir = mkdtempSync(join(tmpdir(), 'portal-load-'));
    await sink.start();
    // /metrics is not on the public port: a listener of its own, on a free port.
    const metricsPort = await freePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    portal = await startPortalProcess(
      {
        DATABASE_URL: database.url,
        SMTP_URL: sink.url,
        INTEGRATION_API_KEYS: INTEGRATION_KEY,
        VAR_DIR: varDir,
        METRICS_PORT: String(metricsPort),
        // To compare settings: e.g. PORTAL_LOAD_ENV="UPLOADS_AT_ONCE=4 DATABASE_POOL_SIZE=20".
        ...Object.fromEntries((process.env.PORTAL_LOAD_ENV ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=', 2))),
      },
      ['--max-old-space-size=192', ...(process.env.PORTAL_LOAD_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    );
  });
  afterAll(async () => {
    portal?.child.kill('SIGTERM');
    await portal?.exited;
    await sink.stop();
    await database?.drop();
    rmSync(varDir, { recursive: true, force: true });
  });

  it('browsing p95 alone and beside 16 concurrent 10 MB uploads', async () => {
    // The helpers need only the URL, the mail sink and an HTTP agent of a TestApp.
    const t = { url: portal.url, mail: sink, http: () => request.agent(portal.url) } as unknown as TestApp;
    await publishSampleForms(t);
    const clients: PortalClient[] = [];
    for (let i = 0; i < BROWSERS + 1; i++) {
      await register(t, `load${i}@school.example`);
      clients.push(await login(t, `load${i}@school.example`));
    }
    const uploader = clients[BROWSERS];
    const browseTask = (await delegate(t, delegationBody(clients[0].email))).id as string;
    const uploadTasks: string[] = [];
    for (let i = 0; i < UPLOADERS; i++) uploadTasks.push((await delegate(t, delegationBody(uploader.email))).id as string);
    for (const c of clients.slice(0, BROWSERS)) await delegate(t, delegationBody(c.email));

    const browse = async (until: number, latencies: number[]) => {
      await Promise.all(
        clients.slice(0, BROWSERS).map(async (c, i) => {
          while (Date.now() < until) {
            const started = performance.now();
            const res = await c.get(i % 2 ? '/tasks' : '/me');
            latencies.push(performance.now() - started);
            expect(res.status).toBe(200);
          }
        }),
      );
      void browseTask;
    };

    // Phase 1: browsing alone.
    const alone: number[] = [];
    await browse(Date.now() + PHASE_MS, alone);

    // Phase 2: the same browsing while 16 uploads run at once, each uploader starting its next when one ends.
    const beside: number[] = [];
    const uploads: { status: number; ms: number }[] = [];
    const until = Date.now() + PHASE_MS;
    const rssBefore = peakRssMiB(portal.child.pid!);
    const lagAlone = await eventLoopLag(metricsUrl);
    // The uploads come from a process of their own, so writing 160 MB does not slow the browsing clients' own event loop.
    const uploading = uploadFromChildProcess(portal.url, uploader, uploadTasks, until);
    await browse(until, beside);
    uploads.push(...(await uploading));
    const lagBeside = await eventLoopLag(metricsUrl);

    const figures = {
      browsingAlone: { requests: alone.length, p50: percentile(alone, 50), p95: percentile(alone, 95) },
      browsingBesideUploads: { requests: beside.length, p50: percentile(beside, 50), p95: percentile(beside, 95) },
      ratioP95: percentile(beside, 95) / percentile(alone, 95),
      uploads: {
        done: uploads.length,
        meanMs: uploads.reduce((s, u) => s + u.ms, 0) / uploads.length,
        p95Ms: percentile(
          uploads.map((u) => u.ms),
          95,
        ),
      },
      peakRssMiB: { beforeUploads: rssBefore, after: peakRssMiB(portal.child.pid!) },
      portalEventLoopLagP99Ms: { alone: lagAlone, besideUploads: lagBeside },
    };
    console.log(
      `upload fairness (ms):\n${JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v), 2)}`,
    );
    expect(uploads.every((u) => u.status === 201)).toBe(true);
    expect(uploads.length).toBeGreaterThanOrEqual(UPLOADERS);
  });
});
