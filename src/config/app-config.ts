import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseHmacKeys } from '../../libs/case-system-contract/src';
import type { CaseSystemAuthConfig } from '../../libs/case-system-contract/src/auth';
import { TASK_EVENT_TYPES, TaskEventType } from '../shared/outbox/task-event-types';
import type { S3Settings } from './config-slices';

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
  /** DATABASE_ACQUIRE_TIMEOUT_MS: a connection's wait (pool and connect) before 503 `database_unavailable`. */
  databaseAcquireTimeoutMs: number;
  varDir: string;
  smtpUrl?: string;
  mailDir: string;
  mailFrom: string;
  councilName: string;
  supportEmail: string;
  /** The helpdesk's phone number and opening hours, shown on every page when set. */
  supportPhone?: string;
  supportHours?: string;
  /** The council's own accessibility statement and privacy notice files (PUBLIC_PAGES_DIR). */
  publicPagesDir?: string;
  caseSystemUrl?: string;
  /** How the portal authenticates to the case system (CASE_SYSTEM_AUTH; docs/security.md). */
  caseSystemAuth: CaseSystemAuthConfig;
  deliveryRetryBaseMs: number;
  deliveryTimeoutMs: number;
  /** Which task status events are sent to the case system (CASE_SYSTEM_TASK_EVENTS: all, none, or a list). */
  caseSystemTaskEvents: readonly TaskEventType[];
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
  /** Uploads received at once per instance; more wait in line, at most `uploadsWaiting` (issue 21). */
  uploadsAtOnce: number;
  uploadsWaiting: number;
  /** The pace the instance receives all uploads at together, bytes per second (0: unpaced). */
  uploadBytesPerSecond: number;
  /** How often background workers look for work. Tests shorten it. */
  workerPollMs: number;
  /** Workers and scheduled jobs can be switched off, e.g. for the CLI. */
  workersEnabled: boolean;
  /** Worker threads that draw PDFs (PDF_RENDER_THREADS; 0 draws them on the event loop). */
  pdfRenderThreads: number;
  /** Per-address ceiling on the auth routes; deliberately generous (a trust may sit behind one address). */
  authRateLimitPerMinute: number;
  /**
   * `/metrics` is served on its own listener, never the public port (a gauge that moves with what a
   * stranger just did is an oracle). Loopback by default; `METRICS_PORT=0` picks a free port (tests),
   * `METRICS_ENABLED=false` opens none.
   */
  metricsEnabled: boolean;
  metricsHost: string;
  metricsPort: number;
  /** When set, scrapes need `Authorization: Bearer <token>` (for a listener bound beyond loopback). */
  metricsToken?: string;
  /**
   * Bounds on one HTTP exchange, so a client that trickles its headers or body, or idles, cannot
   * hold a connection (API.md: uploads are at most 10 MiB; 60 s allows ~1.4 Mbit/s for that).
   */
  http: { requestTimeoutMs: number; headersTimeoutMs: number; idleTimeoutMs: number; keepAliveTimeoutMs: number };
  /** Audit entries older than this many days are deleted by the retention job (docs/operations.md). */
  auditRetentionDays: number;
  /** Set: the per-address limits are counted in Redis, shared by every instance (rate-limit-store.ts). */
  redisUrl?: string;
  /** Prefix of every key the portal writes to Redis (several portals, or test runs, can share one). */
  redisKeyPrefix: string;
  /** Where attachment and PDF bytes live: PostgreSQL rows (default) or an S3-compatible bucket. */
  fileStorage: 'postgres' | 's3';
  /** Set when fileStorage is 's3'. Credentials come from the standard AWS variables (the SDK's chain). */
  s3?: S3Settings;
}

function s3Settings(env: Env): S3Settings {
  const bucket = str(env, 'S3_BUCKET');
  if (!bucket) throw new ConfigError('S3_BUCKET', 'is required when FILE_STORAGE=s3');
  return {
    bucket,
    endpoint: url(env, 'S3_ENDPOINT', ['http:', 'https:']),
    region: str(env, 'S3_REGION') ?? str(env, 'AWS_REGION') ?? 'us-east-1',
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', false),
    keyPrefix: str(env, 'S3_KEY_PREFIX') ?? '',
  };
}

function fileStorage(env: Env): 'postgres' | 's3' {
  const raw = (str(env, 'FILE_STORAGE') ?? 'postgres').toLowerCase();
  if (raw !== 'postgres' && raw !== 's3') throw new ConfigError('FILE_STORAGE', `must be postgres or s3 (got "${raw}")`);
  return raw;
}

export type { CaseSystemAuthConfig };

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

function host(env: Env, name: string, fallback: string): string {
  const v = str(env, name) ?? fallback;
  if (!isIP(v) && v !== 'localhost') throw new ConfigError(name, `must be an IP address to listen on (got "${v}")`);
  return v;
}

function secret(env: Env, name: string): string | undefined {
  const v = str(env, name);
  if (v !== undefined && (v.length < 16 || /\s/.test(v)))
    throw new ConfigError(name, 'must be at least 16 characters without spaces');
  return v;
}

function httpTimeouts(env: Env): AppConfig['http'] {
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 60_000, 500, 600_000);
  const headersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', Math.min(10_000, requestTimeoutMs), 500, 600_000);
  if (headersTimeoutMs > requestTimeoutMs)
    throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS', 'must not exceed HTTP_REQUEST_TIMEOUT_MS');
  return {
    requestTimeoutMs,
    headersTimeoutMs,
    idleTimeoutMs: int(env, 'HTTP_IDLE_TIMEOUT_MS', 30_000, 500, 600_000),
    keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
  };
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

function phone(env: Env, name: string): string | undefined {
  const v = str(env, name);
  if (v !== undefined && !/^\+?[0-9 ()-]{6,30}$/.test(v))
    throw new ConfigError(name, `must be a phone number: digits, spaces, +, - and brackets (got "${v}")`);
  return v;
}

/** Shown to people as it is: one line, not too long. */
function text(env: Env, name: string, maxLength: number): string | undefined {
  const v = str(env, name);
  if (v !== undefined && (v.length > maxLength || /[\r\n]/.test(v)))
    throw new ConfigError(name, `must be one line of at most ${maxLength} characters`);
  return v;
}

/** In embedded mode a key is generated once and kept (mode 0600); its path is logged, never the key. */
/** `all` (the default), `none`, or a comma-separated list of event types; an unknown name stops the boot. */
function taskEventTypes(env: Env, name: string): TaskEventType[] {
  const raw = (str(env, name) ?? 'all').trim().toLowerCase();
  if (raw === 'all') return [...TASK_EVENT_TYPES];
  if (raw === 'none') return [];
  const chosen = raw
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const unknown = chosen.filter((t) => !(TASK_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length)
    throw new ConfigError(
      name,
      `names unknown event types (${unknown.join(', ')}); use all, none or some of ${TASK_EVENT_TYPES.join(', ')}`,
    );
  return chosen as TaskEventType[];
}

function embeddedIntegrationKey(varDir: string): { key: string; file: string } {
  const file = join(varDir, 'integration-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), file };
  mkdirSync(varDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { key, file };
}

/**
 * CASE_SYSTEM_AUTH = hmac | oauth2 | none. Required with CASE_SYSTEM_URL (`none` only by explicit
 * choice); without it the in-process stub of the embedded default is used and needs none.
 */
function caseSystemAuth(env: Env, caseSystemUrl: string | undefined): CaseSystemAuthConfig {
  const scheme = str(env, 'CASE_SYSTEM_AUTH');
  if (scheme === undefined) {
    if (caseSystemUrl) {
      throw new ConfigError('CASE_SYSTEM_AUTH', 'is required when CASE_SYSTEM_URL is set: hmac, oauth2, or none (explicitly)');
    }
    return { scheme: 'none' };
  }
  switch (scheme) {
    case 'none':
      return { scheme };
    case 'hmac': {
      const raw = str(env, 'CASE_SYSTEM_HMAC_KEYS');
      if (raw === undefined) throw new ConfigError('CASE_SYSTEM_HMAC_KEYS', 'is required when CASE_SYSTEM_AUTH=hmac');
      try {
        return { scheme, keys: parseHmacKeys(raw) };
      } catch (error) {
        throw new ConfigError('CASE_SYSTEM_HMAC_KEYS', (error as Error).message);
      }
    }
    case 'oauth2': {
      const tokenUrl = url(env, 'CASE_SYSTEM_OAUTH_TOKEN_URL', ['http:', 'https:']);
      const clientId = str(env, 'CASE_SYSTEM_OAUTH_CLIENT_ID');
      const clientSecret = str(env, 'CASE_SYSTEM_OAUTH_CLIENT_SECRET');
      for (const [name, value] of [
        ['CASE_SYSTEM_OAUTH_TOKEN_URL', tokenUrl],
        ['CASE_SYSTEM_OAUTH_CLIENT_ID', clientId],
        ['CASE_SYSTEM_OAUTH_CLIENT_SECRET', clientSecret],
      ] as const) {
        if (value === undefined) throw new ConfigError(name, 'is required when CASE_SYSTEM_AUTH=oauth2');
      }
      return {
        scheme,
        tokenUrl: tokenUrl!,
        clientId: clientId!,
        clientSecret: clientSecret!,
        scope: str(env, 'CASE_SYSTEM_OAUTH_SCOPE'),
      };
    }
    default:
      throw new ConfigError('CASE_SYSTEM_AUTH', `must be hmac, oauth2 or none (got "${scheme}")`);
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const varDir = resolve(str(env, 'VAR_DIR') ?? 'var');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const embeddedDatabase = databaseUrl === undefined;
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const caseSystemUrl = url(env, 'CASE_SYSTEM_URL', ['http:', 'https:']);

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
    databaseAcquireTimeoutMs: int(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 1500, 100, 30_000),
    varDir,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailDir: join(varDir, 'mail'),
    mailFrom: str(env, 'MAIL_FROM') ?? 'Professional Portal <no-reply@portal.local>',
    councilName: str(env, 'COUNCIL_NAME') ?? 'Children and Families Services',
    supportEmail: email(env, 'SUPPORT_EMAIL', 'support@portal.local'),
    supportPhone: phone(env, 'SUPPORT_PHONE'),
    supportHours: text(env, 'SUPPORT_HOURS', 200),
    publicPagesDir: str(env, 'PUBLIC_PAGES_DIR'),
    caseSystemUrl,
    caseSystemAuth: caseSystemAuth(env, caseSystemUrl),
    deliveryRetryBaseMs: int(env, 'DELIVERY_RETRY_BASE_MS', 5000, 1, 3_600_000),
    deliveryTimeoutMs: int(env, 'DELIVERY_TIMEOUT_MS', 30_000, 100, 600_000),
    caseSystemTaskEvents: taskEventTypes(env, 'CASE_SYSTEM_TASK_EVENTS'),
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
    uploadsAtOnce: int(env, 'UPLOADS_AT_ONCE', 1, 1, 64),
    uploadsWaiting: int(env, 'UPLOADS_WAITING', 24, 0, 10_000),
    uploadBytesPerSecond: int(env, 'UPLOADS_BYTES_PER_SECOND', 8 * 1024 * 1024, 0, 10 * 1024 * 1024 * 1024),
    workerPollMs: int(env, 'WORKER_POLL_MS', 1000, 10, 60_000),
    workersEnabled: bool(env, 'WORKERS_ENABLED', true),
    // One core is left to the event loop; the others draw PDFs (a one-core machine still gets a thread).
    pdfRenderThreads: int(env, 'PDF_RENDER_THREADS', Math.max(1, availableParallelism() - 1), 0, 64),
    authRateLimitPerMinute: int(env, 'AUTH_RATE_LIMIT_PER_MINUTE', 1000, 300, 1_000_000),
    metricsEnabled: bool(env, 'METRICS_ENABLED', true),
    metricsHost: host(env, 'METRICS_HOST', '127.0.0.1'),
    metricsPort: int(env, 'METRICS_PORT', 9464, 0, 65535),
    metricsToken: secret(env, 'METRICS_TOKEN'),
    http: httpTimeouts(env),
    auditRetentionDays: int(env, 'AUDIT_RETENTION_DAYS', 730, 30, 36_500),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: str(env, 'REDIS_KEY_PREFIX') ?? 'portal:',
    fileStorage: fileStorage(env),
    s3: fileStorage(env) === 's3' ? s3Settings(env) : undefined,
  };
}
