import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { FormJsonSchema } from '../src/shared/http/openapi/form-schemas';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { createRootLogger } from '../src/shared/logging/logger';
import { generateFormJsonSchema } from './form-json-schema';

/**
 * Writes openapi/openapi.json from the code (controllers and DTOs are the source of truth), and the
 * JSON Schema of a form definition from libs/form-schema's types, which the document embeds.
 * `--check` fails instead when either committed file is stale: CI runs it.
 */
async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const root = join(__dirname, '..', '..');
  const formSchema = generateFormJsonSchema(root);

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
  const document = buildOpenApiDocument(app, formSchema as FormJsonSchema);
  await app.close();
  await db.stop();

  const outputs: [string, unknown][] = [
    [join(root, 'libs', 'form-schema', 'form-definition.schema.json'), formSchema],
    [join(root, 'openapi', 'openapi.json'), document],
  ];
  let stale = 0;
  for (const [file, content] of outputs) {
    const text = `${JSON.stringify(content, null, 2)}\n`;
    if (!check) {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${file} is out of date: run \`npm run openapi\` and commit the result.`);
      stale++;
    }
  }
  if (check && !stale) console.log('openapi/openapi.json and the form-definition schema are up to date.');
  return stale ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack);
    process.exit(1);
  },
);
