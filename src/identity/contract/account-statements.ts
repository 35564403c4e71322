/**
 * Identity's accounts in statement form, for the measured statements of other contexts that fold
 * them into their own instead of asking `AccountLookup` (a page of tasks, with its holders' names, is
 * one statement: a lookup per page would be a second round trip on the busiest reads, BENCHMARKS.md
 * "Reads"). Published (identity/index.ts) so that the `accounts` table is named only here and in
 * identity's adapters: what another context gets is a fragment that identity keeps right when its
 * table changes. Aliases and columns come from the caller's statement, never from input.
 */
export const AccountStatements = {
  /** The account's name and address beside a row: `first_name`, `last_name`, `account_email`. */
  nameColumns: (alias: string): string => `${alias}.first_name, ${alias}.last_name, ${alias}.email AS account_email`,
  /** Joins the account `accountIdColumn` names, keeping rows that name none (the columns are then null). */
  joinNames: (alias: string, accountIdColumn: string): string => `LEFT JOIN accounts ${alias} ON ${alias}.id = ${accountIdColumn}`,
  /** Keeps only rows whose `accountIdColumn` names an account that can act (not disabled). */
  joinActive: (alias: string, accountIdColumn: string): string =>
    `JOIN accounts ${alias} ON ${alias}.id = ${accountIdColumn} AND NOT ${alias}.disabled`,
} as const;
