import { addMs, DAY_MS } from '../../shared/clock/clock';

export const RETENTION_MS = 30 * DAY_MS;

export interface SubmittedAttachment {
  fileId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface Submitter {
  accountId: string;
  name: string;
  email: string;
  organisation: string;
}

/**
 * The immutable record of a contribution as submitted: visible answers (hidden and read-only ones
 * left out), the files, who submitted it and when, and the PDF rendered once at that moment.
 * After the retention period its content is purged and only the fact of it remains.
 */
export class Submission {
  id!: string;
  taskId!: string;
  externalRef!: string;
  formKey!: string;
  formVersion!: number;
  subject!: { reference: string; displayName: string };
  answers: Record<string, unknown> | null = null;
  attachments: SubmittedAttachment[] = [];
  submittedBy!: Submitter;
  submittedAt!: Date;
  pdfFileId: string | null = null;
  pdfSha256!: string;
  purgedAt: Date | null = null;

  availableUntil(): Date {
    return addMs(this.submittedAt, RETENTION_MS);
  }

  isPurged(): boolean {
    return this.purgedAt !== null;
  }

  /** Forgets the content; returns the file ids to delete. */
  purge(now: Date): string[] {
    const files = [...this.attachments.map((a) => a.fileId), ...(this.pdfFileId ? [this.pdfFileId] : [])];
    this.answers = null;
    this.attachments = [];
    this.pdfFileId = null;
    this.subject = { reference: this.subject.reference, displayName: '' };
    this.purgedAt = now;
    return files;
  }
}
