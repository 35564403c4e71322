import { TaskEventType } from '../shared/outbox/task-event-types';
import { AppConfig, CaseSystemAuthConfig } from './app-config';

/*
 * Configuration as each context sees it: one validated slice per concern (read and checked once by
 * `loadConfig`), injected by its class. A context names only the slice it needs, never the whole
 * `AppConfig`; a new setting goes into the slice of the context that uses it.
 */

/** The portal's own identity, shown in emails and PDFs, and the time zone its calendar dates are in. */
export abstract class PortalConfig {
  abstract readonly portalTimezone: string;
  abstract readonly councilName: string;
  abstract readonly publicUrl: string;
  abstract readonly supportEmail: string;
}

/** Notifications: where mail goes (SMTP, or `.eml` files under `mailDir`) and who it is from. */
export abstract class MailConfig {
  abstract readonly smtpUrl?: string;
  abstract readonly mailDir: string;
  abstract readonly mailFrom: string;
}

/**
 * The case system, outbound: where contributions (submissions) and task events (case-system-outbox)
 * are delivered, how attempts are timed and retried, and which task events this deployment sends.
 */
export abstract class DeliveryConfig {
  abstract readonly caseSystemUrl?: string;
  abstract readonly deliveryRetryBaseMs: number;
  abstract readonly deliveryTimeoutMs: number;
  abstract readonly caseSystemTaskEvents: readonly TaskEventType[];
  /** How the portal authenticates to the case system (CASE_SYSTEM_AUTH; docs/security.md). */
  abstract readonly caseSystemAuth: CaseSystemAuthConfig;
}

/** Background workers (mail outbox, deliveries) and scheduled jobs. */
export abstract class WorkerConfig {
  abstract readonly workerPollMs: number;
  abstract readonly workersEnabled: boolean;
}

/** Identity's HTTP edge: the integration keys, and whether cookies are `Secure`. */
export abstract class AccessConfig {
  abstract readonly integrationApiKeys: readonly string[];
  abstract readonly secureCookies: boolean;
}

/** Forms: how many worker threads draw PDFs (0: on the event loop). */
export abstract class PdfRenderConfig {
  abstract readonly pdfRenderThreads: number;
}

/** Tasks' uploads: the virus scanner they go through (none configured: no scan), how many are received at once and may wait. */
export abstract class FileScanConfig {
  abstract readonly clamavUrl?: string;
  abstract readonly uploadsAtOnce: number;
  abstract readonly uploadsWaiting: number;
  abstract readonly uploadBytesPerSecond: number;
}

/** An S3-compatible bucket for file bytes; credentials come from the standard AWS variables (the SDK's chain). */
export interface S3Settings {
  bucket: string;
  /** Unset: AWS itself; set for MinIO, Ceph, an Azure gateway... */
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  keyPrefix: string;
}

/** Tasks: where file bytes are kept (PostgreSQL rows, or an S3-compatible bucket). */
export abstract class FileStorageConfig {
  abstract readonly fileStorage: 'postgres' | 's3';
  abstract readonly s3?: S3Settings;
}

/**
 * Observability: the separate listener `/metrics` is served on (never the public port), and the
 * bearer token a scrape must carry when one is set.
 */
export abstract class MetricsConfig {
  abstract readonly metricsEnabled: boolean;
  abstract readonly metricsHost: string;
  abstract readonly metricsPort: number;
  abstract readonly metricsToken?: string;
}

/** The audit trail: how long its entries are kept (the retention job deletes older ones). */
export abstract class AuditConfig {
  abstract readonly auditRetentionDays: number;
}

/** The public pages (help, contact, accessibility): who the council is and how to reach its helpdesk. */
export abstract class PublicPagesConfig {
  abstract readonly councilName: string;
  abstract readonly supportEmail: string;
  abstract readonly supportPhone?: string;
  abstract readonly supportHours?: string;
  abstract readonly publicPagesDir?: string;
}

/** Each slice's class and its values in `config`, for ConfigModule to provide. */
export function configSlices(config: AppConfig): { provide: abstract new () => unknown; useValue: object }[] {
  const slices: [abstract new () => unknown, object][] = [
    [
      PortalConfig,
      {
        portalTimezone: config.portalTimezone,
        councilName: config.councilName,
        publicUrl: config.publicUrl,
        supportEmail: config.supportEmail,
      } satisfies PortalConfig,
    ],
    [MailConfig, { smtpUrl: config.smtpUrl, mailDir: config.mailDir, mailFrom: config.mailFrom } satisfies MailConfig],
    [
      DeliveryConfig,
      {
        caseSystemUrl: config.caseSystemUrl,
        deliveryRetryBaseMs: config.deliveryRetryBaseMs,
        deliveryTimeoutMs: config.deliveryTimeoutMs,
        caseSystemTaskEvents: config.caseSystemTaskEvents,
        caseSystemAuth: config.caseSystemAuth,
      } satisfies DeliveryConfig,
    ],
    [WorkerConfig, { workerPollMs: config.workerPollMs, workersEnabled: config.workersEnabled } satisfies WorkerConfig],
    [AccessConfig, { integrationApiKeys: config.integrationApiKeys, secureCookies: config.secureCookies } satisfies AccessConfig],
    [PdfRenderConfig, { pdfRenderThreads: config.pdfRenderThreads } satisfies PdfRenderConfig],
    [
      FileScanConfig,
      { clamavUrl: config.clamavUrl, uploadsAtOnce: config.uploadsAtOnce, uploadsWaiting: config.uploadsWaiting, uploadBytesPerSecond: config.uploadBytesPerSecond } satisfies FileScanConfig,
    ],
    [FileStorageConfig, { fileStorage: config.fileStorage, s3: config.s3 } satisfies FileStorageConfig],
    [
      MetricsConfig,
      {
        metricsEnabled: config.metricsEnabled,
        metricsHost: config.metricsHost,
        metricsPort: config.metricsPort,
        metricsToken: config.metricsToken,
      } satisfies MetricsConfig,
    ],
    [AuditConfig, { auditRetentionDays: config.auditRetentionDays } satisfies AuditConfig],
    [
      PublicPagesConfig,
      {
        councilName: config.councilName,
        supportEmail: config.supportEmail,
        supportPhone: config.supportPhone,
        supportHours: config.supportHours,
        publicPagesDir: config.publicPagesDir,
      } satisfies PublicPagesConfig,
    ],
  ];
  return slices.map(([provide, value]) => ({ provide, useValue: Object.freeze(value) }));
}
