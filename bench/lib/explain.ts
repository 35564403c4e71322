import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { query } from './db';

export interface ExplainedQuery {
  name: string;
  sql: string;
  params: unknown[];
  plan: string;
  executionMs: number;
  seqScanOnTasks: boolean;
  /** The plan a prepared statement settles into after five executions (forced here). */
  genericPlan: string;
  genericExecutionMs: number;
  genericSeqScanOnTasks: boolean;
}

interface Captured {
  sql: string;
  params: unknown[];
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every task list query, built by the app's own code: the compiled
 * ListTasks and SqlTaskReadModel run against a recording Sql, so the plans are those of the exact
 * statements the portal sends (not a copy that could drift). The portal prepares its statements, so
 * each is explained twice: as planned for its parameters (the first five executions on a connection)
 * and as the generic plan PostgreSQL may settle into afterwards (forced with plan_cache_mode).
 */
export async function explainListQueries(client: Client, distSrc: string): Promise<ExplainedQuery[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { SqlTaskReadModel } = require(join(distSrc, 'tasks', 'infrastructure', 'sql-task-read-model.js'));
  const { ListTasks } = require(join(distSrc, 'tasks', 'application', 'list-tasks.js'));
  /* eslint-enable @typescript-eslint/no-require-imports */

  const captured: Captured[] = [];
  const sqlRecorder = {
    query: async (sql: string, params: unknown[]) => {
      captured.push({ sql, params });
      return [];
    },
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const list = new ListTasks(
    new SqlTaskReadModel(sqlRecorder),
    { summaries: () => [], today: () => today },
    { now: () => new Date() },
  );

  // A typical professional: in two work groups, with the usual number of tasks.
  const [who] = await query<{ account_id: string; groups: string[] }>(
    client,
    `SELECT m.account_id, array_agg(m.work_group_id) AS groups FROM work_group_members m
      WHERE m.account_id IS NOT NULL GROUP BY m.account_id HAVING count(*) = 2 ORDER BY m.account_id LIMIT 1`,
  );
  const [someTask] = await query<{ id: string; due_date: string }>(
    client,
    `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM tasks
      WHERE assignee_account_id = $1 AND status IN ('open', 'in_progress') ORDER BY due_date, id LIMIT 1`,
    [who.account_id],
  );
  const groupIds = who.groups;
  const cursor = Buffer.from(JSON.stringify({ s: 'dueDate', o: 'asc', v: someTask.due_date, id: someTask.id })).toString('base64url');

  const cases: [string, () => Promise<unknown>][] = [
    ['to-complete (default sort: dueDate)', () => list.execute(who.account_id, { view: 'to-complete' })],
    ['to-complete, next page (keyset cursor)', () => list.execute(who.account_id, { view: 'to-complete', cursor })],
    ['to-complete, sort=delegatedAt&order=desc', () => list.execute(who.account_id, { view: 'to-complete', sort: 'delegatedAt', order: 'desc' })],
    ['to-complete, sort=title', () => list.execute(who.account_id, { view: 'to-complete', sort: 'title' })],
    ['work-groups', () => list.execute(who.account_id, { view: 'work-groups' })],
    ['group-members', () => list.execute(who.account_id, { view: 'group-members' })],
    ['recently-submitted', () => list.execute(who.account_id, { view: 'recently-submitted' })],
    ['admin: all tasks', () => list.forAdmin({}, {})],
    ['admin: status=open', () => list.forAdmin({ status: 'open' }, {})],
    ['admin: overdue=true', () => list.forAdmin({ overdue: true }, {})],
    ['admin: overdue=false', () => list.forAdmin({ overdue: false }, {})],
    ['admin: workGroupId', () => list.forAdmin({ workGroupId: groupIds[0] }, {})],
    ['admin: accountId', () => list.forAdmin({ accountId: who.account_id }, {})],
    ['admin: workGroupId + status=submitted', () => list.forAdmin({ workGroupId: groupIds[0], status: 'submitted' }, {})],
  ];

  const out: ExplainedQuery[] = [];
  for (const [name, run] of cases) {
    captured.length = 0;
    await run();
    if (captured.length !== 1) throw new Error(`${name}: expected one statement, got ${captured.length}`);
    const { sql, params } = captured[0];
    let n = 0;
    const numbered = sql.replace(/\?/g, () => `$${++n}`);
    const explain = `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${numbered}`;
    await client.query(explain, params); // warm the cache: the plan shown is the steady state
    const rows = await query<{ 'QUERY PLAN': string }>(client, explain, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const genericPlan = await explainGeneric(client, numbered, params);
    out.push({
      name,
      sql: numbered.replace(/\s+/g, ' ').trim(),
      params: params.map((p) => (p instanceof Date ? p.toISOString() : p)),
      plan,
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
      seqScanOnTasks: /Seq Scan on tasks/.test(plan),
      genericPlan,
      genericExecutionMs: Number(/Execution Time: ([\d.]+) ms/.exec(genericPlan)?.[1] ?? NaN),
      genericSeqScanOnTasks: /Seq Scan on tasks/.test(genericPlan),
    });
  }
  return out;
}

async function explainGeneric(client: Client, sql: string, params: unknown[]): Promise<string> {
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await client.query(`PREPARE bench_generic AS ${sql}`);
    const execute = `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE bench_generic(${params.map((p) => literal(p)).join(', ')})`;
    await client.query(execute);
    const rows = await query<{ 'QUERY PLAN': string }>(client, execute);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    await client.query('DEALLOCATE ALL');
  }
}

/** EXECUTE takes values inline: quote them as PostgreSQL literals (arrays as array literals). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return `'{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}'`;
  if (typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}
