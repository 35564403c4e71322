import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { query } from './db';
import { ACCOUNTS, csrfFor, PASSWORD, sessionToken } from './seed';
import { WrkOptions } from './wrk';

/**
 * What each scenario sends. Data files are written from the database's current state right before
 * each run (warm-up and measured run alike), so stateful scenarios (saves, pickups, submissions)
 * always start from real versions and still-available tasks.
 */
export interface Scenario {
  name: string;
  label: string;
  mode: WrkOptions['mode'];
  /** Also run against the hand-written baseline. */
  baseline: boolean;
  warmup: boolean;
  /** mix: percentages of reads, saves, pickups and submits, drawn per request (BENCH_MIX). */
  mix?: string;
  /** mix: the pause before each request on a connection, 0-2× this many ms (a set rate, not saturation). */
  paceMs?: number;
  prepare(client: Client, file: string): Promise<{ lines: number; note?: string }>;
  /** Checks the outcome in the database after the measured run; returns a note for the report. */
  verify?(client: Client, file: string, since: Date, statuses: Record<string, number>): Promise<string>;
}

function accountNumber(email: string): number {
  return Number(/^pro(\d+)@/.exec(email)![1]);
}

function write(file: string, lines: string[][]): number {
  writeFileSync(file, `${lines.map((l) => l.join('\t')).join('\n')}\n`);
  return lines.length;
}

/** Accounts spread over the whole population: every request is a different professional's session. */
function spreadOverAccounts(path: string, file: string): { lines: number } {
  const lines: string[][] = [];
  for (let i = 0; i < 4000; i += 1) {
    const n = 1 + ((i * 7919 + 13) % ACCOUNTS);
    lines.push([path, sessionToken(n)]);
  }
  return { lines: write(file, lines) };
}


/**
 * The assignee opens their own open or in-progress task (drafts of 10-20 KB, some attachments), one
 * they have opened before. The very first opening of a task is a write (RecordFirstOpening: the task
 * marked, an "opened" event queued for the case system, in one transaction), once per task; the seed
 * leaves every task unopened, and each run samples other tasks, so without this every request of the
 * scenario would be a first opening (9 statements instead of 2-3) and the page would be measured as
 * a write.
 */
async function detailLines(client: Client, limit: number): Promise<string[][]> {
  const rows = await query<{ id: string; email: string }>(
    client,
    `WITH sample AS (
       SELECT t.id, a.email FROM tasks t TABLESAMPLE SYSTEM (2) JOIN accounts a ON a.id = t.assignee_account_id
        WHERE t.assignee_kind = 'account' AND t.status IN ('open', 'in_progress') LIMIT $1),
     opened AS (UPDATE tasks SET first_opened_at = delegated_at WHERE id IN (SELECT id FROM sample) AND first_opened_at IS NULL)
     SELECT id, email FROM sample`,
    [limit],
  );
  return rows.map((r) => [`/api/v1/tasks/${r.id}`, sessionToken(accountNumber(r.email))]);
}

/** In-progress education drafts with their owner's session: taskId, version, token, csrf. */
async function draftLines(client: Client, percent: number, limit: number, exclude: string[] = []): Promise<string[][]> {
  const rows = await query<{ id: string; version: number; email: string }>(
    client,
    `SELECT t.id, t.version, a.email FROM tasks t TABLESAMPLE SYSTEM (${percent}) JOIN accounts a ON a.id = t.assignee_account_id
      WHERE t.assignee_kind = 'account' AND t.status = 'in_progress' AND t.form_key = 'education-advice'
        AND NOT (t.id = ANY($2::uuid[])) LIMIT $1`,
    [limit, exclude],
  );
  return rows.map((r) => {
    const token = sessionToken(accountNumber(r.email));
    return [r.id, String(r.version), token, csrfFor(token)];
  });
}

/** Tasks held by work groups; four different members of the holding group race for each one (taskId, token, csrf). */
async function pickupLines(client: Client): Promise<{ lines: string[][]; tasks: number }> {
  const rows = await query<{ id: string; emails: string[] }>(
    client,
    `SELECT t.id, (SELECT array_agg(email) FROM (SELECT a.email FROM work_group_members m JOIN accounts a ON a.id = m.account_id
                                                  WHERE m.work_group_id = t.holder_work_group_id ORDER BY random() LIMIT 4) x) AS emails
       FROM tasks t TABLESAMPLE SYSTEM (2)
      WHERE t.assignee_kind = 'work_group' AND t.status IN ('open', 'in_progress') LIMIT 3000`,
  );
  const lines: string[][] = [];
  for (const r of rows) {
    for (const email of r.emails) {
      const token = sessionToken(accountNumber(email));
      lines.push([r.id, token, csrfFor(token)]);
    }
  }
  return { lines, tasks: rows.length };
}

function listLines(view: string, count = 4000): string[][] {
  const lines: string[][] = [];
  for (let i = 0; i < count; i += 1) {
    const n = 1 + ((i * 7919 + 13) % ACCOUNTS);
    lines.push([`/api/v1/tasks?view=${view}`, sessionToken(n)]);
  }
  return lines;
}

/** The pause behind the paced pair's offered rate: 32 connections ÷ (~75 ms + latency) ≈ 400 req/s. */
const MIX_PACE_MS = 75;

/**
 * Reads while people write: the three lists and the task page in equal parts, beside draft saves,
 * pickups and submissions (each PDF drawn on a worker thread), in the proportions of `mix`. The same
 * scenario with 100 % reads is the reference its read latency is compared with.
 */
function mixScenario(name: string, label: string, mix: string, paceMs?: number): Scenario {
  return {
    name,
    label,
    mode: 'mix',
    mix,
    paceMs,
    baseline: false,
    // Reads alone warm up (the mix then runs at once); the mix itself does not, its submissions are spent.
    warmup: mix === '100,0,0,0',
    async prepare(client, file) {
      const reads = [...listLines('to-complete', 1000), ...listLines('work-groups', 1000), ...listLines('group-members', 1000), ...(await detailLines(client, 1000))];
      // Interleaved, so that each stretch of the file holds every kind of read.
      const shuffled = reads.map((r, i) => ({ r, k: (i * 7919) % reads.length })).sort((a, b) => a.k - b.k).map((x) => x.r);
      const lines = shuffled.map((r) => ['get', ...r]);
      if (mix === '100,0,0,0') return { lines: write(file, lines) };
      const submits = await draftLines(client, 5, 3000);
      const saves = await draftLines(client, 2, 400, submits.map((l) => l[0]));
      const pickups = await pickupLines(client);
      lines.push(...saves.map((l) => ['save', ...l]), ...pickups.lines.map((l) => ['pickup', ...l]), ...submits.map((l) => ['submit', ...l]));
      return { lines: write(file, lines), note: `${saves.length} drafts, ${pickups.tasks} group tasks, ${submits.length} complete drafts` };
    },
  };
}

function listScenario(view: string): Scenario {
  return {
    name: view,
    label: `GET /tasks?view=${view}`,
    mode: 'get',
    baseline: true,
    warmup: true,
    prepare: async (_client, file) => spreadOverAccounts(`/api/v1/tasks?view=${view}`, file),
  };
}

export const SCENARIOS: Scenario[] = [
  listScenario('to-complete'),
  listScenario('work-groups'),
  listScenario('group-members'),
  {
    name: 'detail',
    label: 'GET /tasks/{id}',
    mode: 'get',
    baseline: true,
    warmup: true,
    prepare: async (client, file) => ({ lines: write(file, await detailLines(client, 4000)) }),
  },
  {
    // What the web client asks once a minute in every open tab (the idle-timeout poll): the account
    // with its groups and the session's expiry.
    name: 'session',
    label: 'GET /auth/session?touch=false (the web client polls it once a minute)',
    mode: 'get',
    baseline: false,
    warmup: true,
    prepare: async (_client, file) => spreadOverAccounts('/api/v1/auth/session?touch=false', file),
  },
  {
    name: 'save',
    label: 'PUT /tasks/{id}/answers',
    mode: 'save',
    baseline: false,
    warmup: true,
    // 400 drafts (200 per wrk thread, 16 connections each): one request in flight per task, the
    // version carried from each response to the next save of that task.
    prepare: async (client, file) => ({ lines: write(file, await draftLines(client, 2, 400)) }),
  },
  {
    name: 'pickup',
    label: 'POST /tasks/{id}/pickup (4 members race per task)',
    mode: 'pickup',
    baseline: false,
    warmup: false,
    async prepare(client, file) {
      const { lines, tasks } = await pickupLines(client);
      return { lines: write(file, lines), note: `${tasks} group tasks` };
    },
    async verify(client, file, since, statuses) {
      // Exactly one winner per task that was raced for: one audit entry each, as many as 200s.
      const ids = [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]))];
      const [r] = await query<{ tasks: number; entries: number; doubles: number }>(
        client,
        `SELECT count(DISTINCT task_id)::int AS tasks, count(*)::int AS entries,
                (SELECT count(*)::int FROM (SELECT task_id FROM audit_log WHERE action = 'task.picked_up' AND at >= $2
                   AND task_id = ANY($1::uuid[]) GROUP BY task_id HAVING count(*) > 1) x) AS doubles
           FROM audit_log WHERE action = 'task.picked_up' AND at >= $2 AND task_id = ANY($1::uuid[])`,
        [ids, since],
      );
      // wrk does not count the answers still in flight when it stops (at most one per connection).
      const counted = statuses['200'] ?? 0;
      const ok = r.doubles === 0 && r.entries >= counted && r.entries - counted <= 64;
      return `${r.tasks} tasks picked up, ${r.doubles} of them twice: ${ok ? 'one winner each' : '**MISMATCH**'}`;
    },
  },
  {
    name: 'submit',
    label: 'POST /tasks/{id}/submit',
    mode: 'submit',
    baseline: false,
    warmup: false,
    // Complete drafts of the education form (the PDF is rendered and stored in the request).
    prepare: async (client, file) => ({ lines: write(file, await draftLines(client, 5, 6000)) }),
  },
  mixScenario('mix-reads', 'reads alone (lists and task page, 1:1:1:1), latency per request', '100,0,0,0'),
  mixScenario('mix', 'mix: 80 % reads, 15 % saves, 4 % pickups, 1 % submits', '80,15,4,1'),
  // The same pair at a set rate well below saturation (32 connections each pausing 75 ms on average
  // between answers: ~400 requests/s offered to both), where a read's latency shows what the writes
  // and the PDFs do to it rather than the queue a heavier mix makes at saturation.
  mixScenario('mix-reads-paced', 'reads alone, paced (~400 req/s offered)', '100,0,0,0', MIX_PACE_MS),
  mixScenario('mix-paced', 'mix, paced (~400 req/s offered)', '80,15,4,1', MIX_PACE_MS),
  {
    name: 'login',
    label: 'POST /auth/login (argon2id 19 MiB, t=2)',
    mode: 'login',
    baseline: false,
    warmup: false,
    async prepare(_client, file) {
      const lines: string[][] = [];
      for (let i = 0; i < ACCOUNTS; i += 1) lines.push([`pro${1 + ((i * 7919 + 101) % ACCOUNTS)}@bench.example`, PASSWORD]);
      return { lines: write(file, lines) };
    },
  },
];

export function dataFile(dir: string, scenario: string, phase: string): string {
  return join(dir, `${scenario}.${phase}.tsv`);
}
