import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from './config/app-config';
import { ProvisionAccounts } from './identity';
import { migrateUp, migrationStatus } from './operations/migrations';
import { OperationsModule } from './operations/operations.module';
import { startEmbeddedPostgres } from './shared/database/embedded-postgres';

/**
 * Operator commands, through the contexts' own use cases in a Nest application context (no HTTP,
 * no workers): the database (DATABASE_URL, or the embedded one) and nothing else. Safe while the
 * app runs, and done in seconds.
 *
 *   npm run cli -- grant-admin <email>
 *   npm run cli -- migrate status     lists applied and pending migrations (exit 1 when some are pending)
 *   npm run cli -- migrate up         applies pending migrations (a deployment step before new instances start)
 */
const USAGE = 'Usage: npm run cli -- grant-admin <email> | migrate status | migrate up';

/** Runs `work` with the database's URL: DATABASE_URL, a running portal's embedded one, or the files under VAR_DIR. */
async function withDatabaseUrl<T>(work: (url: string, embedded: boolean) => Promise<T>): Promise<T> {
  let url = process.env.DATABASE_URL;
  const embedded = !url;
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
  try {
    return await work(url, embedded);
  } finally {
    await stop?.();
  }
}

/** Runs `work` in the portal's application context (no HTTP, no workers): the contexts' own use cases. */
async function withPortal<T>(work: (portal: INestApplicationContext) => Promise<T>): Promise<T> {
  return withDatabaseUrl(async (url, embedded) => {
    // The commands need no integration key nor the demo data: placeholders keep the checks quiet.
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: url,
      INTEGRATION_API_KEYS: process.env.INTEGRATION_API_KEYS || 'operator-cli-no-integration-key',
      DEMO_DATA: 'false',
      WORKERS_ENABLED: 'false',
    });
    config.embeddedDatabase = embedded;
    const portal = await NestFactory.createApplicationContext(OperationsModule.register(config), { logger: ['error'] });
    try {
      return await work(portal);
    } finally {
      await portal.close();
    }
  });
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
  return withPortal(async (portal) => {
    const result = await portal.get(ProvisionAccounts).grantAdmin(email);
    if (result === 'no_account') {
      console.error(`No account with the email ${email}. The person must register first.`);
      return 1;
    }
    console.log(result === 'granted' ? `${email} is now an admin.` : `${email} is already an admin.`);
    return 0;
  });
}

async function runMigrate(action: string): Promise<number> {
  return withDatabaseUrl(async (url, embedded) => {
    if (action === 'up') {
      const applied = await migrateUp(url, embedded);
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
          : 'Nothing to apply: the database is up to date.',
      );
      return 0;
    }
    const { executed, pending } = await migrationStatus(url, embedded);
    console.log(`Applied: ${executed.length}${executed.length ? ` (latest ${executed[executed.length - 1]})` : ''}`);
    console.log(pending.length ? `Pending: ${pending.length}\n  ${pending.join('\n  ')}` : 'Pending: none');
    return pending.length ? 1 : 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'grant-admin' && args.length === 1) return runGrantAdmin(args[0]);
  if (command === 'migrate' && args.length === 1 && (args[0] === 'status' || args[0] === 'up')) {
    // Migrations may take longer than a quick admin command: no ten-second watchdog for them.
    clearTimeout(watchdog);
    return runMigrate(args[0]);
  }
  console.error(USAGE);
  return 2;
}

const watchdog = setTimeout(() => {
  console.error('Timed out: the database did not answer within 20 seconds.');
  process.exit(3);
}, 19_500); // the application context starts in 1-4 s; the rest is the database's
watchdog.unref();

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
