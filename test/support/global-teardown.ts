import { Client } from 'pg';
import { testDatabaseUrl } from './test-database';

/** Drops the template and any suite database a crashed worker left behind. */
export default async function globalTeardown(): Promise<void> {
  const base = testDatabaseUrl();
  const template = process.env.PORTAL_TEST_TEMPLATE_DB;
  if (!base || !template) return;
  const prefix = template.replace(/_tpl$/, '');
  const client = new Client({ connectionString: base });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
