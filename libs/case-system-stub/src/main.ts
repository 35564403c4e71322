/**
 * Standalone case-management gateway stub (`npm run case-system:stub`). Listens on PORT (default
 * 4010) and on 127.0.0.1 only, since it accepts anything and keeps children's data in memory.
 */
import { parseHmacKeys } from '../../case-system-contract/src';
import type { StubAuthOptions } from './auth';
import { startCaseSystemStub } from './server';

const DEFAULT_PORT = 4010;

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

/** The same variables as the portal's, so one environment configures both ends. */
function authFromEnv(env: NodeJS.ProcessEnv): StubAuthOptions {
  const auth: StubAuthOptions = {};
  if (env.CASE_SYSTEM_HMAC_KEYS?.trim()) auth.hmacKeys = parseHmacKeys(env.CASE_SYSTEM_HMAC_KEYS);
  if (env.CASE_SYSTEM_OAUTH_CLIENT_ID?.trim() && env.CASE_SYSTEM_OAUTH_CLIENT_SECRET?.trim()) {
    auth.oauth2 = { clientId: env.CASE_SYSTEM_OAUTH_CLIENT_ID.trim(), clientSecret: env.CASE_SYSTEM_OAUTH_CLIENT_SECRET.trim() };
  }
  return auth;
}

async function main(): Promise<void> {
  const stub = await startCaseSystemStub({
    auth: authFromEnv(process.env),
    port: portFromEnv(process.env.PORT),
    host: process.env.CASE_SYSTEM_STUB_HOST ?? '127.0.0.1',
    logger: true,
  });
  // A plain line on stdout, so scripts can pick up the URL without parsing JSON logs.
  process.stdout.write(`case-system stub listening on ${stub.url} (use CASE_SYSTEM_URL=${stub.url})\n`);

  const shutdown = (signal: NodeJS.Signals): void => {
    process.stdout.write(`case-system stub: ${signal} received, shutting down\n`);
    stub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`case-system stub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
