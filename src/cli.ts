import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { grantAdmin } from './operations/grant-admin';
import { startEmbeddedPostgres } from './shared/database/embedded-postgres';

/**
 * Operator commands. Opens only the database (DATABASE_URL, or the embedded one): safe while the
 * app runs, and done in seconds.
 *
 *   npm run cli -- grant-admin <email>
 */
const USAGE = 'Usage: npm run cli -- grant-admin <email>';

async function withDatabase<T>(work: (db: Client) => Promise<T>): Promise<T> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const varDir = resolve(process.env.VAR_DIR ?? 'var');
    const running = runningPortal(join(varDir, 'embedded-db.url'));
    if (running) {
      // The running portal owns the embedded database files: go through it, never beside it.
      url = running;
    } else {
      const embedded = await startEmbeddedPostgres(join(varDir, 'pgdata'));
      url = embedded.url;
      stop = embedded.stop;
    }
  }
  const db = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
    await stop?.();
  }
}

/** The loopback address a running portal published for its embedded database, if it is alive. */
function runningPortal(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const { url, pid } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; pid: number };
    process.kill(pid, 0); // throws when no such process: a stale file from a crash
    return url;
  } catch {
    return undefined;
  }
}

async function runGrantAdmin(email: string): Promise<number> {
  return withDatabase(async (db) => {
    const result = await grantAdmin(db, email);
    if (result === 'no_account') {
      console.error(`No account with the email ${email}. The person must register first.`);
      return 1;
    }
    console.log(result === 'granted' ? `${email} is now an admin.` : `${email} is already an admin.`);
    return 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'grant-admin' && args.length === 1) return runGrantAdmin(args[0]);
  console.error(USAGE);
  return 2;
}

const watchdog = setTimeout(() => {
  console.error('Timed out: the database did not answer within 10 seconds.');
  process.exit(3);
}, 9_500);
watchdog.unref();

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
