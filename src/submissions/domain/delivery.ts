import { HOUR_MS } from '../../shared/clock/clock';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** Retries back off exponentially with full jitter, never waiting more than an hour. */
export const MAX_RETRY_DELAY_MS = HOUR_MS;

export type AttemptOutcome =
  | { kind: 'accepted'; receiptId: string }
  /** 5xx, 429, timeouts, connection failures, unreadable answers: try again later. */
  | { kind: 'retryable'; error: string }
  /** Any other 4xx: the case system refuses this contribution; an admin must look. */
  | { kind: 'refused'; error: string };

/**
 * Getting one submission to the case system, at least once; the submission id as Idempotency-Key
 * makes it effectively exactly once.
 */
export class Delivery {
  submissionId!: string;
  status: DeliveryStatus = 'pending';
  attempts = 0;
  nextAttemptAt!: Date;
  leaseUntil: Date | null = null;
  lastError: string | null = null;
  receiptId: string | null = null;
  deliveredAt: Date | null = null;
  createdAt!: Date;
  updatedAt!: Date;

  static start(submissionId: string, now: Date): Delivery {
    const d = new Delivery();
    d.submissionId = submissionId;
    d.nextAttemptAt = now;
    d.createdAt = now;
    d.updatedAt = now;
    return d;
  }

  /** Applies an attempt's outcome; `random` is in [0, 1) (injected so tests can pin it). */
  record(outcome: AttemptOutcome, now: Date, retryBaseMs: number, random: number): void {
    this.leaseUntil = null;
    this.updatedAt = now;
    switch (outcome.kind) {
      case 'accepted':
        this.status = 'delivered';
        this.receiptId = outcome.receiptId;
        this.deliveredAt = now;
        this.lastError = null;
        return;
      case 'refused':
        this.status = 'failed';
        this.lastError = outcome.error;
        return;
      case 'retryable':
        this.status = 'pending';
        this.lastError = outcome.error;
        this.nextAttemptAt = new Date(now.getTime() + retryDelay(this.attempts, retryBaseMs, random));
    }
  }

  /** An admin sends a failed delivery round again (after the case system was fixed). */
  retry(now: Date): boolean {
    if (this.status !== 'failed') return false;
    this.status = 'pending';
    this.nextAttemptAt = now;
    this.updatedAt = now;
    return true;
  }
}

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))]. */
export function retryDelay(attempts: number, baseMs: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.floor(random * ceiling);
}
