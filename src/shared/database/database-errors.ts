import { ConnectionException } from '@mikro-orm/core';

/** Node socket errors when the server cannot be reached or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server that is stopping, starting, crashed or full: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const SERVER_GONE = /^(08...|57P0[123]|53300)$/;
/**
 * What node-postgres and the pool say when a connection breaks or none can be had in time. Knex's
 * "Transaction query already complete" comes from a transaction whose connection broke under it (knex
 * ends the transaction, and the next statement in it finds it over): seen as a 500 on sign-in when
 * PostgreSQL restarted. MikroORM never sends a statement after its own commit or rollback.
 */
const MESSAGES =
  /Transaction query already complete|Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|Client was closed and is not queryable|Timeout acquiring a connection|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when an error means "the database cannot be reached right now" rather than "this request is
 * wrong" or "the code is wrong": the answer is then 503 (try again), never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e instanceof ConnectionException || e.name === 'KnexTimeoutError') return true;
    if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SERVER_GONE.test(e.code))) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  }
  return false;
}
