import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { AdjustableClock, Clock } from '../../src/shared/clock/clock';
import { startEmbeddedPostgres } from '../../src/shared/database/embedded-postgres';
import { createRootLogger } from '../../src/shared/logging/logger';
import { CaseSystemStub, startCaseSystemStub } from '../../libs/case-system-stub/src';
import { SmtpSink } from './smtp-sink';
import { cloneTestDatabase, testDatabaseUrl } from './test-database';

export const INTEGRATION_KEY = 'test-integration-key-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  clock: AdjustableClock;
  mail: SmtpSink;
  stub: CaseSystemStub;
  databaseUrl: string;
  /** True on embedded PGlite: a second instance must then also use a pool of one. */
  embedded: boolean;
  http(): request.Agent;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Share a database with another instance (scale-out tests): pass the first app's `databaseUrl` and `embedded`. */
  databaseUrl?: string;
  embedded?: boolean;
  mail?: SmtpSink;
  stub?: CaseSystemStub;
  /** Capture the app's logs (e.g. to prove secrets never reach them). */
  logStream?: { write(line: string): void };
}

/**
 * The real portal over real HTTP: its own database (PostgreSQL clone or in-memory PGlite), a real
 * SMTP server, the case-system stub over loopback, and a clock the test can move.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const cleanups: (() => Promise<void>)[] = [];
  let databaseUrl = options.databaseUrl;
  let embedded = options.embedded ?? false;
  if (!databaseUrl) {
    if (testDatabaseUrl()) {
      const db = await cloneTestDatabase();
      databaseUrl = db.url;
      cleanups.push(db.drop);
    } else {
      const pg = await startEmbeddedPostgres();
      databaseUrl = pg.url;
      embedded = true;
      cleanups.push(pg.stop);
    }
  }
  const mail = options.mail ?? new SmtpSink();
  if (!options.mail) {
    await mail.start();
    cleanups.push(() => mail.stop());
  }
  const stub = options.stub ?? (await startCaseSystemStub());
  if (!options.stub) cleanups.push(() => stub.close());

  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SMTP_URL: mail.url,
    CASE_SYSTEM_URL: stub.url,
    INTEGRATION_API_KEYS: INTEGRATION_KEY,
    PUBLIC_URL: 'http://portal.test',
    DEMO_DATA: 'false',
    WORKER_POLL_MS: '50',
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_TIMEOUT_MS: '2000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  // PGlite serves one connection: tell the pool so (the URL alone says "real server").
  config.embeddedDatabase = embedded;
  const clock = new AdjustableClock();
  const app = await createApp(config, {
    overrides: [{ provide: Clock, useValue: clock }],
    logger: createRootLogger(options.logStream ? 'info' : config.logLevel, options.logStream),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  return {
    app,
    url,
    config,
    clock,
    mail,
    stub,
    databaseUrl,
    embedded,
    http: () => request.agent(url),
    async close() {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}
