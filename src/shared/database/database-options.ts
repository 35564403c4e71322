import { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import { requestEntityManager } from './request-context';
import { useFastRowTemplate } from './pg-row-template';

/**
 * How long a statement waits for a connection, and a new connection for the server, before the
 * request fails with 503 `database_unavailable`. Well under the 5 s it once was: with PostgreSQL gone,
 * users got their 503 only after 5.0-5.6 s (issue 21). Busy pools rarely wait this long (a request
 * holds a connection for milliseconds); `DATABASE_ACQUIRE_TIMEOUT_MS` tunes it.
 */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 1500;

/** MikroORM options shared by the app, the CLI and the tests. */
export function databaseOptions(
  url: string,
  embedded: boolean,
  poolSize = 10,
  acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS,
): Options<PostgreSqlDriver> {
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
            connectionTimeoutMillis: acquireTimeoutMs,
            application_name: 'professional-portal',
            // A peer that vanished without a word is noticed instead of waited on for ever.
            keepAlive: true,
            keepAliveInitialDelayMillis: 10_000,
            // idle_in_transaction_session_timeout belongs on the database role (docs/operations.md), not
            // here: PgBouncer refuses unknown startup parameters.
          },
      // With every connection busy (or the server unreachable), a request fails fast (503) rather than queueing on.
      // The embedded database is in-process: its one connection is only ever busy, never unreachable.
      acquireConnectionTimeout: embedded ? 5000 : acquireTimeoutMs,
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
