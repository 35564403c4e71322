import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Typed configuration, read once at boot from the environment (API.md "Running it").
 * A bad value stops the process with a message that names the variable.
 */
export interface AppConfig {
  port: number;
  /** Unset: the embedded PostgreSQL (PGlite) under `varDir` is used and this is filled in at boot. */
  databaseUrl?: string;
  embeddedDatabase: boolean;
  /**
   * Hot statements are prepared once per connection (src/shared/database/sql.ts). Switch off behind a
   * pooler that cannot carry named statements across its connections (PgBouncer in transaction mode
   * before 1.21).
   */
  databasePreparedStatements: boolean;
  /**
   * Connections to PostgreSQL per instance (ignored for the embedded database, which has one). More
   * is not faster: about twice the database server's cores across all instances is where it serves
   * most (BENCHMARKS.md).
   */
  databasePoolSize: number;
  varDir: string;
  smtpUrl?: string;
  mailDir: string;
  mailFrom: string;
  councilName: string;
  supportEmail: string;
  caseSystemUrl?: string;
  deliveryRetryBaseMs: number;
  deliveryTimeoutMs: number;
  integrationApiKeys: string[];
  /** Where a generated key was written (embedded mode), for the start-up banner. */
  integrationKeyFile?: string;
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: string[];
  portalTimezone: string;
  demoData: boolean;
  nodeEnv: string;
  logLevel: string;
  clamavUrl?: string;
  /** How often background workers look for work. Tests shorten it. */
  workerPollMs: number;
  /** Workers and scheduled jobs can be switched off, e.g. for the CLI. */
  workersEnabled: boolean;
  /** Per-address ceiling on the auth routes; deliberately generous (a trust may sit behind one address). */
  authRateLimitPerMinute: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.map((p) => p.replace(':', '')).join(' or ')}`);
  }
  return raw.replace(/\/+$/, '');
}

function cidrs(env: Env, name: string): string[] {
  const raw = str(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((part) => {
    const value = part.trim();
    const [address, bits, ...rest] = value.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || rest.length || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      throw new ConfigError(name, `must be a comma-separated list of IP addresses or CIDRs (bad: "${value}")`);
    }
    return value;
  });
}

function timezone(env: Env, name: string, fallback: string): string {
  const tz = str(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
  } catch {
    throw new ConfigError(name, `is not a known IANA time zone (got "${tz}")`);
  }
  return tz;
}

function email(env: Env, name: string, fallback: string): string {
  const v = str(env, name) ?? fallback;
  if (!/@/.test(v)) throw new ConfigError(name, `must contain an email address (got "${v}")`);
  return v;
}

/** In embedded mode a key is generated once and kept (mode 0600); its path is logged, never the key. */
function embeddedIntegrationKey(varDir: string): { key: string; file: string } {
  const file = join(varDir, 'integration-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), file };
  mkdirSync(varDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, file };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const varDir = resolve(str(env, 'VAR_DIR') ?? 'var');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const embeddedDatabase = databaseUrl === undefined;
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;

  let integrationApiKeys = (str(env, 'INTEGRATION_API_KEYS') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (integrationApiKeys.some((k) => k.length < 16)) {
    throw new ConfigError('INTEGRATION_API_KEYS', 'must contain keys of at least 16 characters');
  }
  let integrationKeyFile: string | undefined;
  if (integrationApiKeys.length === 0) {
    if (!embeddedDatabase) throw new ConfigError('INTEGRATION_API_KEYS', 'is required when DATABASE_URL is set');
    const generated = embeddedIntegrationKey(varDir);
    integrationApiKeys = [generated.key];
    integrationKeyFile = generated.file;
  }

  return {
    port,
    databaseUrl,
    embeddedDatabase,
    databasePreparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true),
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    varDir,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailDir: join(varDir, 'mail'),
    mailFrom: str(env, 'MAIL_FROM') ?? 'Professional Portal <no-reply@portal.local>',
    councilName: str(env, 'COUNCIL_NAME') ?? 'Children and Families Services',
    supportEmail: email(env, 'SUPPORT_EMAIL', 'support@portal.local'),
    caseSystemUrl: url(env, 'CASE_SYSTEM_URL', ['http:', 'https:']),
    deliveryRetryBaseMs: int(env, 'DELIVERY_RETRY_BASE_MS', 5000, 1, 3_600_000),
    deliveryTimeoutMs: int(env, 'DELIVERY_TIMEOUT_MS', 30_000, 100, 600_000),
    integrationApiKeys,
    integrationKeyFile,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: cidrs(env, 'TRUST_PROXY'),
    portalTimezone: timezone(env, 'PORTAL_TIMEZONE', 'Europe/London'),
    demoData: bool(env, 'DEMO_DATA', embeddedDatabase),
    nodeEnv: str(env, 'NODE_ENV') ?? 'development',
    logLevel: str(env, 'LOG_LEVEL') ?? 'info',
    clamavUrl: url(env, 'CLAMAV_URL', ['tcp:']),
    workerPollMs: int(env, 'WORKER_POLL_MS', 1000, 10, 60_000),
    workersEnabled: bool(env, 'WORKERS_ENABLED', true),
    authRateLimitPerMinute: int(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 1000, 300, 1_000_000),
  };
}
