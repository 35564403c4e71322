import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { databaseOptions } from '../../../src/shared/database/database-options';
import { adminQuery, withDatabase } from '../../support/test-database';
import { freePort } from './portal-process';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own, on a free port under a temporary directory, so it can be
 * stopped and started without touching the shared server other suites use.
 */
export interface PrivatePostgres {
  /** URL of a migrated database on this cluster. */
  url: string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

/** Why the cluster cannot be made here (to skip with), or undefined. */
export function privatePostgresUnavailable(): string | undefined {
  if (!process.env.TEST_DATABASE_URL) return 'TEST_DATABASE_URL is unset (embedded PGlite mode has no server to restart)';
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(BIN, tool))) return `${join(BIN, tool)} is missing (set PG_BIN to the PostgreSQL 15 binaries)`;
  }
  if (userInfo().uid === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres user to run the cluster as';
    }
  }
  return undefined;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  // PostgreSQL refuses to run as root: run its tools as the postgres user then.
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(BIN, tool), asRoot ? ['-u', 'postgres', '--', join(BIN, tool), ...args] : args, {
      stdio: 'pipe',
      timeout: 60_000,
    });
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const pgCtl = (args: string[]) => run('pg_ctl', ['-D', data, ...args]);
  const start = () =>
    pgCtl([
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
  start();

  const base = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await adminQuery(base, 'CREATE DATABASE resilience_test');
  const url = withDatabase(base, 'resilience_test');
  const orm = await MikroORM.init({ ...databaseOptions(url, false), pool: { min: 0, max: 1 } });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }

  return {
    url,
    stop: (mode = 'fast') => void pgCtl(['-m', mode, '-w', '-t', '30', 'stop']),
    start: () => void start(),
    destroy() {
      try {
        pgCtl(['-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
