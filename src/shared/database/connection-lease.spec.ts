import { ConnectionLease, DriverConnection, IDLE_RETURN_MS, PoolState, SWEEP_MS } from './connection-lease';

type Listener = () => void;

/**
 * A pool like knex's over tarn, reduced to what the lease sees: `max` connections, lent at once while
 * there is room, otherwise to its own waiters (the "ORM") in order; it fires tarn's events.
 */
function fakePool(max = 2) {
  let next = 0;
  const listeners = new Map<string, Listener[]>();
  const fire = (event: string) => (listeners.get(event) ?? []).slice().forEach((l) => l());
  const pool = {
    max,
    acquireTimeoutMillis: 5_000,
    free: [] as DriverConnection[],
    used: new Set<DriverConnection>(),
    pending: [] as ((c: DriverConnection) => void)[],
    returned: [] as DriverConnection[],
    acquireConnection: jest.fn((): Promise<DriverConnection> => {
      fire('acquireRequest');
      return new Promise((resolve) => {
        pool.pending.push(resolve);
        pool.lend();
      });
    }),
    releaseConnection: jest.fn(async (connection: DriverConnection) => {
      fire('release');
      pool.returned.push(connection);
      pool.used.delete(connection);
      if (!connection.__knex__disposed) pool.free.push(connection);
      pool.lend();
    }),
    lend() {
      while (pool.pending.length) {
        let connection = pool.free.pop();
        if (!connection && pool.used.size < pool.max) connection = { id: ++next, query: jest.fn() } as unknown as DriverConnection;
        if (!connection) return;
        pool.used.add(connection);
        pool.pending.shift()!(connection);
        fire('acquireSuccess');
      }
    },
    numFree: () => pool.free.length,
    numUsed: () => pool.used.size,
    numPendingCreates: () => 0,
    numPendingAcquires: () => pool.pending.length,
    on: (event: string, l: Listener) => listeners.set(event, [...(listeners.get(event) ?? []), l]),
    removeListener: (event: string, l: Listener) => listeners.set(event, (listeners.get(event) ?? []).filter((x) => x !== l)),
    listenerCount: () => [...listeners.values()].reduce((n, ls) => n + ls.length, 0),
    fire,
  };
  return pool;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConnectionLease', () => {
  let clock: number;
  let pool: ReturnType<typeof fakePool>;
  let lease: ConnectionLease;
  const start = (max = 2) => {
    pool = fakePool(max);
    lease = new ConnectionLease(pool, pool as unknown as PoolState, () => clock);
  };

  beforeEach(() => {
    clock = 1_000_000;
    start();
  });
  afterEach(() => lease.close());

  it('borrows from the pool when it holds nothing, then reuses what it holds synchronously', async () => {
    const first = await lease.acquire();
    lease.release(first);
    expect(lease.acquire()).toBe(first); // not a promise
    expect(pool.acquireConnection).toHaveBeenCalledTimes(1);
    expect(pool.returned).toEqual([]);
  });

  it('queues statements beyond the pool and hands each released connection to the first in line', async () => {
    const [a, b] = await Promise.all([lease.acquire(), lease.acquire()]);
    const order: string[] = [];
    const third = Promise.resolve(lease.acquire()).then((c) => (order.push('third'), c));
    const fourth = Promise.resolve(lease.acquire()).then((c) => (order.push('fourth'), c));
    await settle();
    expect(order).toEqual([]);
    lease.release(b);
    lease.release(a);
    expect(await third).toBe(b);
    expect(await fourth).toBe(a);
    expect(order).toEqual(['third', 'fourth']);
    expect(pool.acquireConnection).toHaveBeenCalledTimes(2); // never more than the pool's max
  });

  it('lets the ORM go first: a release goes to the pool while the ORM waits on it', async () => {
    const [a, b] = await Promise.all([lease.acquire(), lease.acquire()]);
    const orm = pool.acquireConnection(); // the pool is at max: the ORM waits
    const ours = Promise.resolve(lease.acquire());
    lease.release(a);
    expect(await orm).toBe(a);
    lease.release(b);
    expect(await ours).toBe(b);
  });

  it('gives the pool its oldest held connection when the ORM asks the pool for one', async () => {
    const [a, b] = await Promise.all([lease.acquire(), lease.acquire()]);
    lease.release(a);
    lease.release(b);
    expect(await pool.acquireConnection()).toBe(a);
    expect(lease.acquire()).toBe(b);
  });

  it('serves its queue when someone else frees room in the pool', async () => {
    start(1);
    const orm = await pool.acquireConnection();
    const ours = Promise.resolve(lease.acquire());
    await settle();
    void pool.releaseConnection(orm);
    expect(await ours).toBe(orm);
  });

  it('never keeps or lends a connection knex saw fail, and replaces it for the queue', async () => {
    start(1);
    const broken = await lease.acquire();
    const waiting = Promise.resolve(lease.acquire());
    (broken as { __knex__disposed?: unknown }).__knex__disposed = new Error('Connection terminated');
    lease.release(broken);
    const replacement = await waiting;
    expect(replacement).not.toBe(broken);
    expect(pool.returned).toEqual([broken]);

    lease.release(replacement);
    (replacement as { __knex__disposed?: unknown }).__knex__disposed = new Error('Connection terminated');
    expect(await lease.acquire()).not.toBe(replacement);
  });

  it('fails a wait longer than the pool acquire timeout with the words of a pool timeout', async () => {
    jest.useFakeTimers();
    try {
      lease.close();
      start(1);
      await lease.acquire();
      const waiting = Promise.resolve(lease.acquire());
      const failed = expect(waiting).rejects.toThrow(/Timeout acquiring a connection/);
      clock += pool.acquireTimeoutMillis;
      jest.advanceTimersByTime(SWEEP_MS);
      await failed;
    } finally {
      jest.useRealTimers();
    }
  });

  it('returns connections idle for IDLE_RETURN_MS to the pool, which can then close them', async () => {
    jest.useFakeTimers();
    try {
      lease.close();
      start();
      const [old, recent] = await Promise.all([lease.acquire(), lease.acquire()]);
      lease.release(old);
      clock += IDLE_RETURN_MS / 2;
      lease.release(recent);
      clock += IDLE_RETURN_MS / 2;
      jest.advanceTimersByTime(SWEEP_MS);
      expect(pool.returned).toEqual([old]);
      expect(lease.acquire()).toBe(recent);
    } finally {
      jest.useRealTimers();
    }
  });

  it('closes when the ORM closes the pool: nothing held is lent again', async () => {
    const held = await lease.acquire();
    lease.release(held);
    pool.fire('poolDestroyRequest');
    expect(pool.returned).toEqual([held]);
    expect(lease.acquire()).toBeInstanceOf(Promise); // asks the pool, which refuses once closed
  });

  it('hands everything back at close; later releases go straight to the pool', async () => {
    const [a, b] = await Promise.all([lease.acquire(), lease.acquire()]);
    lease.release(a);
    lease.close();
    expect(pool.returned).toEqual([a]);
    expect(pool.listenerCount()).toBe(0);
    lease.release(b);
    expect(pool.returned).toEqual([a, b]);
  });
});
