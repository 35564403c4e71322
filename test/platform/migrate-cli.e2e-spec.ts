/**
 * `npm run cli -- migrate status|up`: migrations as a deployment step of their own. The real CLI
 * (src/cli.ts, run with swc) against an empty database: the real PostgreSQL when TEST_DATABASE_URL
 * is set, else the embedded database files in a scratch VAR_DIR.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationsList } from '../../src/migrations';
import { adminQuery, testDatabaseUrl, withDatabase } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');

describe('CLI: migrate status | up', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const base = testDatabaseUrl();
    const varDir = mkdtempSync(join(tmpdir(), 'migrate-cli-'));
    if (base) {
      const name = `migrate_cli_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(base, `CREATE DATABASE "${name}"`);
      env = { DATABASE_URL: withDatabase(base, name), VAR_DIR: varDir };
      cleanup = async () => {
        await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        rmSync(varDir, { recursive: true, force: true });
      };
    } else {
      env = { VAR_DIR: varDir };
      cleanup = async () => rmSync(varDir, { recursive: true, force: true });
    }
  });
  afterAll(async () => cleanup?.());

  function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(
      process.execPath,
      ['-r', join(ROOT, 'swc-register.js'), join(ROOT, 'src', 'cli.ts'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 120_000 },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const names = migrationsList.map((m) => m.name);

  it('on an empty database: status lists every migration as pending and exits 1', () => {
    const status = cli('migrate', 'status');
    expect(status.stderr).toBe('');
    expect(status.status).toBe(1);
    expect(status.stdout).toContain('Applied: 0');
    expect(status.stdout).toContain(`Pending: ${names.length}`);
    for (const name of names) expect(status.stdout).toContain(name);
  });

  it('up applies them all, in order; then status says none pending and exits 0', async () => {
    const up = cli('migrate', 'up');
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    expect(up.stdout).toContain(`Applied ${names.length} migration(s)`);
    const listed = names.map((name) => up.stdout.indexOf(name));
    expect(listed).not.toContain(-1);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed);

    const status = cli('migrate', 'status');
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(`Applied: ${names.length} (latest ${names[names.length - 1]})`);
    expect(status.stdout).toContain('Pending: none');

    if (env.DATABASE_URL) {
      // The schema is really there: the app's tables exist.
      const db = new Client({ connectionString: env.DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query<{ n: string }>(
          "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('accounts', 'tasks')",
        );
        expect(Number(rows[0].n)).toBe(2);
      } finally {
        await db.end();
      }
    }
  });

  it('up again has nothing to do', () => {
    const up = cli('migrate', 'up');
    expect(up.status).toBe(0);
    expect(up.stdout).toContain('Nothing to apply: the database is up to date.');
  });

  it('refuses an unknown action with the usage line', () => {
    const wrong = cli('migrate', 'down');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('migrate status | migrate up');
  });
});
