import { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';

/** MikroORM options shared by the app, the CLI and the tests. */
export function databaseOptions(url: string, embedded: boolean): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    // PGlite serves exactly one connection; a real server gets a normal pool.
    pool: embedded ? { min: 1, max: 1 } : { min: 1, max: 10, idleTimeoutMillis: 30_000 },
    driverOptions: { connection: { connectionTimeoutMillis: 5000 }, acquireConnectionTimeout: 10_000 },
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, tableName: 'mikro_orm_migrations', silent: true, snapshot: false },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    ensureDatabase: false,
    colors: false,
  };
}
