import { EntityManager } from '@mikro-orm/postgresql';

type Columns = { property: string; column: string; date: boolean }[];
const cache = new WeakMap<object, Map<string, Columns>>();

/**
 * Builds a plain domain object from a raw row, by the entity's own metadata (column names, dates):
 * for hot reads that need no change tracking (nothing to hydrate into an identity map, nothing to
 * compare at flush, no request context needed). `prefix` selects aliased columns (`s_id` …).
 */
export function fromRow<T extends object>(em: EntityManager, cls: new () => T, row: Record<string, unknown>, prefix = ''): T {
  let byPrefix = cache.get(cls);
  if (!byPrefix) cache.set(cls, (byPrefix = new Map()));
  let columns = byPrefix.get(prefix);
  if (!columns) {
    columns = em
      .getMetadata()
      .get(cls.name)
      .props.map((p) => ({ property: p.name, column: prefix + p.fieldNames[0], date: p.runtimeType === 'Date' }));
    byPrefix.set(prefix, columns);
  }
  const entity = new cls() as Record<string, unknown>;
  for (const { property, column, date } of columns) {
    const value = row[column];
    // Timestamps come back as text (the driver leaves them to the ORM); everything else as stored.
    entity[property] = date && value !== null && value !== undefined ? new Date(value as string) : value;
  }
  return entity as T;
}

/**
 * The entity's columns for a hand-written SELECT (`a.id, a.email, …`), from its own metadata: never
 * `*`, because a prepared statement whose result gains a column (a later release's migration,
 * while this one still runs) fails with "cached plan must not change result type".
 */
export function columnsOf(em: EntityManager, cls: new () => object, alias?: string, except: readonly string[] = []): string {
  const key = `${cls.name}:${alias ?? ''}:${except.join(',')}`;
  let columns = columnLists.get(key);
  if (!columns) {
    columns = em
      .getMetadata()
      .get(cls.name)
      .props.filter((p) => !except.includes(p.name))
      .map((p) => (alias ? `${alias}.${p.fieldNames[0]}` : p.fieldNames[0]))
      .join(', ');
    columnLists.set(key, columns);
  }
  return columns;
}
const columnLists = new Map<string, string>();
