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
    async prepare(client, file) {
      // The assignee opens their own open or in-progress task (drafts of 10-20 KB, some attachments).
      const rows = await query<{ id: string; email: string }>(
        client,
        `SELECT t.id, a.email FROM tasks t TABLESAMPLE SYSTEM (2) JOIN accounts a ON a.id = t.assignee_account_id
          WHERE t.assignee_kind = 'account' AND t.status IN ('open', 'in_progress') LIMIT 4000`,
      );
      return { lines: write(file, rows.map((r) => [`/api/v1/tasks/${r.id}`, sessionToken(accountNumber(r.email))])) };
    },
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
    async prepare(client, file) {
      // 400 drafts (200 per wrk thread, 16 connections each): one request in flight per task, the
      // version carried from each response to the next save of that task.
      const rows = await query<{ id: string; version: number; email: string }>(
        client,
        `SELECT t.id, t.version, a.email FROM tasks t TABLESAMPLE SYSTEM (2) JOIN accounts a ON a.id = t.assignee_account_id
          WHERE t.assignee_kind = 'account' AND t.status = 'in_progress' AND t.form_key = 'education-advice' LIMIT 400`,
      );
      return {
        lines: write(
          file,
          rows.map((r) => {
            const token = sessionToken(accountNumber(r.email));
            return [r.id, String(r.version), token, csrfFor(token)];
          }),
        ),
      };
    },
  },
  {
    name: 'pickup',
    label: 'POST /tasks/{id}/pickup (4 members race per task)',
    mode: 'pickup',
    baseline: false,
    warmup: false,
    async prepare(client, file) {
      // Tasks held by work groups; four different members of the holding group race for each one.
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
      return { lines: write(file, lines), note: `${rows.length} group tasks` };
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
    async prepare(client, file) {
      // Complete drafts of the education form (the PDF is rendered and stored in the request).
      const rows = await query<{ id: string; version: number; email: string }>(
        client,
        `SELECT t.id, t.version, a.email FROM tasks t TABLESAMPLE SYSTEM (5) JOIN accounts a ON a.id = t.assignee_account_id
          WHERE t.assignee_kind = 'account' AND t.status = 'in_progress' AND t.form_key = 'education-advice' LIMIT 6000`,
      );
      return {
        lines: write(
          file,
          rows.map((r) => {
            const token = sessionToken(accountNumber(r.email));
            return [r.id, String(r.version), token, csrfFor(token)];
          }),
        ),
      };
    },
  },
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
