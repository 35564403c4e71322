import { EntityManager } from '@mikro-orm/postgresql';
import { Sql } from '../../src/shared/database/sql';
import { UnitOfWork } from '../../src/shared/database/unit-of-work';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The hand-written statements of the hot paths (`Sql`) and the two kinds of transaction: they must
 * join whichever transaction is open (never take another connection: the embedded database has only
 * one) and commit or roll back with it.
 */
describe('Sql and the unit of work', () => {
  let t: TestApp;
  let sql: Sql;
  let uow: UnitOfWork;
  let em: EntityManager;
  const marker = (name: string) => `sql-spec-${name}`;
  const count = async (name: string) =>
    Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM work_groups WHERE key = ?', [marker(name)]))[0].n);
  const insert = (name: string) =>
    sql.query(
      `INSERT INTO work_groups (id, key, name, organisation, notification_email, created_at, updated_at)
       VALUES (gen_random_uuid(), ?, ?, 'Test council', NULL, now(), now())`,
      [marker(name), name],
    );

  beforeAll(async () => {
    t = await startTestApp();
    sql = t.app.get(Sql);
    uow = t.app.get(UnitOfWork);
    em = t.app.get(EntityManager);
  });
  afterAll(() => t.close());

  it('runs on the ORM transaction connection inside run(), and commits or rolls back with it', async () => {
    await uow.run(async () => {
      const [ours] = await sql.query<{ pid: number; xid: string }>('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid');
      const [orms] = await em.execute<{ pid: number; xid: string }[]>(
        'SELECT pg_backend_pid() AS pid, txid_current()::text AS xid',
      );
      expect(ours).toEqual(orms);
      await insert('orm-commit');
    });
    expect(await count('orm-commit')).toBe(1);

    await expect(
      uow.run(async () => {
        await insert('orm-rollback');
        throw new Error('the use case fails after writing');
      }),
    ).rejects.toThrow('the use case fails');
    expect(await count('orm-rollback')).toBe(0);
  });

  it('runStatements() is one transaction on one connection: committed whole or not at all', async () => {
    await uow.runStatements(async () => {
      const [a] = await sql.query<{ pid: number; xid: string }>('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid');
      await insert('plain-commit');
      const [b] = await sql.query<{ pid: number; xid: string }>('SELECT pg_backend_pid() AS pid, txid_current()::text AS xid');
      expect(b).toEqual(a);
    });
    expect(await count('plain-commit')).toBe(1);

    await expect(
      uow.runStatements(async () => {
        await insert('plain-rollback');
        await sql.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await count('plain-rollback')).toBe(0);
    // The connection went back to the pool usable (not left in an aborted transaction).
    expect(await sql.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('runStatements() inside run() joins the ORM transaction', async () => {
    await expect(
      uow.run(async () => {
        await uow.runStatements(() => insert('nested'));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await count('nested')).toBe(0);
  });

  describe('guarded(): a conditional write and what goes with it, as one statement', () => {
    const rename = (from: string, to: string) => ({
      sql: 'UPDATE work_groups SET name = ? WHERE key = ? AND name = ?',
      params: [to, marker('guarded'), from],
    });
    const note = (name: string) => ({
      sql: `INSERT INTO work_groups (id, key, name, organisation, notification_email, created_at, updated_at)
            SELECT gen_random_uuid(), ?, ?, 'Test council', NULL, now(), now()`,
      params: [marker(name), name],
    });

    it('writes the dependents only when the guard changed a row', async () => {
      await sql.query(
        `INSERT INTO work_groups (id, key, name, organisation, notification_email, created_at, updated_at)
         VALUES (gen_random_uuid(), ?, 'v1', 'Test council', NULL, now(), now())`,
        [marker('guarded')],
      );
      expect(await sql.guarded(rename('v1', 'v2'), [note('guarded-hit')])).toBe(true);
      expect(await count('guarded-hit')).toBe(1);
      // The name is no longer v1: nothing matches, nothing is written.
      expect(await sql.guarded(rename('v1', 'v3'), [note('guarded-miss')])).toBe(false);
      expect(await count('guarded-miss')).toBe(0);
      const [row] = await sql.query<{ name: string }>('SELECT name FROM work_groups WHERE key = ?', [marker('guarded')]);
      expect(row.name).toBe('v2');
    });

    it('is atomic: a failing dependent leaves the guarded row as it was', async () => {
      const failing = {
        sql: 'INSERT INTO work_groups (id, key, name, organisation, created_at, updated_at) SELECT gen_random_uuid(), NULL, ?, ?, now(), now()',
        params: ['x', 'y'],
      };
      await expect(sql.guarded(rename('v2', 'v4'), [failing])).rejects.toThrow(/null value/);
      const [row] = await sql.query<{ name: string }>('SELECT name FROM work_groups WHERE key = ?', [marker('guarded')]);
      expect(row.name).toBe('v2');
    });

    it('refuses a dependent it cannot make conditional', async () => {
      const withWhere = { sql: 'INSERT INTO work_groups (id) SELECT id FROM work_groups WHERE false', params: [] };
      await expect(sql.guarded(rename('v2', 'v5'), [withWhere])).rejects.toThrow(/INSERT … SELECT of values/);
    });
  });

  it('compresses drafts and contributions with lz4 where the server has it (pglz on the embedded one)', async () => {
    const rows = await sql.query<{ column: string; compression: string }>(
      `SELECT c.relname || '.' || a.attname AS column, a.attcompression::text AS compression
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relname IN ('tasks', 'submissions') AND a.attname IN ('answers', 'prefill') AND c.relkind = 'r'
        ORDER BY 1`,
    );
    const [{ lz4 }] = await sql.query<{ lz4: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) AS lz4",
    );
    const expected = lz4 ? 'l' : '';
    expect(rows).toEqual([
      { column: 'submissions.answers', compression: expected },
      { column: 'tasks.answers', compression: expected },
      { column: 'tasks.prefill', compression: expected },
    ]);
    expect(lz4).toBe(!t.embedded);
  });

  it('sends values as parameters, never as statement text', async () => {
    const hostile = "x'); DROP TABLE work_groups; --";
    expect(await sql.query<{ v: string }>('SELECT ?::text AS v', [hostile])).toEqual([{ v: hostile }]);
    expect(
      await sql.query<{ n: number }>('SELECT cardinality(?::uuid[]) AS n', [[crypto.randomUUID(), crypto.randomUUID()]]),
    ).toEqual([{ n: 2 }]);
  });

  describe('rows from the driver (pg-row-template.ts)', () => {
    it('have every column in order, each parsed as the ORM parses its type, the same through Sql and the ORM', async () => {
      const text = `SELECT 1::int AS a, NULL::text AS b, '{"k": [1, "x"]}'::jsonb AS c, '2026-12-05T10:00:00Z'::timestamptz AS d,
                           'plain' AS "constructor", 2::int AS a2`;
      const [viaSql] = await sql.query<Record<string, unknown>>(text);
      const [viaOrm] = await em.execute<Record<string, unknown>[]>(text);
      for (const row of [viaSql, viaOrm]) {
        expect(Object.keys(row)).toEqual(['a', 'b', 'c', 'd', 'constructor', 'a2']);
        expect(row).toEqual({ a: 1, b: null, c: { k: [1, 'x'] }, d: '2026-12-05 10:00:00+00', constructor: 'plain', a2: 2 });
        expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      }
      // Two rows of one result are two objects: filling one leaves the template (and the other) as it was.
      const rows = await sql.query<{ n: number; s: string | null }>(
        "SELECT n, CASE WHEN n = 1 THEN 'one' END AS s FROM generate_series(1, 2) n",
      );
      expect(rows).toEqual([
        { n: 1, s: 'one' },
        { n: 2, s: null },
      ]);
    });

    it('keep a column named "__proto__" as an own property, never as the row\'s prototype', async () => {
      const [row] = await sql.query<Record<string, unknown>>(`SELECT '{"polluted": true}'::jsonb AS "__proto__", 1::int AS a`);
      expect(Object.getOwnPropertyNames(row)).toEqual(['__proto__', 'a']);
      expect((row as { polluted?: boolean }).polluted).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toEqual({ polluted: true });
      // The next result, without such a column, is back on the fast template.
      const [next] = await sql.query<Record<string, unknown>>('SELECT 1::int AS a');
      expect(next).toEqual({ a: 1 });
      expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
    });
  });
});

describe('Sql prepared statements when a table changes under them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps answering after a column changes type (a newer release migrating while this one runs)', async () => {
    const sql = t.app.get(Sql);
    await sql.query('CREATE TABLE plan_probe (id integer PRIMARY KEY, note integer)');
    await sql.query('INSERT INTO plan_probe VALUES (1, 7)');
    // Twenty at once: every connection of the pool (10) prepares the statement.
    const read = () => Promise.all(Array.from({ length: 20 }, () => sql.query<{ note: unknown }>('SELECT note FROM plan_probe')));
    expect((await read()).flat()).toEqual(Array.from({ length: 20 }, () => ({ note: 7 })));
    await sql.query('ALTER TABLE plan_probe ALTER COLUMN note TYPE text');
    // On PostgreSQL each connection's prepared plan is now stale ("cached plan must not change result
    // type"): the statement is sent again unprepared, and stays so.
    expect((await read()).flat()).toEqual(Array.from({ length: 20 }, () => ({ note: '7' })));
    expect((await read()).flat()).toEqual(Array.from({ length: 20 }, () => ({ note: '7' })));
  });
});

describe('the connection pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '3' } });
  });
  afterAll(() => t.close());

  it('opens at most DATABASE_POOL_SIZE connections however many statements wait (one on the embedded database)', async () => {
    const sql = t.app.get(Sql);
    const pids = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)').then(([r]) => r.pid),
      ),
    );
    expect(new Set(pids).size).toBe(t.embedded ? 1 : 3);
  });
});
