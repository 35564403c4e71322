import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { createRootLogger } from '../src/shared/logging/logger';

/**
 * Writes openapi/openapi.json from the code (controllers and DTOs are the source of truth).
 * `--check` fails instead when the committed file is stale: CI runs it.
 */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const db = await startEmbeddedPostgres();
  const config = loadConfig({
    DATABASE_URL: db.url,
    INTEGRATION_API_KEYS: 'openapi-generation-key-not-used',
    WORKERS_ENABLED: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
  config.embeddedDatabase = true;
  const app = await createApp(config, { logger: createRootLogger('silent') });
  await app.init();
  const document = buildOpenApiDocument(app);
  await app.close();
  await db.stop();

  const file = join(__dirname, '..', '..', 'openapi', 'openapi.json');
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error('openapi/openapi.json is out of date: run `npm run openapi` and commit the result.');
      return 1;
    }
    console.log('openapi/openapi.json is up to date.');
    return 0;
  }
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack);
    process.exit(1);
  },
);
