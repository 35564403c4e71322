import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { query } from './db';

/** The whole machine's CPU time so far (all cores, jiffies → seconds), from the first line of /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: (total - idle - iowait) / 100, total: total / 100 };
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/**
 * What the machine did during a run: cores busy in all, and cores busy with other work than the
 * measured server, its PostgreSQL backends and wrk (the neighbours on this shared machine).
 */
export function machineLoad(before: { busy: number; total: number }, after: { busy: number; total: number }, ownCpuSeconds: number) {
  const cores = cpus().length;
  const wall = (after.total - before.total) / cores;
  const busyCores = wall > 0 ? (after.busy - before.busy) / wall : 0;
  const ownCores = wall > 0 ? ownCpuSeconds / wall : 0;
  return { busyCores, othersCores: Math.max(0, busyCores - ownCores) };
}

/** PostgreSQL's own counters for the bench database (pg_stat_database, and the sessions table's updates). */
export interface DbCounters {
  xacts: number;
  tuplesReturned: number;
  tuplesFetched: number;
  blocksHit: number;
  rowsWritten: number;
  sessionUpdates: number;
}

export async function dbCounters(client: Client): Promise<DbCounters> {
  const [r] = await query<DbCounters>(
    client,
    `SELECT (xact_commit + xact_rollback)::float8 AS xacts, tup_returned::float8 AS "tuplesReturned", tup_fetched::float8 AS "tuplesFetched",
            blks_hit::float8 AS "blocksHit", (tup_inserted + tup_updated + tup_deleted)::float8 AS "rowsWritten",
            (SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'sessions')::float8 AS "sessionUpdates"
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return r;
}

export function perRequest(before: DbCounters, after: DbCounters, requests: number): DbCounters {
  const out = {} as DbCounters;
  for (const k of Object.keys(before) as (keyof DbCounters)[]) out[k] = requests ? (after[k] - before[k]) / requests : 0;
  return out;
}
