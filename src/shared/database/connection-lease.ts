import type { Submittable } from 'pg';

/** The part of a node-postgres client `Sql` uses; knex flags a connection it saw fail or end. */
export interface DriverConnection {
  /** A `Query` of its own making (sql.ts `send`): the driver runs it and calls its callback. */
  query(query: Submittable): unknown;
  __knex__disposed?: unknown;
}

/** knex's client: the pool (or, inside a transaction, that transaction's one connection). */
export interface ConnectionSource {
  acquireConnection(): Promise<DriverConnection>;
  releaseConnection(connection: DriverConnection): Promise<unknown>;
}

/** Where `Sql` takes a connection for a statement and gives it back. */
export interface Connections {
  acquire(): DriverConnection | Promise<DriverConnection>;
  release(connection: DriverConnection): void;
}

/** Straight from knex, each time (no pool to lease from: the ORM closed it, and knex refuses). */
export const directFrom = (source: ConnectionSource): Connections => ({
  acquire: () => source.acquireConnection(),
  release: (connection) => void source.releaseConnection(connection),
});

type PoolEvent = 'acquireRequest' | 'acquireSuccess' | 'release' | 'destroySuccess' | 'poolDestroyRequest';

/** The parts of knex's pool (tarn) the lease reads and listens to. */
export interface PoolState {
  readonly max: number;
  readonly acquireTimeoutMillis: number;
  numFree(): number;
  numUsed(): number;
  numPendingCreates(): number;
  numPendingAcquires(): number;
  on(event: PoolEvent, listener: () => void): void;
  removeListener(event: PoolEvent, listener: () => void): void;
}

interface Idle {
  connection: DriverConnection;
  since: number;
}

interface Waiter {
  resolve(connection: DriverConnection): void;
  reject(error: Error): void;
  since: number;
}

const CHANGES: readonly PoolEvent[] = ['acquireSuccess', 'release', 'destroySuccess'];

/** How long a connection may sit idle here before it goes back to the pool, which can then close it. */
export const IDLE_RETURN_MS = 10_000;
/** How often waits and idle connections are checked (one timer for all, not one per wait). */
export const SWEEP_MS = 500;

/**
 * `Sql`'s connections, kept between statements instead of going back to the pool after each one.
 *
 * knex's pool (tarn) costs ~30 promises and two timers per acquire and release — with Node 20's
 * AsyncLocalStorage hooks on every promise, ~20 µs of CPU per statement, and a request sends 2-4
 * (BENCHMARKS.md, fourth round). Here a statement takes a connection already held, synchronously,
 * gives it back the same way, and when all are busy waits in a plain queue served by the next
 * release. It is still the ORM's one pool — one connection budget (DATABASE_POOL_SIZE, and the
 * embedded database's single connection): connections are borrowed from it only while it can lend
 * at once, and go back to it whenever anyone waits on it (the ORM first), after IDLE_RETURN_MS idle,
 * and at shutdown. A wait longer than the pool's acquire timeout fails as the pool's would (503).
 */
export class ConnectionLease implements Connections {
  private readonly idle: Idle[] = [];
  private readonly waiters: Waiter[] = [];
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onAcquireRequest = () => this.giveBackOne();
  private readonly onPoolChange = () => queueMicrotask(() => this.serveWaiters());
  private readonly onPoolDestroy = () => this.close();

  constructor(
    private readonly pool: ConnectionSource,
    private readonly state: PoolState,
    private readonly now: () => number = Date.now,
  ) {
    state.on('acquireRequest', this.onAcquireRequest);
    // A connection freed, lent or destroyed (a failed one) by someone else: the pool may lend again.
    for (const event of CHANGES) state.on(event, this.onPoolChange);
    // The ORM closes its pool (shutdown, `orm.close()`): it waits for what is held here, and nothing
    // may run on a closed ORM's connections.
    state.on('poolDestroyRequest', this.onPoolDestroy);
    this.timer = setInterval(() => this.sweep(), SWEEP_MS).unref();
  }

  /** A held connection at once; else one borrowed from the pool if it can lend now; else a place in the queue. */
  acquire(): DriverConnection | Promise<DriverConnection> {
    for (let held = this.idle.pop(); held; held = this.idle.pop()) {
      // knex's pool refuses a connection it saw fail at its next acquire; so does this.
      if (!held.connection.__knex__disposed) return held.connection;
      this.giveBack(held.connection);
    }
    if (this.closed || this.poolCanLend()) return this.pool.acquireConnection();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject, since: this.now() }));
  }

  release(connection: DriverConnection): void {
    if (this.closed || connection.__knex__disposed || this.state.numPendingAcquires() > 0) {
      this.giveBack(connection);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push({ connection, since: this.now() });
  }

  /** Everything back to the pool, for good: before the ORM closes it. Waiting statements wait on the pool. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.state.removeListener('acquireRequest', this.onAcquireRequest);
    for (const event of CHANGES) this.state.removeListener(event, this.onPoolChange);
    this.state.removeListener('poolDestroyRequest', this.onPoolDestroy);
    while (this.idle.length) void this.pool.releaseConnection(this.idle.pop()!.connection);
    for (const waiter of this.waiters.splice(0)) this.pool.acquireConnection().then(waiter.resolve, waiter.reject);
  }

  /** Whether the pool has a connection (or room for one) beyond what is already asked of it. */
  private poolCanLend(): boolean {
    const { state } = this;
    const asked = state.numPendingAcquires();
    return state.numFree() > asked || state.numUsed() + state.numPendingCreates() + asked < state.max;
  }

  /** Back to the pool (which hands it to its own waiter, the ORM, first); then lend to ours what it can. */
  private giveBack(connection: DriverConnection): void {
    // knex's release is synchronous (the promise is already settled): the pool's state is current below.
    void this.pool.releaseConnection(connection);
    this.serveWaiters();
  }

  private serveWaiters(): void {
    while (this.waiters.length && !this.closed && this.poolCanLend()) {
      const waiter = this.waiters.shift()!;
      this.pool.acquireConnection().then(waiter.resolve, waiter.reject);
    }
  }

  /** Someone asked the pool for a connection: it gets a held one rather than waiting. */
  private giveBackOne(): void {
    // The oldest: the newest is the likeliest to be wanted again here.
    const held = this.idle.shift();
    if (held) void this.pool.releaseConnection(held.connection);
  }

  private sweep(): void {
    const now = this.now();
    while (this.idle.length && this.idle[0].since <= now - IDLE_RETURN_MS) this.giveBack(this.idle.shift()!.connection);
    while (this.waiters.length && this.waiters[0].since <= now - this.state.acquireTimeoutMillis) {
      // The words database-errors.ts recognises as "the database is unavailable" (503), as knex's are.
      this.waiters.shift()!.reject(new Error('Timeout acquiring a connection: every database connection stayed busy'));
    }
  }
}
