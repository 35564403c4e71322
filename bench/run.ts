/**
 * `npm run bench`: seeds a realistic national-scale dataset into PostgreSQL, runs the built portal
 * and a hand-written Fastify + pg baseline against it under wrk, measures the delivery drain to the
 * case-system stub, and writes BENCHMARKS.md. See BENCHMARKS.md "Reproducing" for the options.
 *
 *   --reseed             drop and recreate the bench database (otherwise reused when complete)
 *   --tasks=N            tasks to seed (default 1,000,000)
 *   --seconds=N          measured seconds per scenario (default 15; warm-up 3 s)
 *   --connections=N      wrk connections (default 32)
 *   --pool=N             database connections of the portal and of the baseline (default 4: twice the
 *                        cores of the database server, which is this 2-core machine; see BENCHMARKS.md)
 *   --only=a,b           scenarios to run (to-complete, work-groups, group-members, detail, session, save, pickup, submit,
 *                        mix-reads, mix, mix-reads-paced, mix-paced, login, drain)
 *   --no-baseline        skip the baseline
 *   --load-margin=C      a portal/baseline pair is run again when the other work on the machine (cores busy
 *                        beyond the server, its PostgreSQL backends and wrk, from /proc/stat) differed by more
 *                        than C cores between its two runs (default 0.3)
 *   --repeats=N          at most N more pairs per scenario (default 2); every run is reported
 *   --statements         count the statements the portal and the baseline send, per request and by text
 *                        (bench/lib/count-statements, loaded with --require into both)
 *   --profile            run the portal under `node --cpu-prof` (profiles in var/bench/profiles)
 *   --perf               run the portal with --perf-basic-prof, for `perf record -p <pid>`
 *   --log-level=L        the portal's LOG_LEVEL (default warn; info logs every request)
 *   --no-write           print the results but leave BENCHMARKS.md alone (a run with --only adds its figures
 *                        to "Every run" and leaves the rest)
 *   --database=NAME      another database than portal_bench (e.g. a copy to measure an older build)
 *
 * BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres) names the server; the
 * database used is `portal_bench` on it. BENCH_PORTAL_NODE_OPTIONS replaces the portal's NODE_OPTIONS
 * (default --max-old-space-size=192, as README recommends; '' for V8's defaults). BENCH_PORTAL_NODE_ARGS
 * adds flags to the portal's command line that NODE_OPTIONS refuses (e.g. `--trace-gc`, into portal.log).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { educationAnswers, FIXTURES_DIR, loadDefinition } from './lib/answers';
import { adminQuery, connect, databaseExists, query, withDatabase } from './lib/db';
import { explainListQueries, ExplainedQuery } from './lib/explain';
import { cpuSeconds, Managed, memoryOf, RssSampler, sleep, startNode, waitForHttp } from './lib/processes';
import { writeReport, BenchResults, ScenarioResult } from './lib/report';
import { dataFile, SCENARIOS } from './lib/scenarios';
import { refreshSessions, seed, SEED_VERSION, spreadSessionActivity } from './lib/seed';
import { runWrk } from './lib/wrk';
import { dbCounters, loadAverage, machineCpu, machineLoad, perRequest } from './lib/machine-load';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const WORK = join(ROOT, 'var', 'bench');
const DB_NAME = process.argv.find((a) => a.startsWith('--database='))?.split('=')[1] ?? 'portal_bench';
const APP_PORT = 3300;
const BASELINE_PORT = 3301;
const INTEGRATION_KEY = 'bench-integration-key-not-secret-0001';
export const PORTAL_NODE_OPTIONS = '--max-old-space-size=192';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

const TASKS = Number(option('tasks', '1000000'));
const SECONDS = Number(option('seconds', '15'));
const WARMUP_SECONDS = 5;
const CONNECTIONS = Number(option('connections', '32'));
const POOL_SIZE = Number(option('pool', '4'));
const THREADS = 2;
/** Cores of other work (the neighbours) by which a pair's two runs may differ before the pair is run again. */
const LOAD_MARGIN = Number(option('load-margin', '0.3'));
const REPEATS = Number(option('repeats', '2'));
const ONLY = option('only', '')
  .split(',')
  .filter(Boolean);
const wanted = (name: string) => ONLY.length === 0 || ONLY.includes(name);

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const dbUrl = withDatabase(serverUrl, DB_NAME);

const running: Managed[] = [];
function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function appEnv(workers: boolean, stubUrl: string): Record<string, string> {
  return {
    DATABASE_URL: dbUrl,
    PORT: String(APP_PORT),
    INTEGRATION_API_KEYS: INTEGRATION_KEY,
    WORKERS_ENABLED: String(workers),
    LOG_LEVEL: option('log-level', 'warn'),
    NODE_ENV: 'production',
    CASE_SYSTEM_URL: stubUrl,
    CASE_SYSTEM_AUTH: 'none',
    DEMO_DATA: 'false',
    VAR_DIR: join(WORK, 'var'),
    // One load generator on one address: the per-address ceiling on the auth routes would measure
    // the rate limiter, not the login. Lockout per account stays as it is.
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    // What README "Running at national scale" recommends for a deployment: without a ceiling V8 lets
    // the old generation grow well past 300 MB under load before collecting. BENCH_PORTAL_NODE_OPTIONS=''
    // measures V8's defaults.
    NODE_OPTIONS: process.env.BENCH_PORTAL_NODE_OPTIONS ?? PORTAL_NODE_OPTIONS,
    BENCH_STATEMENTS_FILE: statementsFile('portal'),
  };
}

async function startApp(workers: boolean, stubUrl: string, label: string): Promise<{ app: Managed; coldStartMs: number }> {
  const nodeArgs = flag('profile') ? ['--cpu-prof', `--cpu-prof-dir=${join(WORK, 'profiles')}`] : [];
  // For `perf record -p <pid>` from outside: JIT-compiled functions get their names.
  if (flag('perf')) nodeArgs.push('--perf-basic-prof');
  // Flags NODE_OPTIONS refuses (e.g. --trace-gc), for the portal's command line.
  nodeArgs.push(...(process.env.BENCH_PORTAL_NODE_ARGS ?? '').split(' ').filter(Boolean), ...statementArgs());
  const started = Date.now();
  const app = startNode(`portal (${label})`, [...nodeArgs, join(DIST, 'src', 'main.js')], appEnv(workers, stubUrl), join(WORK, 'portal.log'));
  running.push(app);
  await waitForHttp(`http://127.0.0.1:${APP_PORT}/health/ready`, 600_000, app);
  return { app, coldStartMs: Date.now() - started };
}

async function stop(proc: Managed): Promise<void> {
  await proc.stop();
  running.splice(running.indexOf(proc), 1);
}

async function startStub(): Promise<{ stub: Managed; url: string }> {
  const stub = startNode('case-system stub', [join(DIST, 'bench', 'stub.js')], { PORT: '0' }, join(WORK, 'stub.log'));
  running.push(stub);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    stub.child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /STUB_URL (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void stub.exited.then((code) => reject(new Error(`stub exited ${code}`)));
  });
  return { stub, url };
}

async function publishDefinitions(): Promise<void> {
  for (const file of ['education-advice.v1.json', 'health-contribution.v1.json']) {
    const body = readFileSync(join(FIXTURES_DIR, file), 'utf8');
    const def = JSON.parse(body) as { key: string; version: number };
    const res = await fetch(`http://127.0.0.1:${APP_PORT}/api/v1/integration/form-definitions/${def.key}/versions/${def.version}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${INTEGRATION_KEY}`, 'content-type': 'application/json' },
      body,
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`publishing ${file}: ${res.status} ${await res.text()}`);
  }
}

interface SeedInfo {
  seededAt: string;
  seedSeconds: number;
  steps: Record<string, number>;
  tasks: number;
  coldStartEmptyMs: number;
  reused: boolean;
}

async function ensureDataset(stubUrl: string): Promise<SeedInfo> {
  if (!flag('reseed') && (await databaseExists(serverUrl, DB_NAME))) {
    const client = await connect(dbUrl);
    try {
      const meta = await query<{ info: SeedInfo; version: number }>(client, 'SELECT info, version FROM bench_meta').catch(() => []);
      if (meta[0]?.version === SEED_VERSION && meta[0].info.tasks === TASKS) {
        log(`Reusing ${DB_NAME} (seeded ${meta[0].info.seededAt}; --reseed to start again)`);
        return { ...meta[0].info, reused: true };
      }
    } finally {
      await client.end();
    }
  }
  log(`Creating ${DB_NAME}`);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${DB_NAME}`);
  // The schema comes from the app's own migrations: start it once on the empty database.
  const { app, coldStartMs } = await startApp(false, stubUrl, 'migrate');
  log(`  cold start on an empty database (all migrations): ${coldStartMs} ms`);
  await publishDefinitions();
  await stop(app);

  log(`Seeding ${TASKS.toLocaleString('en-GB')} tasks`);
  const started = Date.now();
  const client = await connect(dbUrl);
  try {
    const steps = await seed(client, { tasks: TASKS, education: loadDefinition('education-advice.v1.json'), log });
    const info: SeedInfo = {
      seededAt: new Date().toISOString(),
      seedSeconds: (Date.now() - started) / 1000,
      steps,
      tasks: TASKS,
      coldStartEmptyMs: coldStartMs,
      reused: false,
    };
    await client.query('CREATE TABLE bench_meta (version int NOT NULL, info jsonb NOT NULL)');
    await client.query('INSERT INTO bench_meta VALUES ($1, $2)', [SEED_VERSION, JSON.stringify(info)]);
    log(`Seeded in ${info.seedSeconds.toFixed(1)} s`);
    return info;
  } finally {
    await client.end();
  }
}

/**
 * The baseline is a fair comparison only if it answers what the portal answers: the first requests of
 * a read scenario go to both, and their JSON bodies must be equal (key order aside).
 */
async function assertSameAnswers(client: Client, scenario: (typeof SCENARIOS)[number]): Promise<void> {
  const file = dataFile(WORK, `check-${scenario.name}`, 'measure');
  await scenario.prepare(client, file);
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, 20);
  for (const line of lines) {
    const [path, token] = line.split('\t');
    const [portal, baseline] = await Promise.all(
      [APP_PORT, BASELINE_PORT].map(async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: `portal_session=${token}` } });
        return { status: response.status, body: (await response.json()) as unknown };
      }),
    );
    if (!isDeepStrictEqual(portal, baseline)) {
      throw new Error(`${scenario.name}: the baseline answers ${path} differently from the portal:\n${JSON.stringify(baseline)}\n${JSON.stringify(portal)}`);
    }
  }
  log(`  ${scenario.label}: baseline and portal answer alike (${lines.length} requests)`);
}

async function runScenario(
  client: Client,
  scenario: (typeof SCENARIOS)[number],
  target: 'portal' | 'baseline',
  port: number,
  pid: number,
  bodiesFile: string,
): Promise<ScenarioResult> {
  const url = `http://127.0.0.1:${port}`;
  // Both servers meet the same session writes: see spreadSessionActivity.
  await spreadSessionActivity(client);
  const run = async (phase: 'warmup' | 'measure', seconds: number) => {
    const file = dataFile(WORK, `${target}-${scenario.name}`, phase);
    const prepared = await scenario.prepare(client, file);
    const load = loadAverage();
    // PostgreSQL publishes a backend's counters within a second of its last statement.
    await sleep(1_100);
    const countersBefore = await dbCounters(client);
    const statementsBefore = await statementCounts(target, pid);
    // PostgreSQL's share: the backends serving this database (the pool is full after the warm-up).
    const backends = (await query<{ pid: number }>(client, 'SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map(
      (r) => r.pid,
    );
    // Sampled as the run goes, keeping each backend's last reading (a pool may close one meanwhile).
    const pgStart = new Map(backends.map((p) => [p, cpuSeconds(p)]));
    const pgLast = new Map(pgStart);
    const pgSampler = setInterval(() => backends.forEach((p) => pgLast.set(p, Math.max(pgLast.get(p)!, cpuSeconds(p)))), 200);
    const sampler = new RssSampler(pid).start();
    const cpuBefore = cpuSeconds(pid);
    const machineBefore = machineCpu();
    const result = await runWrk({ url, mode: scenario.mode, mix: scenario.mix, paceMs: scenario.paceMs, file, bodies: bodiesFile, connections: CONNECTIONS, threads: THREADS, seconds });
    clearInterval(pgSampler);
    const machineAfter = machineCpu();
    const cpu = cpuSeconds(pid) - cpuBefore;
    backends.forEach((p) => pgLast.set(p, Math.max(pgLast.get(p)!, cpuSeconds(p))));
    const pg = backends.reduce((sum, p) => sum + pgLast.get(p)! - pgStart.get(p)!, 0);
    const peakRssKb = sampler.stop();
    const { busyCores, othersCores } = machineLoad(machineBefore, machineAfter, cpu + pg + result.cpuSeconds);
    await sleep(1_100);
    const db = perRequest(countersBefore, await dbCounters(client), result.requests);
    const statements = diffStatements(statementsBefore, await statementCounts(target, pid), result.requests);
    return { result, peakRssKb, cpu, pg, prepared, load, loadAfter: loadAverage(), busyCores, othersCores, db, statements };
  };
  if (scenario.warmup) {
    await run('warmup', WARMUP_SECONDS);
    // wrk stops with requests still in flight: let the server finish them before the measured run's
    // data (the drafts' current versions) is read, or its first saves of those drafts are stale (409).
    await sleep(1_000);
  }
  const measuredFrom = new Date();
  const { result, peakRssKb, cpu, pg, prepared, load, loadAfter, busyCores, othersCores, db, statements } = await run('measure', SECONDS);
  const verified = scenario.verify
    ? await scenario.verify(client, dataFile(WORK, `${target}-${scenario.name}`, 'measure'), measuredFrom, result.statuses)
    : undefined;
  const ok = Object.entries(result.statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0);
  const r: ScenarioResult = {
    scenario: scenario.name,
    label: scenario.label,
    target,
    requests: result.requests,
    seconds: result.durationUs / 1e6,
    rps: result.rps,
    p50Ms: result.latencyUs.p50 / 1000,
    p90Ms: result.latencyUs.p90 / 1000,
    p99Ms: result.latencyUs.p99 / 1000,
    maxMs: result.latencyUs.max / 1000,
    non2xx: result.errors.status,
    socketErrors: result.errors.connect + result.errors.read + result.errors.write + result.errors.timeout,
    statuses: result.statuses,
    okPerSecond: scenario.mode === 'get' ? result.rps : ok / (result.durationUs / 1e6),
    bytesPerResponse: result.requests ? Math.round(result.bytes / result.requests) : 0,
    peakRssMb: peakRssKb / 1024,
    cpuMsPerRequest: result.requests ? (cpu * 1000) / result.requests : 0,
    pgCpuMsPerRequest: result.requests ? (pg * 1000) / result.requests : 0,
    wrkCpuMsPerRequest: result.requests ? (result.cpuSeconds * 1000) / result.requests : 0,
    note: [prepared.note, verified].filter(Boolean).join('; ') || undefined,
    loadBefore: load,
    loadAfter,
    busyCores,
    othersCores,
    db,
    statements,
    kinds: Object.keys(result.kinds ?? {}).length
      ? Object.fromEntries(
          Object.entries(result.kinds!).map(([k, v]) => [k, { n: v.n, p50Ms: v.p50 / 1000, p90Ms: v.p90 / 1000, p99Ms: v.p99 / 1000, maxMs: v.max / 1000 }]),
        )
      : undefined,
  };
  const kinds = r.kinds
    ? `  per kind p50/p99 ms: ${Object.entries(r.kinds)
        .filter(([, v]) => v.n)
        .map(([k, v]) => `${k} ${v.p50Ms.toFixed(1)}/${v.p99Ms.toFixed(1)} (${v.n})`)
        .join(', ')}`
    : '';
  log(
    `  ${target.padEnd(8)} ${scenario.label.padEnd(50)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms` +
      `  RSS ${r.peakRssMb.toFixed(0)} MB  CPU ms/req ${r.cpuMsPerRequest.toFixed(2)} (pg ${r.pgCpuMsPerRequest.toFixed(2)}, wrk ${r.wrkCpuMsPerRequest.toFixed(2)})  load ${load}→${loadAfter} (busy ${busyCores.toFixed(2)} cores, others ${othersCores.toFixed(2)})  ` +
      `pg xacts/req ${db.xacts.toFixed(2)}, session writes/req ${db.sessionUpdates.toFixed(3)}  ${JSON.stringify(r.statuses)}${r.non2xx && scenario.mode === 'get' ? `  non-2xx ${r.non2xx}` : ''}${kinds}`,
  );
  return r;
}

const STATEMENTS = flag('statements');
const statementsFile = (target: string) => join(WORK, `statements-${target}.json`);

/** With --statements: what the server has sent through `pg` so far, by statement (bench/lib/count-statements). */
async function statementCounts(target: string, pid: number): Promise<Record<string, number>> {
  if (!STATEMENTS) return {};
  rmSync(statementsFile(target), { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 50; i += 1) {
    await sleep(20);
    try {
      return JSON.parse(readFileSync(statementsFile(target), 'utf8')) as Record<string, number>;
    } catch {
      // not written yet
    }
  }
  throw new Error(`${target} did not write its statement counts`);
}

function diffStatements(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> | undefined {
  if (!STATEMENTS || !requests) return undefined;
  const out: Record<string, number> = {};
  for (const [text, n] of Object.entries(after)) {
    const d = n - (before[text] ?? 0);
    if (d > 0) out[text] = d / requests;
  }
  return out;
}

function statementArgs(): string[] {
  return STATEMENTS ? ['--require', join(DIST, 'bench', 'lib', 'count-statements.js')] : [];
}

/** Delivery backlog the drain is measured on; topped up from earlier runs' submissions when short. */
const DRAIN_BACKLOG = 2000;

async function measureDrain(client: Client, stubUrl: string): Promise<BenchResults['drain']> {
  const pendingNow = async () =>
    (await query<{ n: number }>(client, "SELECT count(*)::int AS n FROM deliveries WHERE status = 'pending'"))[0].n;
  const fromThisRun = await pendingNow();
  // The submit scenario leaves its contributions pending (workers were off). Earlier runs' delivered
  // submissions are sent again as new ones (the stub starts empty each run) to reach a backlog worth timing.
  await client.query(
    `UPDATE deliveries SET status = 'pending', next_attempt_at = now(), delivered_at = NULL, receipt_id = NULL,
            lease_until = NULL, attempts = 0, last_error = NULL
      WHERE submission_id IN (SELECT d.submission_id FROM deliveries d JOIN submissions s ON s.id = d.submission_id
                               WHERE d.status = 'delivered' AND s.purged_at IS NULL AND s.pdf_file_id IS NOT NULL
                               ORDER BY d.updated_at DESC LIMIT $1)`,
    [Math.max(0, DRAIN_BACKLOG - fromThisRun)],
  );
  // Still short (a fresh dataset): copies of this run's contributions for other submitted tasks of
  // the seed, same answers, attachments and PDF, each with its own submission id (Idempotency-Key).
  const queued = await pendingNow();
  const short = DRAIN_BACKLOG - queued;
  if (short > 0 && queued > 0) {
    await client.query(
      `WITH templates AS (
         SELECT s.*, row_number() OVER (ORDER BY s.id) - 1 AS k, count(*) OVER () AS n
           FROM submissions s JOIN deliveries d ON d.submission_id = s.id WHERE d.status = 'pending'),
       targets AS (
         SELECT t.id, t.external_ref, row_number() OVER () - 1 AS k FROM tasks t
          WHERE t.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM submissions x WHERE x.task_id = t.id) LIMIT $1),
       copies AS (
         INSERT INTO submissions (id, task_id, external_ref, form_key, form_version, subject, answers, attachments,
                                  submitted_by, submitted_at, pdf_file_id, pdf_sha256)
         SELECT gen_random_uuid(), t.id, t.external_ref, s.form_key, s.form_version, s.subject, s.answers, s.attachments,
                s.submitted_by, now(), s.pdf_file_id, s.pdf_sha256
           FROM targets t JOIN templates s ON s.k = t.k % s.n
         RETURNING id)
       INSERT INTO deliveries (submission_id, status, attempts, next_attempt_at, created_at, updated_at)
       SELECT id, 'pending', 0, now(), now(), now() FROM copies`,
      [short],
    );
  }
  const pending = await pendingNow();
  if (!pending) return undefined;
  // Code emails of the login scenario would be written out by the same workers: not part of the drain.
  await client.query('DELETE FROM mail_outbox');
  const before = (await (await fetch(`${stubUrl}/__stub/stats`)).json()) as { contributions: number };
  log(`Delivery drain: ${pending} pending contributions (${fromThisRun} from this run's submissions); starting the portal with its workers`);
  const { app, coldStartMs } = await startApp(true, stubUrl, 'workers');
  const startedAt = new Date(Date.now() - coldStartMs);
  const sampler = new RssSampler(app.pid).start();
  const cpuBefore = cpuSeconds(app.pid);
  const started = Date.now();
  let left = pending;
  while (left > 0 && Date.now() - started < 300_000) {
    await sleep(100);
    left = await pendingNow();
  }
  const seconds = (Date.now() - started) / 1000;
  const cpu = cpuSeconds(app.pid) - cpuBefore;
  const peakRssKb = sampler.stop();
  const [window] = await query<{ first: Date; last: Date; n: number; failed: number }>(
    client,
    `SELECT min(delivered_at) AS first, max(delivered_at) AS last, count(*)::int AS n,
            (SELECT count(*)::int FROM deliveries WHERE status = 'failed') AS failed
       FROM deliveries WHERE delivered_at >= $1`,
    [startedAt],
  );
  const after = (await (await fetch(`${stubUrl}/__stub/stats`)).json()) as { contributions: number; requests: number };
  await stop(app);
  const activeSeconds = window.n ? (window.last.getTime() - window.first.getTime()) / 1000 : 0;
  const result = {
    contributions: pending,
    fromThisRun,
    delivered: window.n,
    failed: window.failed,
    receivedByStub: after.contributions - before.contributions,
    secondsFromReady: seconds,
    perSecondFromReady: pending / seconds,
    perSecondActive: activeSeconds > 0 ? window.n / activeSeconds : window.n,
    cpuMsPerContribution: window.n ? (cpu * 1000) / window.n : 0,
    peakRssMb: peakRssKb / 1024,
    coldStartMs,
  };
  log(
    `  drained ${result.delivered} in ${seconds.toFixed(1)} s from ready (${result.perSecondFromReady.toFixed(0)}/s; ` +
      `${result.perSecondActive.toFixed(0)}/s first to last delivery; ${result.cpuMsPerContribution.toFixed(1)} ms CPU each); ` +
      `stub received ${result.receivedByStub}; failed ${result.failed}`,
  );
  return result;
}

function machine(): BenchResults['machine'] {
  const cpu = cpus()[0]?.model ?? 'unknown';
  // `wrk --version` prints its banner and exits non-zero.
  const wrk = spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/\s*Copyright.*$/, '');
  return {
    nproc: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpuModel: cpu,
    postgres: 'from the server',
    node: process.version,
    wrk,
    kernel: execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim(),
  };
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  rmSync(join(WORK, 'portal.log'), { force: true });
  rmSync(join(WORK, 'var'), { recursive: true, force: true });
  if (flag('profile')) rmSync(join(WORK, 'profiles'), { recursive: true, force: true });
  const benchStarted = Date.now();

  const { url: stubUrl } = await startStub();
  const seedInfo = await ensureDataset(stubUrl);

  const client = await connect(dbUrl);
  await refreshSessions(client);
  await client.query('DELETE FROM mail_outbox');
  const pgVersion = (await query<{ v: string }>(client, "SELECT current_setting('server_version') AS v"))[0].v;
  const counts = (
    await query<Record<string, number>>(
      client,
      `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM work_groups)::int AS "workGroups",
              (SELECT count(*) FROM work_group_members)::int AS memberships, (SELECT count(*) FROM tasks)::int AS tasks,
              (SELECT count(*) FROM tasks WHERE answers <> '{}')::int AS drafts, (SELECT count(*) FROM task_attachments)::int AS attachments,
              (SELECT count(*) FROM audit_log)::int AS "auditEntries",
              (SELECT pg_database_size(current_database()) / 1048576)::int AS "databaseMb"`,
    )
  )[0];
  log(`Dataset: ${JSON.stringify(counts)}`);

  const bodiesFile = join(WORK, 'answers-bodies.jsonl');
  writeFileSync(bodiesFile, `${Array.from({ length: 40 }, (_, i) => JSON.stringify(educationAnswers(10_000 + i))).join('\n')}\n`);

  const results: ScenarioResult[] = [];
  const scenarios = SCENARIOS.filter((s) => wanted(s.name));

  // Phase A: the portal with its workers off, so submissions pile up for the drain measurement. The
  // baseline runs beside it (idle when not measured) and each read is measured on the portal and at
  // once on the baseline, so both see the same machine (this one is shared: load is recorded too).
  const { app, coldStartMs } = await startApp(false, stubUrl, 'load');
  log(`Portal ready in ${coldStartMs} ms (cold start on ${counts.tasks.toLocaleString('en-GB')} tasks)`);
  let baseline: Managed | undefined;
  if (!flag('no-baseline') && scenarios.some((s) => s.baseline)) {
    baseline = startNode(
      'baseline',
      [...(process.env.BENCH_BASELINE_NODE_ARGS ?? '').split(' ').filter(Boolean), ...statementArgs(), join(DIST, 'bench', 'baseline', 'server.js')],
      { DATABASE_URL: dbUrl, PORT: String(BASELINE_PORT), DATABASE_POOL_SIZE: String(POOL_SIZE), BENCH_STATEMENTS_FILE: statementsFile('baseline') },
      join(WORK, 'baseline.log'),
    );
    running.push(baseline);
    await waitForHttp(`http://127.0.0.1:${BASELINE_PORT}/health/ready`, 30_000, baseline);
  }
  if (baseline) {
    for (const s of scenarios.filter((x) => x.baseline)) await assertSameAnswers(client, s);
  }
  // Reads alone and a mix are a pair too (the mix's reference): run together, the reads first.
  const readsOfMix: Record<string, string> = { mix: 'mix-reads', 'mix-paced': 'mix-reads-paced' };
  for (const s of scenarios) {
    if (Object.entries(readsOfMix).some(([mix, reads]) => s.name === reads && wanted(mix))) continue;
    // A mix always brings its reference, even when --only names the mix alone.
    const pairedWithReads = readsOfMix[s.name] ? SCENARIOS.find((x) => x.name === readsOfMix[s.name]) : undefined;
    // A pair whose two runs met different neighbours is run again (up to REPEATS times); every run is kept.
    for (let attempt = 1; ; attempt += 1) {
      const first = pairedWithReads ? { ...(await runScenario(client, pairedWithReads, 'portal', APP_PORT, app.pid, bodiesFile)), attempt } : undefined;
      if (first) results.push(first);
      const p = { ...(await runScenario(client, s, 'portal', APP_PORT, app.pid, bodiesFile)), attempt };
      results.push(p);
      if (first) {
        const moved = Math.abs((p.othersCores ?? 0) - (first.othersCores ?? 0));
        if (moved <= LOAD_MARGIN || attempt > REPEATS) break;
        log(`  the neighbours' load moved by ${moved.toFixed(2)} cores between reads alone and the mix (margin ${LOAD_MARGIN}): both again`);
        continue;
      }
      if (!baseline || !s.baseline) break;
      const b = { ...(await runScenario(client, s, 'baseline', BASELINE_PORT, baseline.pid, bodiesFile)), attempt };
      results.push(b);
      const moved = Math.abs((p.othersCores ?? 0) - (b.othersCores ?? 0));
      if (moved <= LOAD_MARGIN) break;
      if (attempt > REPEATS) {
        log(`  the neighbours' load still moved by ${moved.toFixed(2)} cores after ${attempt} pairs: kept as measured`);
        break;
      }
      log(`  the neighbours' load moved by ${moved.toFixed(2)} cores between the two runs (margin ${LOAD_MARGIN}): the pair again`);
    }
  }
  const portalHwmMb = memoryOf(app.pid).hwmKb / 1024;
  await stop(app);
  let baselineHwmMb: number | undefined;
  if (baseline) {
    baselineHwmMb = memoryOf(baseline.pid).hwmKb / 1024;
    await stop(baseline);
  }

  const drain = wanted('drain') ? await measureDrain(client, stubUrl) : undefined;

  let explains: ExplainedQuery[] = [];
  if (wanted('explain') || ONLY.length === 0) {
    explains = await explainListQueries(client, join(DIST, 'src'));
    for (const e of explains) {
      const seq = e.seqScanOnTasks || e.genericSeqScanOnTasks ? '  SEQ SCAN ON TASKS' : '';
      log(`  EXPLAIN ${e.name.padEnd(45)} ${e.executionMs.toFixed(2).padStart(8)} ms (generic ${e.genericExecutionMs.toFixed(2)} ms)${seq}`);
    }
    if (flag('plans')) for (const e of explains) log(`\n-- ${e.name}\n${e.sql}\n${e.plan}`);
  }
  await client.end();

  const all: BenchResults = {
    date: new Date().toISOString(),
    machine: { ...machine(), postgres: pgVersion },
    settings: {
      connections: CONNECTIONS,
      threads: THREADS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      portalNodeOptions: process.env.BENCH_PORTAL_NODE_OPTIONS ?? PORTAL_NODE_OPTIONS,
      logLevel: option('log-level', 'warn'),
      poolSize: POOL_SIZE,
      loadMargin: LOAD_MARGIN,
    },
    dataset: counts,
    seed: seedInfo,
    coldStartMs,
    portalPeakRssMb: portalHwmMb,
    baselinePeakRssMb: baselineHwmMb,
    scenarios: results,
    drain,
    explains,
    benchSeconds: (Date.now() - benchStarted) / 1000,
  };
  writeFileSync(join(WORK, 'results.json'), JSON.stringify(all, null, 2));
  const table = writeReport(all, join(ROOT, 'BENCHMARKS.md'), !flag('no-write'), ONLY.length > 0);
  log(`\n${table}\n`);
  log(`Bench finished in ${(all.benchSeconds / 60).toFixed(1)} min; results in var/bench/results.json`);
}

async function cleanup(): Promise<void> {
  for (const p of [...running].reverse()) await p.stop().catch(() => undefined);
}

process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
main()
  .then(cleanup)
  .catch(async (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    await cleanup();
    process.exit(1);
  });
