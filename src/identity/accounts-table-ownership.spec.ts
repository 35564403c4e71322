import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Only identity's adapters touch the `accounts` table (docs/architecture.md): every other context
 * asks identity's published queries (`AccountLookup`), or folds identity's published statement
 * fragments (`AccountStatements`) into a measured statement of its own. A statement naming the table
 * anywhere else fails here. Migrations own the schema and are exempt.
 */
const SRC = join(__dirname, '..');
const EXEMPT = [/^identity\//, /^migrations\//];

/**
 * Files outside identity allowed to name the table, each with its reason (a measured hot path whose
 * figure is in BENCHMARKS.md and which cannot use `AccountStatements`). None today.
 */
const ALLOWED: Record<string, string> = {};

/** The table as SQL names it: after FROM / JOIN / UPDATE / INTO / TABLE, or as an entity's tableName. */
const NAMES_ACCOUNTS = /\b(from|join|update|into|table)\s+"?accounts"?\b|tableName:\s*['"`]accounts['"`]/i;

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the accounts table belongs to identity', () => {
  it('recognises the table in a statement, and not in prose', () => {
    expect(NAMES_ACCOUNTS.test('SELECT 1 FROM accounts a WHERE a.id = ?')).toBe(true);
    expect(NAMES_ACCOUNTS.test('LEFT JOIN accounts a ON a.id = t.assignee_account_id')).toBe(true);
    expect(NAMES_ACCOUNTS.test('update "accounts" set disabled = true')).toBe(true);
    expect(NAMES_ACCOUNTS.test("tableName: 'accounts'")).toBe(true);
    expect(NAMES_ACCOUNTS.test(withoutComments('// names come from accounts in identity'))).toBe(false);
    expect(NAMES_ACCOUNTS.test('const accounts = await this.accounts.byIds(ids);')).toBe(false);
  });

  it('is named in no statement outside identity (but for the allowed, justified ones)', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => relative(SRC, file).split('\\').join('/'))
      .filter((file) => !EXEMPT.some((pattern) => pattern.test(file)) && !(file in ALLOWED))
      .filter((file) => NAMES_ACCOUNTS.test(withoutComments(readFileSync(join(SRC, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });
});
