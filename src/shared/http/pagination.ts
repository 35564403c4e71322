import { DomainError } from '../errors/domain-error';

/** Lists: `?limit=` 1..100 (default 25) and an opaque `?cursor=`; answers `{ items, nextCursor }`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The same answer the task lists give for a cursor they did not make. */
export class InvalidCursorError extends DomainError {
  constructor() {
    super('invalid_request', 'bad_request', 'The request is not valid', {
      errors: [{ path: 'cursor', message: 'cursor is not valid for this list: start again without it' }],
    });
  }
}

export class InvalidLimitError extends DomainError {
  constructor() {
    super('invalid_request', 'bad_request', 'The request is not valid', {
      errors: [{ path: 'limit', message: 'limit must be a whole number from 1 to 100' }],
    });
  }
}

export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 25;
  if (!/^\d{1,3}$/.test(raw)) throw new InvalidLimitError();
  const n = Number(raw);
  if (n < 1 || n > 100) throw new InvalidLimitError();
  return n;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor this server made; anything else is 400 `invalid_request` naming `cursor`. */
export function decodeCursor<T>(raw: string | undefined, check: (value: unknown) => value is T): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    if (raw.length > 500) throw new Error('too long');
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}
