import { EntityManager } from '@mikro-orm/postgresql';

type Columns = { property: string; column: string; date: boolean }[];
const cache = new WeakMap<object, Map<string, Columns>>();

/**
 * Builds a plain domain object from a raw row, by the entity's own metadata (column names, dates):
 * for hot reads that need no change tracking (nothing to hydrate into an identity map, nothing to
 * compare at flush, no request context needed). `prefix` selects aliased columns (`s_id` …); `only`
 * sets just those properties (a projection read with `columnsOf(…, { only })`; the others keep the
 * class's defaults, so type the result as a `Pick` of what was read).
 */
export function fromRow<T extends object>(
  em: EntityManager,
  cls: new () => T,
  row: Record<string, unknown>,
  prefix = '',
  only?: readonly string[],
): T {
  let byKey = cache.get(cls);
  if (!byKey) cache.set(cls, (byKey = new Map()));
  const key = only ? `${prefix}:${only.join(',')}` : prefix;
  let columns = byKey.get(key);
  if (!columns) {
    columns = selectedProps(em, cls, { only }).map((p) => ({
      property: p.name,
      column: prefix + p.fieldNames[0],
      date: p.runtimeType === 'Date',
    }));
    byKey.set(key, columns);
  }
  const entity = new cls() as Record<string, unknown>;
  for (const { property, column, date } of columns) {
    const value = row[column];
    // Timestamps come back as text (the driver leaves them to the ORM); everything else as stored.
    entity[property] = date && value !== null && value !== undefined ? new Date(value as string) : value;
  }
  return entity as T;
}

export interface ColumnSelection {
  /** Every property but these. */
  except?: readonly string[];
  /** Only these properties. */
  only?: readonly string[];
}

/** The entity's properties a selection names, in the metadata's order. */
function selectedProps(em: EntityManager, cls: new () => object, { except = [], only }: ColumnSelection) {
  return em
    .getMetadata()
    .get(cls.name)
    .props.filter((p) => !except.includes(p.name) && (!only || only.includes(p.name)));
}

/**
 * The entity's columns for a hand-written SELECT (`a.id, a.email, …`), from its own metadata: never
 * `*`, because a prepared statement whose result gains a column (a later release's migration,
 * while this one still runs) fails with "cached plan must not change result type".
 */
export function columnsOf(em: EntityManager, cls: new () => object, alias?: string, select: ColumnSelection = {}): string {
  const { except = [], only } = select;
  const key = `${cls.name}:${alias ?? ''}:${except.join(',')}:${only?.join(',') ?? '*'}`;
  let columns = columnLists.get(key);
  if (!columns) {
    columns = selectedProps(em, cls, select)
      .map((p) => (alias ? `${alias}.${p.fieldNames[0]}` : p.fieldNames[0]))
      .join(', ');
    columnLists.set(key, columns);
  }
  return columns;
}
const columnLists = new Map<string, string>();
