import { randomUUID } from 'node:crypto';
import { fileFactsOf } from './received-files';
import type { StubContribution } from './types';

/** Summary for GET /__stub/contributions: enough to assert on without shipping megabytes of base64. */
export interface ContributionSummary {
  receiptId: string;
  idempotencyKey: string;
  submissionId: string;
  taskExternalRef: string;
  form: unknown;
  attachments: { filename: string; contentType: string; size: number }[];
  pdfSize: number;
  receivedAt: string;
}

/** In-memory only, by design: the stub receives children's data in tests and must never persist it. */
export class ContributionStore {
  private readonly byKey = new Map<string, StubContribution>();
  private requests = 0;
  private readonly requestsByKey = new Map<string, number>();
  private readonly bodiesByKey = new Map<string, number>();

  /** Counted on arrival, before any fault or validation, so retries of failed requests are visible. */
  countRequest(idempotencyKey: string | undefined): void {
    this.requests += 1;
    if (idempotencyKey !== undefined) {
      this.requestsByKey.set(idempotencyKey, (this.requestsByKey.get(idempotencyKey) ?? 0) + 1);
    }
  }

  requestCount(idempotencyKey?: string): number {
    return idempotencyKey === undefined ? this.requests : (this.requestsByKey.get(idempotencyKey) ?? 0);
  }

  /** Counted once a request's whole body has been read, before any answer is decided. */
  countBody(idempotencyKey: string | undefined): void {
    if (idempotencyKey !== undefined) this.bodiesByKey.set(idempotencyKey, (this.bodiesByKey.get(idempotencyKey) ?? 0) + 1);
  }

  bodiesReceived(idempotencyKey: string): number {
    return this.bodiesByKey.get(idempotencyKey) ?? 0;
  }

  /** Stores the first contribution for a key; later ones return the original (`created: false`). */
  accept(idempotencyKey: string, body: unknown): { contribution: StubContribution; created: boolean } {
    const existing = this.byKey.get(idempotencyKey);
    if (existing !== undefined) return { contribution: existing, created: false };
    const contribution: StubContribution = {
      receiptId: `CS-${randomUUID()}`,
      idempotencyKey,
      body,
      receivedAt: new Date().toISOString(),
    };
    this.byKey.set(idempotencyKey, contribution);
    return { contribution, created: true };
  }

  get(idempotencyKey: string): StubContribution | undefined {
    return this.byKey.get(idempotencyKey);
  }

  all(): StubContribution[] {
    return [...this.byKey.values()];
  }

  summaries(): ContributionSummary[] {
    return this.all().map(summarise);
  }

  size(): number {
    return this.byKey.size;
  }

  clear(): void {
    this.byKey.clear();
    this.requestsByKey.clear();
    this.bodiesByKey.clear();
    this.requests = 0;
  }
}

function summarise(contribution: StubContribution): ContributionSummary {
  // Bodies are validated before they are stored, so these fields are known to be present.
  const body = contribution.body as {
    submissionId: string;
    taskExternalRef: string;
    form: unknown;
    attachments: { filename: string; contentType: string; size: number }[];
    pdfBase64: string;
  };
  return {
    receiptId: contribution.receiptId,
    idempotencyKey: contribution.idempotencyKey,
    submissionId: body.submissionId,
    taskExternalRef: body.taskExternalRef,
    form: body.form,
    attachments: body.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    pdfSize: fileFactsOf(body)?.pdf?.size ?? Buffer.byteLength(body.pdfBase64, 'base64'),
    receivedAt: contribution.receivedAt,
  };
}
