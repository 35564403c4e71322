import { addMs, DAY_MS } from '../../shared/clock/clock';

/** Submitted forms stay downloadable this long; then the portal forgets them (once the council has them). */
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

export interface SubmissionDetails {
  id: string;
  taskId: string;
  externalRef: string;
  form: { key: string; version: number };
  subject: { reference: string; displayName: string };
  answers: Record<string, unknown>;
  attachments: SubmittedAttachment[];
  submittedBy: Submitter;
  submittedAt: Date;
  pdfFileId: string;
  pdfSha256: string;
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

  static record(details: SubmissionDetails): Submission {
    const s = new Submission();
    s.id = details.id;
    s.taskId = details.taskId;
    s.externalRef = details.externalRef;
    s.formKey = details.form.key;
    s.formVersion = details.form.version;
    s.subject = { ...details.subject };
    s.answers = details.answers;
    s.attachments = details.attachments.map((a) => ({ ...a }));
    s.submittedBy = { ...details.submittedBy };
    s.submittedAt = details.submittedAt;
    s.pdfFileId = details.pdfFileId;
    s.pdfSha256 = details.pdfSha256;
    return s;
  }

  availableUntil(): Date {
    return addMs(this.submittedAt, RETENTION_MS);
  }

  /** The submitter may download the PDF until `availableUntil` (and never once purged). */
  isAvailable(now: Date): boolean {
    return !this.isPurged() && now.getTime() < this.availableUntil().getTime();
  }

  isPurged(): boolean {
    return this.purgedAt !== null;
  }

  /** Forgets the content; returns the file ids to delete. The caller makes sure the council has it. */
  purge(now: Date): string[] {
    const files = [...this.attachments.map((a) => a.fileId), ...(this.pdfFileId ? [this.pdfFileId] : [])];
    this.answers = null;
    this.attachments = [];
    this.pdfFileId = null;
    this.subject = { reference: this.subject.reference, displayName: '' };
    this.submittedBy = { accountId: this.submittedBy.accountId, name: '', email: '', organisation: '' };
    this.purgedAt = now;
    return files;
  }
}
