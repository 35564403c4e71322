import { recordAttempt, retryRefused } from '../../shared/outbox/attempt-state';
import type { AttemptOutcome } from '../../shared/outbox/retry-policy';

// The retry rule is shared with the task-event and message outbox (src/case-system-outbox).
export { MAX_RETRY_DELAY_MS, retryDelay, type AttemptOutcome } from '../../shared/outbox/retry-policy';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * Claims in a row that found the previous attempt unfinished (its instance died while sending) before
 * a delivery is parked as failed: one crash can be a deploy, three in a row is this contribution.
 */
export const MAX_INTERRUPTED_ATTEMPTS = 3;

export function interruptedTooOften(times: number): string {
  return (
    `not sent: ${times} attempts in a row ended without an outcome (the instance sending it stopped: ` +
    'out of memory, killed or restarted). Parked so it cannot take instances down again; check the logs ' +
    'around the attempts, then retry.'
  );
}

/**
 * Getting one submission to the case system, at least once; the submission id as Idempotency-Key
 * makes it effectively exactly once.
 */
export class Delivery {
  submissionId!: string;
  status: DeliveryStatus = 'pending';
  attempts = 0;
  /** Consecutive attempts that never recorded an outcome (counted when the next claim finds the lease). */
  interruptedAttempts = 0;
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
    recordAttempt(this, outcome, now, retryBaseMs, random);
    this.interruptedAttempts = 0;
    if (outcome.kind === 'accepted') this.receiptId = outcome.receiptId;
  }

  /** An admin sends a failed delivery round again (after the case system was fixed). */
  retry(now: Date): boolean {
    if (!retryRefused(this, now)) return false;
    this.interruptedAttempts = 0;
    return true;
  }
}
