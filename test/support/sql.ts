import { MikroORM } from '@mikro-orm/postgresql';
import { login, PortalClient, register } from './portal-client';
import { TestApp } from './test-app';

/**
 * SQL through the app's own connection pool: the embedded database (PGlite) serves exactly one
 * connection, so a test must never open a second one. Placeholders are `?`.
 */
export async function sql<T = Record<string, unknown>>(t: TestApp, query: string, params: unknown[] = []): Promise<T[]> {
  return (await t.app.get(MikroORM).em.fork().getConnection().execute(query, params)) as T[];
}

/** Several statements on one connection, in one transaction (e.g. `SET LOCAL` before `EXPLAIN`). */
export async function sqlInTransaction<T = Record<string, unknown>>(
  t: TestApp,
  queries: string[],
  params: unknown[] = [],
): Promise<T[]> {
  return t.app
    .get(MikroORM)
    .em.fork()
    .transactional(async (em) => {
      let rows: T[] = [];
      for (const [i, query] of queries.entries())
        rows = (await em
          .getConnection()
          .execute(query, i === queries.length - 1 ? params : [], 'all', em.getTransactionContext())) as T[];
      return rows;
    });
}

/** Stored files, and uploads' staged bytes not (yet) a file: "nothing stored" means neither. */
export const countStoredFiles = async (t: TestApp): Promise<number> =>
  (
    await sql<{ n: number }>(
      t,
      'SELECT ((SELECT count(*) FROM stored_files) + (SELECT count(DISTINCT file_id) FROM stored_file_parts))::int AS n',
    )
  )[0].n;

/** Files with staged parts (uploads under way, refused, or abandoned). */
export const countStagedFiles = async (t: TestApp): Promise<number> =>
  Number((await sql<{ n: string }>(t, 'SELECT count(DISTINCT file_id) AS n FROM stored_file_parts'))[0].n);

export async function markSubmitted(t: TestApp, taskId: string, daysAgo = 0): Promise<void> {
  await sql(t, `UPDATE tasks SET status = 'submitted', submitted_at = now() - make_interval(days => ?) WHERE id = ?`, [
    daysAgo,
    taskId,
  ]);
}

/** An admin made in-process (the CLI's grant-admin needs a second database connection). */
export async function registerAdminHere(t: TestApp, email: string): Promise<PortalClient> {
  await register(t, email);
  await sql(t, "UPDATE accounts SET roles = array_append(roles, 'admin') WHERE email = ?", [email.toLowerCase()]);
  return login(t, email);
}
