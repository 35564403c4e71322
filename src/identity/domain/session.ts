import { addMs, HOUR_MS, MINUTE_MS } from '../../shared/clock/clock';

export const IDLE_TIMEOUT_MS = 30 * MINUTE_MS;
export const ABSOLUTE_LIFETIME_MS = 12 * HOUR_MS;
/**
 * Activity is written at most this often, so an active session does not cost a database write per
 * request. The idle deadline is therefore precise to within this interval.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = MINUTE_MS;

export type SessionState = 'active' | 'idle_expired' | 'absolute_expired' | 'ended';

/** A signed-in browser. Only a hash of its token is stored. */
export class Session {
  id!: string;
  tokenHash!: string;
  accountId!: string;
  createdAt!: Date;
  lastSeenAt!: Date;
  absoluteExpiresAt!: Date;
  endedAt: Date | null = null;

  static open(id: string, tokenHash: string, accountId: string, now: Date): Session {
    const s = new Session();
    s.id = id;
    s.tokenHash = tokenHash;
    s.accountId = accountId;
    s.createdAt = now;
    s.lastSeenAt = now;
    s.absoluteExpiresAt = addMs(now, ABSOLUTE_LIFETIME_MS);
    return s;
  }

  state(now: Date): SessionState {
    if (this.endedAt) return 'ended';
    if (now >= this.absoluteExpiresAt) return 'absolute_expired';
    if (now.getTime() - this.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return 'idle_expired';
    return 'active';
  }

  idleExpiresAt(): Date {
    const idle = addMs(this.lastSeenAt, IDLE_TIMEOUT_MS);
    return idle < this.absoluteExpiresAt ? idle : this.absoluteExpiresAt;
  }

  /** True when the activity is worth writing down. */
  needsActivityWrite(now: Date): boolean {
    return now.getTime() - this.lastSeenAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS;
  }
}
