/**
 * Loaded with `node --require` into the portal and the baseline by `npm run bench -- --statements`:
 * counts every statement each process sends through `pg` (by its text, whitespace folded), so the
 * bench can report statements per request, statement by statement, for both. On SIGUSR2 the counts
 * so far are written to BENCH_STATEMENTS_FILE.
 */
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

const counts = new Map<string, number>();
const original = Client.prototype.query as (...args: unknown[]) => unknown;

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  const c = config as { text?: string; name?: string } | undefined;
  return c?.text ?? c?.name ?? '(submittable)';
}

(Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function query(this: Client, ...args: unknown[]) {
  const key = textOf(args[0]).replace(/\s+/g, ' ').trim().slice(0, 160);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return original.apply(this, args);
};

process.on('SIGUSR2', () => {
  const file = process.env.BENCH_STATEMENTS_FILE;
  if (file) writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
});
