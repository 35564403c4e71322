import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';

/** An arbitrary constant that names "schema migration" among the portal's advisory locks. */
const MIGRATION_LOCK = 7_342_001;

/**
 * Runs pending migrations. Several instances may start together: an advisory lock, held on a
 * connection of its own, lets one migrate while the others wait and then find nothing to do.
 * The embedded database serves a single connection and a single instance, so it needs no lock.
 */
export async function migrate(orm: MikroORM, url: string, embedded: boolean): Promise<void> {
  if (embedded) {
    await orm.getMigrator().up();
    return;
  }
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await orm.getMigrator().up();
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}
