import { Delivery, DeliveryStatus } from '../domain/delivery';
import { Submission } from '../domain/submission';

export abstract class SubmissionRepository {
  abstract findById(id: string): Promise<Submission | null>;
  abstract findByTaskId(taskId: string): Promise<Submission | null>;
  abstract add(submission: Submission): void;
  /** Submissions past retention whose content is still held, oldest first. */
  abstract dueForPurge(submittedBefore: Date, limit: number): Promise<Submission[]>;
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
  abstract add(delivery: Delivery): void;
  /**
   * Claims up to `limit` due deliveries for this instance until `leaseUntil` (FOR UPDATE SKIP LOCKED),
   * counting the attempt. Returns their submission ids.
   */
  abstract claimDue(now: Date, leaseUntil: Date, limit: number): Promise<string[]>;
  abstract list(filter: DeliveryListFilter, limit: number, after?: { createdAt: string; id: string }): Promise<(DeliveryListItem & { createdAt: string })[]>;
  abstract count(status: DeliveryStatus): Promise<number>;
}

export interface ContributionPayload {
  submissionId: string;
  taskExternalRef: string;
  form: { key: string; version: number };
  subject: { reference: string; displayName: string };
  submittedAt: string;
  submittedBy: { accountId: string; name: string; email: string; organisation: string };
  answers: Record<string, unknown>;
  attachments: { filename: string; contentType: string; size: number; sha256: string; contentBase64: string }[];
  pdfBase64: string;
  pdfSha256: string;
}

export type GatewayResult =
  | { kind: 'accepted'; receiptId: string }
  | { kind: 'retryable'; error: string }
  | { kind: 'refused'; error: string };

/** The council's case-management gateway (outbound). */
export abstract class CaseSystemGateway {
  abstract deliver(payload: ContributionPayload): Promise<GatewayResult>;
}

/** File bytes of submissions (the PDF and attachments), wherever the portal keeps files. */
export abstract class ContributionFiles {
  abstract read(fileId: string): Promise<Buffer | null>;
  abstract store(fileId: string, content: Buffer): Promise<void>;
  abstract delete(fileIds: string[]): Promise<void>;
}
