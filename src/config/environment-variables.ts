/**
 * The configuration schema: every environment variable the portal reads, with its default and
 * meaning. `.env.example` is generated from it (`npm run env:example`), and a test keeps the three
 * in step: this list, the variables the code reads, and README's configuration table.
 *
 * The parsing and validation itself stays with the code that uses each value (app-config.ts and
 * the slices beside it); this is the operator-facing description of it.
 */
export interface EnvironmentVariable {
  name: string;
  /** What happens when it is unset, as an operator reads it. */
  default: string;
  meaning: string;
  /** A value to show in .env.example (commented out); defaults to nothing after the `=`. */
  example?: string;
  /** Set for a standard variable read by a library rather than by the portal's own code. */
  readBy?: string;
}

export interface EnvironmentGroup {
  title: string;
  variables: EnvironmentVariable[];
}

export const ENVIRONMENT: EnvironmentGroup[] = [
  {
    title: 'Server',
    variables: [
      { name: 'PORT', default: '3000', meaning: 'HTTP port (API, /docs, web client at /)', example: '3000' },
      {
        name: 'PUBLIC_URL',
        default: 'http://localhost:$PORT',
        meaning: 'base of links in emails; https makes cookies Secure',
        example: 'https://portal.council.example',
      },
      {
        name: 'TRUST_PROXY',
        default: 'none',
        meaning: 'CIDRs of reverse proxies whose X-Forwarded-For is believed',
        example: '10.0.0.0/8',
      },
      { name: 'VAR_DIR', default: 'var', meaning: 'where embedded data, mail files and the generated key live', example: 'var' },
      { name: 'NODE_ENV', default: 'development', meaning: 'changes the log format only', example: 'production' },
      { name: 'LOG_LEVEL', default: 'info', meaning: 'pino level (trace, debug, info, warn, error, silent)', example: 'info' },
    ],
  },
  {
    title: 'Database',
    variables: [
      {
        name: 'DATABASE_URL',
        default: 'unset: embedded PGlite under VAR_DIR',
        meaning: 'PostgreSQL connection URL; migrations run at start (or with `npm run cli -- migrate up`)',
        example: 'postgresql://portal:secret@db.internal:5432/portal',
      },
      {
        name: 'DATABASE_POOL_SIZE',
        default: '10',
        meaning: 'connections to PostgreSQL per instance (1-200); ignored for the embedded database',
        example: '10',
      },
      {
        name: 'DATABASE_ACQUIRE_TIMEOUT_MS',
        default: '1500',
        meaning:
          'how long a request waits for a database connection (pool and connect) before 503 database_unavailable (100-30000); keeps a database outage a quick 503',
        example: '1500',
      },
      {
        name: 'DATABASE_PREPARED_STATEMENTS',
        default: 'true',
        meaning: 'false behind a pooler that cannot keep named statements (PgBouncer in transaction mode before 1.21)',
        example: 'true',
      },
      {
        name: 'DEMO_DATA',
        default: 'true on the embedded database, else false',
        meaning: 'seed demo accounts, a work group and tasks',
        example: 'false',
      },
    ],
  },
  {
    title: 'Mail',
    variables: [
      {
        name: 'SMTP_URL',
        default: 'unset: .eml files under VAR_DIR/mail',
        meaning: 'smtp://host:port or smtps://',
        example: 'smtp://mail.internal:25',
      },
      {
        name: 'MAIL_FROM',
        default: 'Professional Portal <no-reply@portal.local>',
        meaning: 'sender of every email',
        example: 'Professional Portal <no-reply@portal.council.example>',
      },
      {
        name: 'COUNCIL_NAME',
        default: 'Children and Families Services',
        meaning: 'sign-off of emails and author of PDFs',
        example: 'Children and Families Services',
      },
      {
        name: 'SUPPORT_EMAIL',
        default: 'support@portal.local',
        meaning: 'help contact in emails and in the footer of every page',
        example: 'portal-support@council.example',
      },
      {
        name: 'SUPPORT_PHONE',
        default: 'unset: no phone number shown',
        meaning: "the helpdesk's phone number in the footer of every page and on Get help (digits, spaces, +, - and brackets)",
        example: '0117 922 2000',
      },
      {
        name: 'SUPPORT_HOURS',
        default: 'unset: no opening hours shown',
        meaning: "the helpdesk's opening hours beside its phone number (one line, at most 200 characters)",
        example: 'Monday to Friday, 9am to 5pm',
      },
      {
        name: 'PUBLIC_PAGES_DIR',
        default: 'unset: the shipped content/public-pages',
        meaning:
          "the council's own accessibility statement and privacy notice (accessibility-statement.en.md, .cy.md, privacy-notice.en.md, .cy.md); files it lacks come from content/public-pages",
        example: '/etc/portal/public-pages',
      },
    ],
  },
  {
    title: 'Case system',
    variables: [
      {
        name: 'CASE_SYSTEM_URL',
        default: 'unset: the bundled stub, in-process',
        meaning: 'the case-management gateway contributions are delivered to',
        example: 'https://case-gateway.council.example',
      },
      {
        name: 'CASE_SYSTEM_AUTH',
        default: 'required with CASE_SYSTEM_URL; unset: none for the in-process stub',
        meaning:
          'how the portal authenticates to the case system: hmac, oauth2, or none (only by explicit choice) (docs/security.md)',
        example: 'hmac',
      },
      {
        name: 'CASE_SYSTEM_HMAC_KEYS',
        default: 'required with CASE_SYSTEM_AUTH=hmac',
        meaning:
          'comma-separated keyId:secret (secrets of 32+ characters); the first signs, the gateway accepts both during a rotation',
        example: 'k-2026-12:a-long-random-signing-secret-of-32-chars',
      },
      {
        name: 'CASE_SYSTEM_OAUTH_TOKEN_URL',
        default: 'required with CASE_SYSTEM_AUTH=oauth2',
        meaning: 'the OAuth2 token endpoint (client credentials grant, client_secret_basic)',
        example: 'https://idp.council.example/oauth2/token',
      },
      {
        name: 'CASE_SYSTEM_OAUTH_CLIENT_ID',
        default: 'required with CASE_SYSTEM_AUTH=oauth2',
        meaning: "the portal's OAuth2 client id",
        example: 'professional-portal',
      },
      {
        name: 'CASE_SYSTEM_OAUTH_CLIENT_SECRET',
        default: 'required with CASE_SYSTEM_AUTH=oauth2',
        meaning: "the portal's OAuth2 client secret",
      },
      {
        name: 'CASE_SYSTEM_OAUTH_SCOPE',
        default: 'none',
        meaning: 'scope asked for with each token (space-separated)',
        example: 'contributions:write',
      },
      {
        name: 'INTEGRATION_API_KEYS',
        default: 'embedded: generated into VAR_DIR/integration-key; otherwise required',
        meaning: 'comma-separated bearer keys (at least 16 characters) the case system calls the portal with',
        example: 'change-me-to-a-long-random-key',
      },
      {
        name: 'DELIVERY_RETRY_BASE_MS',
        default: '5000',
        meaning: 'first retry delay of a failed delivery (exponential, full jitter, capped at 1 hour)',
        example: '5000',
      },
      {
        name: 'DELIVERY_TIMEOUT_MS',
        default: '30000',
        meaning:
          'how long one delivery attempt may go without progress (no body bytes taken, no answer) before it is abandoned and retried; a large contribution on a slow link may take longer in all',
        example: '30000',
      },
      {
        name: 'CASE_SYSTEM_TASK_EVENTS',
        default: 'all',
        meaning:
          'task status events sent to POST {CASE_SYSTEM_URL}/task-events: all, none, or a comma-separated list of opened, picked_up, reassigned, declined, submitted, overdue (docs/case-system-events.md)',
        example: 'all',
      },
    ],
  },
  {
    title: 'Behaviour',
    variables: [
      {
        name: 'PORTAL_TIMEZONE',
        default: 'Europe/London',
        meaning: 'the calendar "today" for overdue and reminders',
        example: 'Europe/London',
      },
      {
        name: 'CLAMAV_URL',
        default: 'unset: no virus scan',
        meaning: 'tcp://host:3310 of a clamd; uploads are refused when it is down',
        example: 'tcp://clamav.internal:3310',
      },
      {
        name: 'UPLOADS_AT_ONCE',
        default: '1',
        meaning:
          'attachment uploads one instance receives at once (1-64); the others wait unread in line, so many large uploads cannot starve other requests',
        example: '1',
      },
      {
        name: 'UPLOADS_WAITING',
        default: '24',
        meaning: 'uploads that may wait in that line (0-10000); beyond it an upload is refused with 503 uploads_busy and Retry-After',
        example: '24',
      },
      {
        name: 'UPLOADS_BYTES_PER_SECOND',
        default: '8388608 (8 MiB/s)',
        meaning:
          'the pace one instance reads all uploads at together (0: as fast as they arrive); a client sending faster waits in TCP, so a burst of large uploads takes a bounded share of CPU and database writes',
        example: '8388608',
      },
      {
        name: 'WORKER_POLL_MS',
        default: '1000',
        meaning: 'how often the mail and delivery workers look for work',
        example: '1000',
      },
      {
        name: 'WORKERS_ENABLED',
        default: 'true',
        meaning: 'false runs no workers or scheduled jobs on this instance',
        example: 'true',
      },
      {
        name: 'PDF_RENDER_THREADS',
        default: "the machine's cores minus one (at least 1)",
        meaning: 'worker threads that draw PDFs (0-64), started on first use; 0 draws them on the event loop, where each holds up every other request',
        example: '1',
      },
      {
        name: 'AUTH_RATE_LIMIT_PER_MINUTE',
        default: '1000',
        meaning: 'per-address ceiling on the sign-in routes (at least 300)',
        example: '1000',
      },
      {
        name: 'HTTP_REQUEST_TIMEOUT_MS',
        default: '60000',
        meaning: 'a request (headers and body) must arrive within this, else 408 and the connection is closed',
        example: '60000',
      },
      {
        name: 'HTTP_HEADERS_TIMEOUT_MS',
        default: '10000',
        meaning: "a request's headers must arrive within this (at most HTTP_REQUEST_TIMEOUT_MS)",
        example: '10000',
      },
      {
        name: 'HTTP_IDLE_TIMEOUT_MS',
        default: '30000',
        meaning: 'a connection that sends no request is closed after this',
        example: '30000',
      },
      {
        name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS',
        default: '5000',
        meaning: "a kept-alive connection is closed after this long without a request (keep it below the proxy's)",
        example: '5000',
      },
    ],
  },
  {
    title: 'Metrics and audit',
    variables: [
      {
        name: 'METRICS_ENABLED',
        default: 'true',
        meaning: 'false opens no metrics listener',
        example: 'true',
      },
      {
        name: 'METRICS_HOST',
        default: '127.0.0.1',
        meaning: 'address the separate /metrics listener binds to (never the public port); 0.0.0.0 in a container, with METRICS_TOKEN',
        example: '127.0.0.1',
      },
      {
        name: 'METRICS_PORT',
        default: '9464',
        meaning: 'port of the /metrics listener (0: any free port)',
        example: '9464',
      },
      {
        name: 'METRICS_TOKEN',
        default: 'unset: no token asked',
        meaning: 'when set (16+ characters), a scrape must send Authorization: Bearer <token>',
      },
      {
        name: 'AUDIT_RETENTION_DAYS',
        default: '730',
        meaning: 'audit entries older than this many days are deleted by the retention job (30 to 36500)',
        example: '730',
      },
    ],
  },
  {
    title: 'Shared state (several instances)',
    variables: [
      {
        name: 'REDIS_URL',
        default: 'unset: each instance counts its rate limits in its own memory',
        meaning:
          'redis:// or rediss:// URL; the per-address limits are counted there, one count for all instances (if it is unreachable the limits lapse, logged, and sign-in keeps working)',
        example: 'redis://redis.internal:6379',
      },
      {
        name: 'REDIS_KEY_PREFIX',
        default: 'portal:',
        meaning: 'prefix of every key the portal writes to Redis (several portals can share one Redis)',
        example: 'portal:',
      },
    ],
  },
  {
    title: 'File storage (attachments and submitted PDFs)',
    variables: [
      {
        name: 'FILE_STORAGE',
        default: 'postgres',
        meaning:
          'postgres keeps file bytes in PostgreSQL rows; s3 keeps them in an S3-compatible bucket (AWS S3, MinIO, Ceph, an Azure gateway)',
        example: 's3',
      },
      {
        name: 'S3_BUCKET',
        default: 'required with FILE_STORAGE=s3',
        meaning: 'the private bucket the objects go in (created beforehand)',
        example: 'portal-files',
      },
      {
        name: 'S3_ENDPOINT',
        default: 'unset: AWS S3',
        meaning: 'base URL of an S3-compatible store',
        example: 'http://minio.internal:9000',
      },
      { name: 'S3_REGION', default: 'AWS_REGION, else us-east-1', meaning: 'the bucket region', example: 'eu-west-2' },
      {
        name: 'S3_FORCE_PATH_STYLE',
        default: 'false',
        meaning: 'true for stores that need bucket-in-path URLs (MinIO, most gateways)',
        example: 'true',
      },
      {
        name: 'S3_KEY_PREFIX',
        default: 'none',
        meaning: 'prefix of every object key (several portals can share a bucket)',
        example: 'portal/',
      },
      {
        name: 'AWS_REGION',
        default: 'unset',
        meaning: 'standard AWS region variable, used when S3_REGION is unset',
        example: 'eu-west-2',
      },
      ...[
        {
          name: 'AWS_ACCESS_KEY_ID',
          default: 'the SDK credential chain',
          meaning: 'S3 credentials: access key (or use AWS_PROFILE, web identity, an instance role)',
        },
        { name: 'AWS_SECRET_ACCESS_KEY', default: 'the SDK credential chain', meaning: 'S3 credentials: secret key' },
        { name: 'AWS_SESSION_TOKEN', default: 'none', meaning: 'S3 credentials: session token of temporary credentials' },
        { name: 'AWS_PROFILE', default: 'none', meaning: 'a profile from the shared AWS config files' },
      ].map((variable) => ({ readBy: 'AWS SDK', ...variable })),
    ],
  },
  {
    title: 'Traces (OpenTelemetry; off unless an exporter endpoint is set)',
    variables: [
      {
        name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
        default: 'unset: no tracing',
        meaning:
          'OTLP/HTTP collector base URL; setting it (or the two below) turns tracing on: spans for HTTP requests, PostgreSQL statements, mail sends and outbox deliveries, with traceparent sent to the case system',
        example: 'http://otel-collector:4318',
      },
      {
        name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
        default: 'unset',
        meaning: 'full URL for traces only (instead of the base endpoint)',
        example: 'http://otel-collector:4318/v1/traces',
      },
      { name: 'OTEL_TRACES_EXPORTER', default: 'unset', meaning: 'otlp, console or none', example: 'otlp' },
      {
        name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
        default: 'http/protobuf',
        meaning: 'http/protobuf, http/json or grpc',
        example: 'http/protobuf',
      },
      { name: 'OTEL_EXPORTER_OTLP_HEADERS', default: 'none', meaning: 'key=value,... sent to the collector (e.g. an API key)' },
      {
        name: 'OTEL_SERVICE_NAME',
        default: 'professional-portal',
        meaning: 'service.name of the spans',
        example: 'professional-portal',
      },
      {
        name: 'OTEL_RESOURCE_ATTRIBUTES',
        default: 'none',
        meaning: 'key=value,... added to every span (e.g. deployment.environment=prod)',
      },
      {
        name: 'OTEL_TRACES_SAMPLER',
        default: 'parentbased_always_on',
        meaning: 'sampler, e.g. parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG=0.1',
      },
      { name: 'OTEL_TRACES_SAMPLER_ARG', default: 'none', meaning: 'the sampler argument (a ratio for traceidratio)' },
      { name: 'OTEL_SDK_DISABLED', default: 'false', meaning: 'true switches tracing off whatever else is set' },
    ].map((variable) => ({ readBy: 'OpenTelemetry SDK', ...variable })),
  },
];

export const ENVIRONMENT_VARIABLES: EnvironmentVariable[] = ENVIRONMENT.flatMap((group) => group.variables);

/** `.env.example`: every variable commented out with its default and meaning above it. */
export function renderEnvExample(groups: EnvironmentGroup[] = ENVIRONMENT): string {
  const out = [
    '# Professional Portal configuration: every variable is optional for a first run (`npm start` uses',
    '# embedded defaults). Copy to .env or set them in your deployment; uncomment what you change.',
    '# Generated from src/config/environment-variables.ts by `npm run env:example`: do not edit by hand.',
  ];
  for (const group of groups) {
    out.push('', `# === ${group.title}`);
    for (const variable of group.variables) {
      out.push('', `# ${variable.meaning}`, `# Default: ${variable.default}`, `# ${variable.name}=${variable.example ?? ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}
