import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Real PostgreSQL for tests (TEST_DATABASE_URL), one fresh database per suite cloned from a
 * template migrated once per run, so suites run in parallel and never see each other's data.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function templateName(): string {
  const name = process.env.PORTAL_TEST_TEMPLATE_DB;
  if (!name) throw new Error('The test template database was not prepared (jest globalSetup did not run).');
  return name;
}


/** A new database cloned from the migrated template; returns its URL and a drop function. */
export async function cloneTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = testDatabaseUrl()!;
  const template = templateName();
  // Random, not a counter: suites run in band share a process but each has its own module registry.
  const name = `${template.replace(/_tpl$/, '')}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    url: withDatabase(base, name),
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
