import { MikroORM } from '@mikro-orm/postgresql';
import { databaseOptions } from '../../src/shared/database/database-options';
import { adminQuery, testDatabaseUrl, withDatabase } from './test-database';

/** With TEST_DATABASE_URL: migrate a template database once; each suite clones it. */
export default async function globalSetup(): Promise<void> {
  const base = testDatabaseUrl();
  if (!base) return; // embedded PGlite: every suite migrates its own in-memory database
  const baseName = new URL(base).pathname.slice(1);
  const template = `${baseName}_pp${process.pid}_tpl`;
  await adminQuery(base, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(base, `CREATE DATABASE "${template}"`);
  const orm = await MikroORM.init({ ...databaseOptions(withDatabase(base, template), false), pool: { min: 0, max: 1 } });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
  process.env.PORTAL_TEST_TEMPLATE_DB = template;
}
