/**
 * A micro-benchmark of `src/shared/database/pg-row-template.ts` alone (no database): node-postgres'
 * `Result.addFields` plus `parseRow` for results shaped like the portal's (a list page, the session
 * check, a task load), stock against patched, each in a process of its own, five times alternately;
 * the minimum of each is the figure (the machine is shared). Built with the bench (`npm run bench`
 * builds it); run alone: `node dist/bench/row-template.js`.
 */
import { execFileSync } from 'node:child_process';
import Result from 'pg/lib/result';
import { useFastRowTemplate } from '../src/shared/database/pg-row-template';

const SHAPES = [
  { label: 'list page, 33 columns × 26 rows', columns: 33, rows: 26, runs: 20_000 },
  { label: 'session check, 20 columns × 1 row', columns: 20, rows: 1, runs: 200_000 },
  { label: 'task load, 32 columns × 1 row', columns: 32, rows: 1, runs: 200_000 },
];

interface Parsing {
  addFields(fields: { name: string; dataTypeID: number; format: string }[]): void;
  parseRow(row: (string | null)[]): object;
}

/** µs per result for each shape, in this process. */
function measure(): number[] {
  return SHAPES.map(({ columns, rows, runs }) => {
    const fields = Array.from({ length: columns }, (_, i) => ({ name: `column_${i}`, dataTypeID: i % 3 === 0 ? 23 : 25, format: 'text' }));
    const data = Array.from({ length: rows }, () => Array.from({ length: columns }, (_, i) => (i % 3 === 0 ? '42' : 'some text')));
    const once = () => {
      const result = new (Result as unknown as new () => Parsing)();
      result.addFields(fields);
      let n = 0;
      for (const row of data) n += result.parseRow(row) ? 1 : 0;
      return n;
    };
    for (let i = 0; i < 2_000; i++) once();
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) once();
    return Number(process.hrtime.bigint() - start) / 1_000 / runs;
  });
}

if (process.argv[2] === 'child') {
  if (process.argv[3] === 'patched') useFastRowTemplate();
  process.stdout.write(JSON.stringify(measure()));
} else {
  const best: Record<'stock' | 'patched', number[]> = { stock: SHAPES.map(() => Infinity), patched: SHAPES.map(() => Infinity) };
  for (let round = 0; round < 5; round++) {
    for (const mode of ['stock', 'patched'] as const) {
      const figures = JSON.parse(execFileSync(process.execPath, [__filename, 'child', mode], { encoding: 'utf8' })) as number[];
      figures.forEach((us, i) => (best[mode][i] = Math.min(best[mode][i], us)));
    }
  }
  SHAPES.forEach(({ label }, i) =>
    console.log(`${label}: ${best.stock[i].toFixed(1)} µs stock, ${best.patched[i].toFixed(1)} µs patched per result`),
  );
}
