import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config/app-config';
import { createApp } from './bootstrap';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-data';
import { startEmbeddedPostgres } from './shared/database/embedded-postgres';
import { createRootLogger } from './shared/logging/logger';
import { stopTracing } from './observability/tracing';
import { startCaseSystemStub } from '../libs/case-system-stub/src';

type Env = Record<string, string | undefined>;

/** `npm start`: embedded defaults unless configured otherwise (API.md "Running it"). */
export async function startPortal(env: Env): Promise<void> {
  const config = loadConfig(env);
  const logger = createRootLogger(config.logLevel);
  const stops: (() => Promise<void>)[] = [];

  if (config.embeddedDatabase) {
    const embedded = await startEmbeddedPostgres(join(config.varDir, 'pgdata'));
    config.databaseUrl = embedded.url;
    // The CLI finds the running embedded database here (PGlite is one process's files).
    const published = join(config.varDir, 'embedded-db.url');
    writeFileSync(published, `${JSON.stringify({ url: embedded.url, pid: process.pid })}\n`, { mode: 0o600 });
    stops.push(() => embedded.stop());
    stops.push(async () => rmSync(published, { force: true }));
    logger.info(`embedded PostgreSQL (PGlite) in ${join(config.varDir, 'pgdata')}`);
  }

  if (!config.caseSystemUrl) {
    // Development: submissions land somewhere visible (GET <stub>/__stub/contributions).
    const stub = await startCaseSystemStub({ port: 0 });
    config.caseSystemUrl = stub.url;
    stops.push(() => stub.close());
  }

  const app = await createApp(config, { logger });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const base = `http://localhost:${config.port}`;
  // Plain text on purpose: this is what a person reads after `npm start`.
  process.stdout.write(
    `${[
      'Professional Portal is running',
      `  web client:  ${base}/`,
      `  API:         ${base}/api/v1`,
      `  API docs:    ${base}/docs`,
      `  mail:        ${config.smtpUrl ? 'SMTP' : `files in ${config.mailDir}`}`,
      `  case system: ${env.CASE_SYSTEM_URL ? config.caseSystemUrl : `bundled stub at ${config.caseSystemUrl} (received: ${config.caseSystemUrl}/__stub/contributions)`}`,
      config.integrationKeyFile ? `  integration key: in ${config.integrationKeyFile}` : '',
      config.demoData
        ? `  demo sign-in: ${DEMO_ACCOUNTS.professional} (or ${DEMO_ACCOUNTS.admin}), password "${DEMO_PASSWORD}"`
        : '',
    ]
      .filter(Boolean)
      .join('\n')}\n`,
  );

  const shutdown = async (signal: string) => {
    logger.info(`${signal}: shutting down`);
    const timer = setTimeout(() => process.exit(1), 20_000).unref();
    await app.close();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await stopTracing();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
