import { MikroORM } from '@mikro-orm/postgresql';
import { databaseOptions } from '../shared/database/database-options';
import { migrate } from '../shared/database/migrate';

export interface MigrationStatus {
  executed: string[];
  pending: string[];
}

/** Opens the ORM on `url` with a small pool, just for the migrator. */
async function withMigrator<T>(url: string, embedded: boolean, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(databaseOptions(url, embedded, 2));
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}

/** Which of the portal's migrations the database has, and which it still lacks (in order). */
export async function migrationStatus(url: string, embedded: boolean): Promise<MigrationStatus> {
  return withMigrator(url, embedded, async (orm) => {
    const migrator = orm.getMigrator();
    const executed = (await migrator.getExecutedMigrations()).map((m) => m.name);
    const pending = (await migrator.getPendingMigrations()).map((m) => m.name);
    return { executed, pending };
  });
}

/**
 * Applies the pending migrations, as the app does at start and under the same advisory lock, so it
 * can run as a separate deployment step while old instances still serve. Returns what it applied.
 */
export async function migrateUp(url: string, embedded: boolean): Promise<string[]> {
  return withMigrator(url, embedded, async (orm) => {
    const before = new Set((await orm.getMigrator().getExecutedMigrations()).map((m) => m.name));
    await migrate(orm, url, embedded);
    return (await orm.getMigrator().getExecutedMigrations()).map((m) => m.name).filter((name) => !before.has(name));
  });
}
