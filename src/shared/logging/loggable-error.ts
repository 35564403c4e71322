/**
 * What of an error may go into a log line. A database driver's message repeats the statement and,
 * for constraint violations, the values (MikroORM's "insert into accounts … values (…)" carried an
 * argon2 hash, a phone number and an address; PostgreSQL's `detail` carries "Key (email)=(…)").
 * For those only the class, the SQLSTATE, the constraint and the table are kept, plus the stack
 * frames without the message line. Any other error keeps its stack.
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error.slice(0, 200) : `non-error thrown (${typeof error})`;
  if (!isDatabaseError(error)) return error.stack ?? `${error.name}: ${error.message}`;
  const e = error as Error & { code?: unknown; sqlState?: unknown; constraint?: unknown; table?: unknown };
  const facts = [
    `sqlstate=${String(e.sqlState ?? e.code ?? 'unknown')}`,
    typeof e.constraint === 'string' ? `constraint=${e.constraint}` : '',
    typeof e.table === 'string' ? `table=${e.table}` : '',
  ].filter(Boolean);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name} (${facts.join(' ')}; statement and values not logged)`, ...frames].join('\n');
}

/** The message only, for one-line warnings: the same rule. */
export function loggableMessage(error: unknown): string {
  return loggableError(error).split('\n')[0];
}

function isDatabaseError(error: Error): boolean {
  const e = error as Error & { sqlState?: unknown; code?: unknown; severity?: unknown; query?: unknown };
  // MikroORM's DriverException family copies `sqlState`; node-postgres' DatabaseError has `severity`
  // and a five-character SQLSTATE `code`; anything naming a query is treated the same.
  return (
    typeof e.sqlState === 'string' ||
    typeof e.severity === 'string' ||
    e.query !== undefined ||
    /Exception$/.test(error.name) ||
    (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
  );
}
