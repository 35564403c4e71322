import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Query, QueryResultRow } from 'pg';
import { ormTransaction } from './request-context';
import { ConnectionLease, Connections, ConnectionSource, directFrom, DriverConnection, PoolState } from './connection-lease';

/**
 * Whether statements may be prepared under a name (see `Sql.prepare`). Given by the composition root
 * (SharedModule.forRoot) from the configuration: the kernel reads no configuration itself.
 */
export abstract class SqlOptions {
  abstract readonly prepareStatements: boolean;
}

/** A statement and its values, for composing (see `guarded`). Texts use `?` placeholders. */
export interface SqlStatement {
  sql: string;
  params: readonly unknown[];
}

interface Statement {
  text: string;
  /** Unset once the server refused to reuse the prepared plan (see `query`). */
  name?: string;
}

/** PostgreSQL's "cached plan must not change result type": a prepared statement's table changed under it. */
const PLAN_CHANGED = '0A000';

/**
 * Hand-written SQL on the hot paths (the session check, the lists, the task page, saves), straight to
 * the driver. Against `em.execute` it saves the ORM's and the query builder's layers per statement,
 * and it sends parameters separately instead of inlining them, so each statement text can be
 * prepared once per connection under a stable name: PostgreSQL then plans a list query once instead
 * of on every request (planning was ~half of its CPU for a page at a million tasks; BENCHMARKS.md).
 *
 * Same placeholders as `em.execute` (`?`), same connection pool (borrowed through a
 * `ConnectionLease`, which keeps connections between statements) and row parsing as the ORM, and
 * inside a unit of work it runs on that transaction's connection, so the two can be mixed freely.
 * It can also run a transaction of its own, for use cases that need nothing of the ORM.
 * Statement texts must be built from code only (values always travel as parameters): the set of
 * prepared names stays small and never holds user data.
 */
@Injectable()
export class Sql {
  private readonly statements = new Map<string, Statement>();
  /** Connections held between statements (outside transactions), for the pool they came from. */
  private lease?: { pool: PoolState; connections: ConnectionLease };
  /** The connection of a transaction begun by `transaction` (not the ORM's). */
  private readonly ownTransaction = new AsyncLocalStorage<DriverConnection>();
  /**
   * Named statements live in the server session. The embedded PGlite serves every connection from
   * one session, so a reconnecting client would meet its own old names: there (and where a pooler
   * in transaction mode sits in front) statements stay unnamed.
   */
  private readonly prepare: boolean;

  constructor(
    private readonly em: EntityManager,
    options: SqlOptions,
  ) {
    this.prepare = options.prepareStatements;
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const statement = this.statement(sql);
    const own = this.ownTransaction.getStore();
    if (own) return this.run<T>(own, statement, params);
    const transaction = this.ormTransaction();
    if (transaction) {
      // The transaction's own connection; a failed statement has aborted the transaction: no retry.
      const connection = await transaction.client.acquireConnection();
      try {
        return await this.run<T>(connection, statement, params);
      } finally {
        await transaction.client.releaseConnection(connection);
      }
    }
    const connections = this.connections();
    const held = connections.acquire();
    // A held connection comes back synchronously: no await (and no promise) for it.
    const connection = held instanceof Promise ? await held : held;
    try {
      try {
        return await this.run<T>(connection, statement, params);
      } catch (error) {
        // `run` stopped preparing it; outside a transaction nothing was aborted: send it again.
        if ((error as { code?: string }).code !== PLAN_CHANGED) throw error;
        return await this.run<T>(connection, statement, params);
      }
    } finally {
      connections.release(connection);
    }
  }

  private async run<T>(connection: DriverConnection, statement: Statement, params: readonly unknown[]): Promise<T[]> {
    const name = this.prepare ? statement.name : undefined;
    try {
      return await send<T>(connection, statement.text, params, name);
    } catch (error) {
      // The caller's asynchronous stack, not the driver's socket callback (as pg's own promise does).
      if (error instanceof Error) Error.captureStackTrace(error);
      // A newer release's migration (while this one still runs) changed what the statement returns:
      // this process stops preparing it. (Hand-written statements name their columns, so an added
      // column does not do this; a changed type would.)
      if (name && (error as { code?: string }).code === PLAN_CHANGED) statement.name = undefined;
      throw error;
    }
  }

  /**
   * Runs `guard` (an UPDATE, written without RETURNING) and, only if it changed a row, each of
   * `dependents`, as ONE statement: atomic without a transaction, and one round trip instead of
   * BEGIN, the statements and COMMIT. For the optimistic write of the busiest use case (a draft
   * save conditioned on the version it was decided on, with its audit entry). A dependent is an
   * `INSERT … SELECT <values>` with no FROM or WHERE: the condition on the guard is appended to it.
   * Returns whether the guard changed a row (false: none matched, and nothing was written).
   */
  async guarded(guard: SqlStatement, dependents: readonly SqlStatement[]): Promise<boolean> {
    const parts = [`WITH guard AS (${guard.sql} RETURNING 1)`];
    dependents.forEach((d, i) => {
      if (!/^\s*INSERT\b/i.test(d.sql) || /\b(FROM|WHERE|RETURNING)\b/i.test(d.sql)) {
        throw new Error('A guarded dependent must be an INSERT … SELECT of values, without FROM, WHERE or RETURNING');
      }
      parts.push(`, dependent_${i} AS (${d.sql} WHERE EXISTS (SELECT 1 FROM guard))`);
    });
    parts.push(' SELECT count(*)::int AS changed FROM guard');
    const [row] = await this.query<{ changed: number }>(parts.join(''), [
      ...guard.params,
      ...dependents.flatMap((d) => d.params),
    ]);
    return row.changed > 0;
  }

  /**
   * A plain database transaction around `work`, whose statements all go through `query` (see
   * UnitOfWork.runStatements). Inside another transaction (the ORM's or one of these) it joins it.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.ownTransaction.getStore() || this.ormTransaction()) return work();
    const connections = this.connections();
    const connection = await connections.acquire();
    try {
      await send(connection, 'BEGIN');
      let result: T;
      try {
        result = await this.ownTransaction.run(connection, work);
        await send(connection, 'COMMIT');
      } catch (error) {
        // A broken connection cannot roll back; the server ends that transaction with the session.
        await send(connection, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
      return result;
    } finally {
      connections.release(connection);
    }
  }

  /**
   * The lease over the ORM's pool, made again when the ORM replaces its pool. Once the ORM has closed
   * it (shutdown, or `orm.close()`), statements go to knex, which refuses them as it refuses the ORM.
   */
  private connections(): Connections {
    const client = this.em.getConnection().getKnex().client as unknown as ConnectionSource & { pool?: PoolState };
    if (this.lease?.pool !== client.pool) {
      this.lease?.connections.close();
      this.lease = client.pool ? { pool: client.pool, connections: new ConnectionLease(client, client.pool) } : undefined;
    }
    return this.lease?.connections ?? directFrom(client);
  }

  private ormTransaction(): { client: ConnectionSource } | undefined {
    return ormTransaction<{ client: ConnectionSource }>(this.em.name);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      const text = numberPlaceholders(sql);
      statement = { text, name: `pp_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}` };
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * One statement on a driver connection, as a node-postgres `Query` made here from its text. Handed a
 * config object instead, the driver copies it descriptor by descriptor (`Object.defineProperties`:
 * 2.7 % of the task page's CPU under load) and wraps its callback in two promises; a `Query` built
 * from the text, with the prepared name set after, is run as it is.
 */
function send<T>(connection: DriverConnection, text: string, values: readonly unknown[] = [], name?: string): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const query = new Query<T & QueryResultRow>(text, values as unknown[], (error, result) =>
      error ? reject(error) : resolve(result.rows),
    );
    if (name) (query as { name?: string }).name = name;
    connection.query(query);
  });
}

/** `?` → `$1, $2, …`, leaving string literals, quoted identifiers and comments alone. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end + 1);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Index of the quote closing the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  throw new Error('Unterminated quote in SQL');
}
