import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ExplainedQuery } from './explain';

export interface ScenarioResult {
  scenario: string;
  label: string;
  target: 'portal' | 'baseline';
  requests: number;
  seconds: number;
  rps: number;
  /** Successful (2xx) responses per second: for writes, where some answers are expected 409s. */
  okPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  socketErrors: number;
  statuses: Record<string, number>;
  bytesPerResponse: number;
  peakRssMb: number;
  cpuMsPerRequest: number;
  pgCpuMsPerRequest: number;
  wrkCpuMsPerRequest: number;
  note?: string;
  /** 1-minute load average of the machine just before the measured run (it is shared). */
  loadBefore?: number;
  loadAfter?: number;
  /** Cores busy on the whole machine during the measured run, and those busy with other work than the measured one. */
  busyCores?: number;
  othersCores?: number;
  /** PostgreSQL's counters per request (pg_stat_database; updates of the sessions table). */
  db?: import('./machine-load').DbCounters;
  /** With --statements: statements the server sent per request, by text. */
  statements?: Record<string, number>;
  /** Which pair of runs this is (a pair is repeated when the neighbours' load moved between its two runs). */
  attempt?: number;
  /** mix: latency per kind of request (ms) and how many answers were timed. */
  kinds?: Record<string, { n: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }>;
}

export interface BenchResults {
  date: string;
  machine: { nproc: number; memoryGiB: number; cpuModel: string; postgres: string; node: string; wrk: string; kernel: string };
  settings: { connections: number; threads: number; seconds: number; warmupSeconds: number; portalNodeOptions: string; logLevel: string; poolSize: number; loadMargin?: number };
  dataset: Record<string, number>;
  seed: { seededAt: string; seedSeconds: number; steps: Record<string, number>; tasks: number; coldStartEmptyMs: number; reused: boolean };
  coldStartMs: number;
  portalPeakRssMb: number;
  baselinePeakRssMb?: number;
  scenarios: ScenarioResult[];
  drain?: {
    contributions: number;
    fromThisRun: number;
    cpuMsPerContribution: number;
    delivered: number;
    failed: number;
    receivedByStub: number;
    secondsFromReady: number;
    perSecondFromReady: number;
    perSecondActive: number;
    peakRssMb: number;
    coldStartMs: number;
  };
  explains: ExplainedQuery[];
  benchSeconds: number;
}

const f0 = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
const f1 = (n: number) => n.toFixed(1);
const cpu = (ms: number) => ms.toFixed(ms < 1 ? 2 : 1);
const yes = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The last run of a scenario on a target (a pair may have been repeated; the report keeps every run, see allRuns). */
function latest(r: BenchResults, target: 'portal' | 'baseline', scenario: string): ScenarioResult | undefined {
  return r.scenarios.filter((s) => s.target === target && s.scenario === scenario).at(-1);
}

/** Each scenario measured, once, in the order run. */
function scenarioNames(r: BenchResults): string[] {
  return [...new Set(r.scenarios.map((s) => s.scenario))];
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
const cores = (n?: number) => (n === undefined ? '?' : n.toFixed(2));

function resultsSection(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push(`Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${f1(r.benchSeconds / 60)} min in all.`);
  lines.push('');
  lines.push('| machine | |');
  lines.push('|---|---|');
  lines.push(`| CPU | ${m.nproc} × ${m.cpuModel} |`);
  lines.push(`| memory | ${m.memoryGiB} GiB |`);
  lines.push(`| PostgreSQL | ${m.postgres} (stock configuration: shared_buffers 128 MB, same machine) |`);
  lines.push(`| Node.js | ${m.node} |`);
  lines.push(`| kernel | ${m.kernel} |`);
  lines.push(`| load generator | ${m.wrk}, ${r.settings.threads} threads, ${r.settings.connections} connections, ${r.settings.seconds} s per scenario after a ${r.settings.warmupSeconds} s warm-up (reads and saves), same machine |`);
  lines.push(`| portal process | \`node dist/src/main.js\`, NODE_OPTIONS \`${r.settings.portalNodeOptions || '(none)'}\`, LOG_LEVEL ${r.settings.logLevel}, DATABASE_POOL_SIZE ${r.settings.poolSize} (the baseline's pool too), workers off during the HTTP scenarios, on for the drain |`);
  lines.push('');
  const d = r.dataset;
  lines.push(
    `Dataset: ${f0(d.accounts)} accounts, ${f0(d.workGroups)} work groups (${f0(d.memberships)} memberships), ` +
      `${f0(d.tasks)} tasks (${f0(d.drafts)} holding answers, 10-20 KB drafts of the education form), ` +
      `${f0(d.attachments)} attachments, ${f0(d.auditEntries)} history entries; ${f0(d.databaseMb)} MB on disk. ` +
      `Seeded in **${f1(r.seed.seedSeconds)} s** (${Object.entries(r.seed.steps)
        .map(([k, v]) => `${k} ${f1(v / 1000)} s`)
        .join(', ')})${r.seed.reused ? ` on ${r.seed.seededAt.slice(0, 10)}, reused by this run` : ''}.`,
  );
  lines.push('');

  lines.push('### Reads: portal against the hand-written baseline');
  lines.push('');
  lines.push('| endpoint | portal req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | ratio | target (ratio ≥ 0.6, p99 ≤ 50 ms) |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const name of scenarioNames(r)) {
    const p = latest(r, 'portal', name);
    const b = latest(r, 'baseline', name);
    if (!p || !b) continue;
    const rpsRatio = p.rps / b.rps;
    lines.push(
      `| ${p.label} | ${f0(p.rps)} | ${f1(p.p50Ms)} | ${f1(p.p99Ms)} | ${f0(b.rps)} | ${f1(b.p50Ms)} | ${f1(b.p99Ms)} | ${rpsRatio.toFixed(2)} | ${yes(rpsRatio >= 0.6 && p.p99Ms <= 50)} |`,
    );
  }
  lines.push('');
  lines.push(
    "CPU per request (ms, from /proc: the server process, and the PostgreSQL backends of the bench database) and the ratios portal / baseline (issue 25's target: ≤ 1.3 for the server's CPU), PostgreSQL's work per request from its own counters (transactions, rows returned by scans, buffer hits, session rows updated), and the machine during each run (the 1-minute load average before → after, and cores busy with other work than the server, its PostgreSQL and wrk, from /proc/stat; a pair is run again when that moved by more than " +
      `${r.settings.loadMargin ?? 0.3} cores between its two runs):`,
  );
  lines.push('');
  lines.push(
    "| endpoint | portal CPU | baseline CPU | **ratio** (≤ 1.3) | portal PostgreSQL CPU | baseline PostgreSQL CPU | **ratio** | xacts / rows returned / buffer hits / session writes per request (portal ; baseline) | others' cores (portal / baseline) | load (portal / baseline) | peak RSS MB (portal / baseline) | bytes/response | non-2xx |",
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|---|');
  const dbText = (s: ScenarioResult) =>
    s.db ? `${s.db.xacts.toFixed(2)} / ${f0(s.db.tuplesReturned)} / ${f0(s.db.blocksHit)} / ${s.db.sessionUpdates.toFixed(3)}` : '?';
  for (const name of scenarioNames(r)) {
    const p = latest(r, 'portal', name);
    const b = latest(r, 'baseline', name);
    if (!p || !b) continue;
    const cpuRatio = p.cpuMsPerRequest / b.cpuMsPerRequest;
    lines.push(
      `| ${p.label} | ${p.cpuMsPerRequest.toFixed(2)} | ${b.cpuMsPerRequest.toFixed(2)} | ${ratio(p.cpuMsPerRequest, b.cpuMsPerRequest)}${cpuRatio <= 1.3 ? '' : ' **missed**'} | ${p.pgCpuMsPerRequest.toFixed(2)} | ${b.pgCpuMsPerRequest.toFixed(2)} | ${ratio(p.pgCpuMsPerRequest, b.pgCpuMsPerRequest)} | ${dbText(p)} ; ${dbText(b)} | ${cores(p.othersCores)} / ${cores(b.othersCores)} | ${p.loadBefore ?? '?'}→${p.loadAfter ?? '?'} / ${b.loadBefore ?? '?'}→${b.loadAfter ?? '?'} | ${f0(p.peakRssMb)} / ${f0(b.peakRssMb)} | ${f0(p.bytesPerResponse)} | ${p.non2xx}/${b.non2xx} |`,
    );
  }
  lines.push('');
  lines.push(...statementsTable(r));
  lines.push(...mixSection(r));

  lines.push('### Writes, the session poll and login (portal only)');
  lines.push('');
  lines.push('| endpoint | req/s | 2xx/s | p50 ms | p99 ms | answers | CPU ms/req (portal / PostgreSQL) | peak RSS MB | load | target |');
  lines.push('|---|---:|---:|---:|---:|---|---:|---:|---|---|');
  for (const p of r.scenarios.filter(
    (s) => s.target === 'portal' && !s.kinds && !r.scenarios.some((b) => b.target === 'baseline' && b.scenario === s.scenario),
  )) {
    const statuses = Object.entries(p.statuses)
      .map(([s, n]) => `${s}: ${f0(n)}`)
      .join(', ');
    const target =
      p.scenario === 'save'
        ? `p99 ≤ 100 ms: ${yes(p.p99Ms <= 100)}`
        : p.scenario === 'login'
          ? 'bound by argon2id by design'
          : p.scenario === 'pickup'
            ? 'exactly one winner per task'
            : '';
    lines.push(
      `| ${p.label}${p.note ? ` (${p.note})` : ''} | ${f0(p.rps)} | ${f0(p.okPerSecond)} | ${f1(p.p50Ms)} | ${f1(p.p99Ms)} | ${statuses} | ${cpu(p.cpuMsPerRequest)} / ${cpu(p.pgCpuMsPerRequest)} | ${f0(p.peakRssMb)} | ${p.loadBefore ?? '?'}→${p.loadAfter ?? '?'}, others ${cores(p.othersCores)} | ${target} |`,
    );
  }
  lines.push('');

  lines.push('### Delivery, start-up and memory');
  lines.push('');
  lines.push('| measure | value | target |');
  lines.push('|---|---:|---|');
  if (r.drain) {
    lines.push(
      `| delivery drain to the case-system stub: ${f0(r.drain.contributions)} pending contributions (${f0(r.drain.fromThisRun)} from this run's submit scenario; the rest earlier submissions sent again, or copies of this run's for other submitted tasks), each answers + PDF + attachments | ${f0(r.drain.perSecondActive)} contributions/s first to last delivery (${f0(r.drain.perSecondFromReady)}/s counted from the instance being ready); ${r.drain.cpuMsPerContribution.toFixed(1)} ms portal CPU each | ≥ 200/s: ${yes(r.drain.perSecondActive >= 200)} |`,
    );
    lines.push(`| contributions received by the stub / delivered / failed | ${f0(r.drain.receivedByStub)} / ${f0(r.drain.delivered)} / ${f0(r.drain.failed)} | none lost, none failed: ${yes(r.drain.failed === 0 && r.drain.receivedByStub >= r.drain.contributions)} |`);
  } else {
    lines.push('| delivery drain | not measured (no submissions) | ≥ 200/s |');
  }
  lines.push(`| cold start to /health/ready, ${f0(d.tasks)} tasks, migrated | ${f0(r.coldStartMs)} ms | ≤ 5 s: ${yes(r.coldStartMs <= 5000)} |`);
  if (r.drain) lines.push(`| cold start with workers on (drain run) | ${f0(r.drain.coldStartMs)} ms | ≤ 5 s: ${yes(r.drain.coldStartMs <= 5000)} |`);
  if (!r.seed.reused) lines.push(`| cold start on an empty database (all migrations) | ${f0(r.seed.coldStartEmptyMs)} ms | |`);
  const peak = Math.max(r.portalPeakRssMb, r.drain?.peakRssMb ?? 0);
  lines.push(`| portal peak RSS (VmHWM) over every scenario | ${f0(r.portalPeakRssMb)} MB | ≤ 300 MB: ${yes(peak <= 300)} |`);
  if (r.drain) lines.push(`| portal peak RSS while draining | ${f0(r.drain.peakRssMb)} MB | ≤ 300 MB |`);
  if (r.baselinePeakRssMb) lines.push(`| baseline peak RSS (VmHWM) | ${f0(r.baselinePeakRssMb)} MB | |`);
  const seq = r.explains.filter((e) => e.seqScanOnTasks || e.genericSeqScanOnTasks).map((e) => e.name);
  lines.push(
    `| list queries with a sequential scan over tasks | ${seq.length ? seq.join(', ') : 'none'} (${r.explains.length} plans below) | none: ${yes(seq.length === 0)} |`,
  );
  return lines.join('\n');
}

/** With --statements: what each server sent per request, statement by statement. */
function statementsTable(r: BenchResults): string[] {
  const out: string[] = [];
  for (const name of scenarioNames(r)) {
    const p = latest(r, 'portal', name);
    const b = latest(r, 'baseline', name);
    if (!p?.statements || !b?.statements) continue;
    const total = (x: Record<string, number>) => Object.values(x).reduce((a, n) => a + n, 0);
    out.push(`Statements per request, ${p.label} (--statements; portal ${total(p.statements).toFixed(2)}, baseline ${total(b.statements).toFixed(2)}):`);
    out.push('');
    out.push('| statement (first 160 characters) | portal | baseline |');
    out.push('|---|---:|---:|');
    for (const text of [...new Set([...Object.keys(p.statements), ...Object.keys(b.statements)])].sort()) {
      const pn = p.statements[text] ?? 0;
      const bn = b.statements[text] ?? 0;
      if (pn < 0.005 && bn < 0.005) continue;
      out.push(`| \`${text.replace(/\|/g, '\\|')}\` | ${pn.toFixed(2)} | ${bn.toFixed(2)} |`);
    }
    out.push('');
  }
  return out;
}

/** Reads while people write, against the same reads alone (latency measured per request by the wrk script). */
function mixSection(r: BenchResults): string[] {
  return [...mixPair(r, 'mix-reads', 'mix', 'at saturation'), ...mixPair(r, 'mix-reads-paced', 'mix-paced', 'at a set rate')];
}

function mixPair(r: BenchResults, readsName: string, mixName: string, how: string): string[] {
  const alone = latest(r, 'portal', readsName);
  const mix = latest(r, 'portal', mixName);
  if (!alone?.kinds || !mix?.kinds) return [];
  const out: string[] = [];
  out.push(`### Reads while people write (portal, ${how})`);
  out.push('');
  out.push(
    `The three lists and the task page in equal parts, alone and then mixed with draft saves, pickups and submissions (each PDF drawn on a worker thread), each request's kind drawn at random; latency per kind timed by the wrk script (${r.settings.connections} connections${
      mixName === 'mix-paced' ? ', each pausing a random 0-150 ms before each request, so both runs are offered about the same rate' : ', each sending its next request as soon as it has an answer'
    }). Target (issue 25): read p99 in the mix ≤ 1.5 × reads alone.`,
  );
  out.push('');
  out.push('| run | requests/s | kind | answers timed | p50 ms | p90 ms | p99 ms | portal CPU ms/req | PostgreSQL CPU ms/req | others\' cores | statuses |');
  out.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const run of [alone, mix]) {
    for (const [kind, k] of Object.entries(run.kinds!).filter(([, v]) => v.n)) {
      const statuses = Object.entries(run.statuses).map(([s, n]) => `${s}: ${f0(n)}`).join(', ');
      out.push(
        `| ${run.label} | ${f0(run.rps)} | ${kind} | ${f0(k.n)} | ${f1(k.p50Ms)} | ${f1(k.p90Ms)} | ${f1(k.p99Ms)} | ${cpu(run.cpuMsPerRequest)} | ${cpu(run.pgCpuMsPerRequest)} | ${cores(run.othersCores)} | ${kind === 'get' ? statuses : ''} |`,
      );
    }
  }
  const x = mix.kinds.get.p99Ms / alone.kinds.get.p99Ms;
  out.push('');
  out.push(`Read p99 in the mix / alone (${how}): **${x.toFixed(2)}** (≤ 1.5: ${yes(x <= 1.5)}).`);
  out.push('');
  return out;
}

/** Every run of this bench, repeated pairs included: the figures the tables above are the last of. */
export function allRuns(r: BenchResults): string {
  const out: string[] = [];
  out.push(`#### Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC (${f0(r.dataset.tasks)} tasks, ${r.settings.connections} connections, ${r.settings.seconds} s)`);
  out.push('');
  out.push('| scenario | pair | target | req/s | p99 ms | CPU ms/req | PostgreSQL CPU ms/req | CPU ratio | PostgreSQL ratio | load before→after | busy cores | others\' cores |');
  out.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const s of r.scenarios) {
    const other = s.target === 'portal' ? r.scenarios.find((b) => b.target === 'baseline' && b.scenario === s.scenario && b.attempt === s.attempt) : undefined;
    out.push(
      `| ${s.label} | ${s.attempt ?? 1} | ${s.target} | ${f0(s.rps)} | ${f1(s.p99Ms)} | ${s.cpuMsPerRequest.toFixed(2)} | ${s.pgCpuMsPerRequest.toFixed(2)} | ${other ? ratio(s.cpuMsPerRequest, other.cpuMsPerRequest) : ''} | ${other ? ratio(s.pgCpuMsPerRequest, other.pgCpuMsPerRequest) : ''} | ${s.loadBefore ?? '?'}→${s.loadAfter ?? '?'} | ${cores(s.busyCores)} | ${cores(s.othersCores)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

function explainSection(r: BenchResults): string {
  const out: string[] = [];
  out.push(`Captured from the app's own \`ListTasks\` + \`SqlTaskReadModel\` (the exact statements it sends) for a professional in two work groups, on ${f0(r.dataset.tasks)} tasks; each run once to warm the cache, then \`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)\`. The portal prepares its statements, so each is also explained as the generic plan PostgreSQL may settle into after five executions on a connection (\`PREPARE\` + \`EXECUTE\` under \`plan_cache_mode = force_generic_plan\`); both are shown.`);
  out.push('');
  out.push('| query | execution ms (custom plan) | execution ms (generic plan) | sequential scan over tasks |');
  out.push('|---|---:|---:|---|');
  for (const e of r.explains) {
    const seq = e.seqScanOnTasks || e.genericSeqScanOnTasks;
    out.push(`| ${e.name} | ${e.executionMs.toFixed(2)} | ${e.genericExecutionMs.toFixed(2)} | ${seq ? '**yes**' : 'no'} |`);
  }
  out.push('');
  for (const e of r.explains) {
    out.push(`#### ${e.name}`);
    out.push('');
    out.push('```sql');
    out.push(e.sql);
    out.push(`-- ${JSON.stringify(e.params)}`);
    out.push('```');
    out.push('```');
    out.push(e.plan);
    out.push('```');
    out.push('Generic plan:');
    out.push('```');
    out.push(e.genericPlan);
    out.push('```');
    out.push('');
  }
  return out.join('\n');
}

const START = (name: string) => `<!-- bench:${name}:start (written by npm run bench) -->`;
const END = (name: string) => `<!-- bench:${name}:end -->`;

function replaceSection(doc: string, name: string, body: string): string {
  const start = doc.indexOf(START(name));
  const end = doc.indexOf(END(name));
  const block = `${START(name)}\n${body}\n${END(name)}`;
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n${block}\n`;
  return doc.slice(0, start) + block + doc.slice(end + END(name).length);
}

/** Adds to a generated section (every run's figures are kept, newest last). */
function appendToSection(doc: string, name: string, body: string): string {
  const end = doc.indexOf(END(name));
  if (end === -1) return `${doc.trimEnd()}\n\n${START(name)}\n${body}\n${END(name)}\n`;
  return `${doc.slice(0, end)}${body}\n${doc.slice(end)}`;
}

/**
 * Rewrites only the generated sections of BENCHMARKS.md; the prose around them is kept. A partial run
 * (--only) leaves Results alone but is added to "Every run" too. Returns the results section.
 */
export function writeReport(r: BenchResults, file: string, write: boolean, partial = false): string {
  const results = `${resultsSection(r)}\n\n${allRuns(r)}`;
  if (!write) return results;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (partial) {
    writeFileSync(file, appendToSection(doc, 'runs', allRuns(r)));
    return results;
  }
  doc = replaceSection(doc, 'results', resultsSection(r));
  doc = appendToSection(doc, 'runs', allRuns(r));
  if (r.explains.length) doc = replaceSection(doc, 'explain', explainSection(r));
  writeFileSync(file, doc);
  return results;
}
