import { AttemptOutcome, retryDelay } from './retry-policy';

/** What every item on its way to the case system keeps of its attempts (deliveries, task events, messages). */
export interface AttemptState {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  updatedAt: Date;
}

/**
 * One state machine for every outbox, so they cannot drift apart: accepted is final, refused waits
 * for an admin, retryable comes round again after the shared backoff. `random` is in [0, 1).
 */
export function recordAttempt(item: AttemptState, outcome: AttemptOutcome, now: Date, retryBaseMs: number, random: number): void {
  item.leaseUntil = null;
  item.updatedAt = now;
  switch (outcome.kind) {
    case 'accepted':
      item.status = 'delivered';
      item.deliveredAt = now;
      item.lastError = null;
      return;
    case 'refused':
      item.status = 'failed';
      item.lastError = outcome.error;
      return;
    case 'retryable':
      item.status = 'pending';
      item.lastError = outcome.error;
      item.nextAttemptAt = new Date(now.getTime() + retryDelay(item.attempts, retryBaseMs, random));
  }
}

/** An admin sends a refused item round again (after the case system was fixed); false if it was not refused. */
export function retryRefused(item: AttemptState, now: Date): boolean {
  if (item.status !== 'failed') return false;
  item.status = 'pending';
  item.nextAttemptAt = now;
  item.updatedAt = now;
  return true;
}
