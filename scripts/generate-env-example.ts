import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from '../src/config/environment-variables';

/**
 * Writes .env.example from the configuration schema (src/config/environment-variables.ts).
 * `--check` fails instead when the committed file is stale.
 */
function main(): number {
  const file = join(__dirname, '..', '..', '.env.example');
  const text = renderEnvExample();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error('.env.example is out of date: run `npm run env:example` and commit the result.');
      return 1;
    }
    console.log('.env.example is up to date.');
    return 0;
  }
  writeFileSync(file, text);
  console.log(`Wrote ${file}`);
  return 0;
}

process.exit(main());
