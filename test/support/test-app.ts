import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { AdjustableClock } from './adjustable-clock';
import { startEmbeddedPostgres } from '../../src/shared/database/embedded-postgres';
import { createRootLogger } from '../../src/shared/logging/logger';
import { Metrics } from '../../src/observability/metrics';
import { CaseSystemStub, startCaseSystemStub } from '../../libs/case-system-stub/src';
import { SmtpSink } from './smtp-sink';
import { ContractCounter, reportContractCounts, validateResponsesAgainstContract } from './contract-validator';
import { cloneTestDatabase, testDatabaseUrl } from './test-database';

export const INTEGRATION_KEY = 'test-integration-key-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  /** The separate metrics listener (loopback, ephemeral port): `request(t.metricsUrl).get('/metrics')`. */
  metricsUrl: string;
  config: AppConfig;
  clock: AdjustableClock;
  mail: SmtpSink;
  stub: CaseSystemStub;
  databaseUrl: string;
  /** True on embedded PGlite: a second instance must then also use a pool of one. */
  embedded: boolean;
  http(): request.Agent;
  /** Responses checked against the OpenAPI document so far, and what broke it. */
  contract: ContractCounter;
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
/** The key test apps sign deliveries with, and their own stub accepts. */
export const TEST_HMAC_KEY = { id: 'test-1', secret: 'a-test-only-hmac-secret-of-32-chars-or-more' };

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
  // Deliveries are signed as outside embedded mode; the stub checks every signature it gets.
  const stub = options.stub ?? (await startCaseSystemStub({ auth: { hmacKeys: [TEST_HMAC_KEY] } }));
  if (!options.stub) cleanups.push(() => stub.close());

  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SMTP_URL: mail.url,
    CASE_SYSTEM_URL: stub.url,
    CASE_SYSTEM_AUTH: 'hmac',
    CASE_SYSTEM_HMAC_KEYS: `${TEST_HMAC_KEY.id}:${TEST_HMAC_KEY.secret}`,
    INTEGRATION_API_KEYS: INTEGRATION_KEY,
    PUBLIC_URL: 'http://portal.test',
    DEMO_DATA: 'false',
    WORKER_POLL_MS: '50',
    DELIVERY_RETRY_BASE_MS: '50',
    DELIVERY_TIMEOUT_MS: '2000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    METRICS_PORT: '0',
    ...options.env,
  });
  // PGlite serves one connection: tell the pool so (the URL alone says "real server").
  config.embeddedDatabase = embedded;
  const clock = new AdjustableClock();
  const app = await createApp(config, {
    clock,
    logger: createRootLogger(options.logStream ? 'info' : config.logLevel, options.logStream),
  });
  // Every response is checked against openapi/openapi.json; a violation fails the suite at close().
  const contract = validateResponsesAgainstContract(app.getHttpAdapter().getInstance());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const metricsUrl = app.get(Metrics).listener?.url() ?? 'http://127.0.0.1:9';

  return {
    app,
    url,
    metricsUrl,
    config,
    clock,
    mail,
    stub,
    databaseUrl,
    embedded,
    http: () => request.agent(url),
    contract,
    async close() {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      reportContractCounts(contract);
      if (contract.violations.length) {
        throw new Error(`responses that break openapi/openapi.json:\n  ${[...new Set(contract.violations)].join('\n  ')}`);
      }
    },
  };
}
