import { recordAttempt, retryRefused } from '../../shared/outbox/attempt-state';
import type { AttemptOutcome } from '../../shared/outbox/retry-policy';
import type { TaskEventType } from '../../shared/outbox/task-event-types';

export type OutboundStatus = 'pending' | 'delivered' | 'failed';
/** task_event → POST /task-events · message → POST /messages. */
export type OutboundKind = 'task_event' | 'message';

/**
 * One task event or one message on its way to the case system: the same state machine as a
 * contribution's delivery (at least once, its id as Idempotency-Key, retries with the shared backoff,
 * a refusal left for an admin). Items of one task go in `taskSequence` order: a pending item holds
 * back the later ones of its task (see the claim), a refused one does not.
 */
export class OutboundItem {
  id!: string;
  taskId!: string;
  taskSequence!: number;
  kind!: OutboundKind;
  eventType: TaskEventType | null = null;
  status: OutboundStatus = 'pending';
  attempts = 0;
  nextAttemptAt!: Date;
  leaseUntil: Date | null = null;
  lastError: string | null = null;
  deliveredAt: Date | null = null;
  updatedAt!: Date;

  /** Applies an attempt's outcome; `random` is in [0, 1) (injected so tests can pin it). */
  record(outcome: AttemptOutcome, now: Date, retryBaseMs: number, random: number): void {
    recordAttempt(this, outcome, now, retryBaseMs, random);
  }

  /** An admin sends a refused item round again (after the case system was fixed). */
  retry(now: Date): boolean {
    return retryRefused(this, now);
  }
}
