import { HOUR_MS } from '../clock/clock';

/**
 * The retry rule every outbox to the case system shares (contributions, task events, messages):
 * exponential backoff with full jitter, never waiting more than an hour.
 */
export const MAX_RETRY_DELAY_MS = HOUR_MS;

export type AttemptOutcome =
  | { kind: 'accepted'; receiptId: string }
  /** 5xx, 429, timeouts, connection failures, unreadable answers: try again later. */
  | { kind: 'retryable'; error: string }
  /** Any other 4xx: the case system refuses this item; an admin must look. */
  | { kind: 'refused'; error: string };

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt-1))]. */
export function retryDelay(attempts: number, baseMs: number, random: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.floor(random * ceiling);
}
