import type { Readable } from 'node:stream';
import { Delivery, DeliveryStatus } from '../domain/delivery';
import { Submission } from '../domain/submission';

export abstract class SubmissionRepository {
  abstract findById(id: string, options?: { forUpdate?: boolean }): Promise<Submission | null>;
  abstract findByTaskId(taskId: string): Promise<Submission | null>;
  abstract add(submission: Submission): void;
  /** Writes what was added so far (a delivery row must find its submission). */
  abstract flush(): Promise<void>;
  /**
   * Submissions past retention whose content is still held and which the council has received
   * (never an undelivered one), oldest first.
   */
  abstract deliveredDueForPurge(submittedBefore: Date, limit: number): Promise<string[]>;
}

export interface DeliveryListFilter {
  status?: DeliveryStatus;
}

export interface DeliveryListItem {
  submissionId: string;
  taskId: string;
  externalRef: string;
  form: { key: string; version: number };
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  receiptId: string | null;
  submittedAt: string;
  deliveredAt: string | null;
}

export abstract class DeliveryRepository {
  abstract find(submissionId: string, options?: { forUpdate?: boolean }): Promise<Delivery | null>;
  /**
   * Locked until commit and detached, for recording an attempt's outcome with `saveOutcome` (once
   * per delivery attempt: no ORM unit of work around it, see UnitOfWork.runStatements).
   */
  abstract findForOutcome(submissionId: string): Promise<Delivery | null>;
  abstract saveOutcome(delivery: Delivery): Promise<void>;
  abstract add(delivery: Delivery): void;
  /**
   * Claims up to `limit` due deliveries for this instance until `leaseUntil` (FOR UPDATE SKIP LOCKED),
   * counting the attempt before anything is sent, and an interruption when the previous attempt's
   * lease is still set. Those reaching `park.afterInterruptions` are failed with `park.reason`
   * instead of claimed. Returns the ids claimed and the ids parked.
   */
  abstract claimDue(
    now: Date,
    leaseUntil: Date,
    limit: number,
    park: { afterInterruptions: number; reason: string },
  ): Promise<{ claimed: string[]; parked: string[] }>;
  /** Keeps the leases of deliveries still being sent (a big one may outlast a lease). */
  abstract extendLeases(submissionIds: string[], leaseUntil: Date): Promise<void>;
  abstract list(
    filter: DeliveryListFilter,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<(DeliveryListItem & { createdAt: string })[]>;
  abstract count(status: DeliveryStatus): Promise<number>;
  /** Undelivered (pending or failed) submissions made before `submittedBefore`: kept past retention. */
  abstract countUndeliveredSubmittedBefore(submittedBefore: Date): Promise<number>;
}

export interface ContributionPayload {
  submissionId: string;
  taskExternalRef: string;
  form: { key: string; version: number };
  subject: { reference: string; displayName: string };
  submittedAt: string;
  submittedBy: { accountId: string; name: string; email: string; organisation: string };
  answers: Record<string, unknown>;
  /** Sent as `{ filename, contentType, size, sha256, contentBase64 }`, encoded while it is sent. */
  attachments: { filename: string; contentType: string; size: number; sha256: string; file: ContributionFileStream }[];
  /** Sent as `pdfBase64` and `pdfSha256` (computed while sending when the snapshot has none). */
  pdf: { sha256: string | null; file: ContributionFileStream };
}

/** A file of a contribution, opened for reading: read once, as it is sent, never held whole. */
export interface ContributionFileStream {
  size: number;
  content: Readable;
}

export type GatewayResult =
  { kind: 'accepted'; receiptId: string } | { kind: 'retryable'; error: string } | { kind: 'refused'; error: string };

/** The council's case-management gateway (outbound). */
export abstract class CaseSystemGateway {
  /** `stop` aborts the attempt (shutdown): it ends retryable, the body cut off before its end. */
  abstract deliver(payload: ContributionPayload, stop?: AbortSignal): Promise<GatewayResult>;
}

/** File bytes of submissions (the PDF and attachments), wherever the portal keeps files. */
export abstract class ContributionFiles {
  abstract read(fileId: string): Promise<Buffer | null>;
  /** Null when the file is missing. */
  abstract open(fileId: string): Promise<ContributionFileStream | null>;
  abstract store(fileId: string, content: Buffer): Promise<void>;
  abstract delete(fileIds: string[]): Promise<void>;
}

/** Withdrawn tasks that still hold answers, prefill, names or files (should a withdrawal ever leave any). */
export abstract class RetentionQueries {
  abstract withdrawnTasksHoldingContent(limit: number): Promise<string[]>;
}

export type ReminderKind = 'dueSoon' | 'overdue';

export interface ReminderToSend {
  taskId: string;
  externalRef: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  /** The individual assignee; for a group: its notification address, else every active member. */
  recipients: string[];
}

/**
 * Which open tasks need a due-date reminder today. `claim` marks the tasks it returns as reminded
 * (in the caller's transaction, with the emails), so no reminder is ever sent twice.
 */
export abstract class ReminderLedger {
  abstract claim(kind: ReminderKind, today: string, now: Date, limit: number): Promise<ReminderToSend[]>;
}
