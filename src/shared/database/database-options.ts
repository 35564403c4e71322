import { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import { requestEntityManager } from './request-context';
import { useFastRowTemplate } from './pg-row-template';

/** MikroORM options shared by the app, the CLI and the tests. */
export function databaseOptions(url: string, embedded: boolean, poolSize = 10): Options<PostgreSqlDriver> {
  useFastRowTemplate();
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    // PGlite serves exactly one connection; a real server gets a normal pool.
    pool: embedded ? { min: 1, max: 1 } : { min: 1, max: poolSize, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connection: embedded
        ? { connectionTimeoutMillis: 5000 }
        : {
            connectionTimeoutMillis: 5000,
            application_name: 'professional-portal',
            // A peer that vanished without a word is noticed instead of waited on for ever.
            keepAlive: true,
            keepAliveInitialDelayMillis: 10_000,
            // idle_in_transaction_session_timeout belongs on the database role (docs/operations.md), not
            // here: PgBouncer refuses unknown startup parameters.
          },
      // With every connection busy (or the server unreachable), a request fails within 5 s (503) rather than queueing on.
      acquireConnectionTimeout: 5000,
    },
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      tableName: 'mikro_orm_migrations',
      silent: true,
      snapshot: false,
    },
    allowGlobalContext: false,
    // Each request's fork, made when first used (request-context.ts).
    context: requestEntityManager,
    forceUtcTimezone: true,
    debug: false,
    ensureDatabase: false,
    colors: false,
  };
}
