import { addMs, MINUTE_MS } from '../../shared/clock/clock';
import { ResendTooSoonError } from './identity-errors';
import { codeMatches, hashCode, newVerificationCode } from './verification-code';

export const CODE_VALIDITY_MS = 10 * MINUTE_MS;
export const MAX_CODE_ATTEMPTS = 5;
export const RESEND_INTERVAL_MS = MINUTE_MS;
export const MAX_RESENDS = 3;

export type CodeCheck = 'ok' | 'wrong' | 'dead';

/**
 * What registrations, login challenges and password resets share: an emailed 8-digit code that
 * lives 10 minutes, dies after 5 wrong tries, is used once, and can be re-sent (at most once a
 * minute, three times; wrong-code strikes carry over).
 */
export abstract class CodeChallenge {
  id!: string;
  codeHash!: string | null;
  codeSentAt!: Date;
  attempts = 0;
  resendCount = 0;
  usedAt: Date | null = null;
  createdAt!: Date;

  /** Issues a fresh code (the old one dies) and returns it for the email. */
  protected issueCode(now: Date, decoy: boolean): string | null {
    this.codeSentAt = now;
    if (decoy) {
      this.codeHash = null;
      return null;
    }
    const code = newVerificationCode();
    this.codeHash = hashCode(this.id, code);
    return code;
  }

  expiresAt(): Date {
    return addMs(this.codeSentAt, CODE_VALIDITY_MS);
  }

  isDead(now: Date): boolean {
    return this.usedAt !== null || this.attempts >= MAX_CODE_ATTEMPTS || now >= this.expiresAt();
  }

  /** Checks a code; a wrong one costs a strike. A decoy (no hash) never matches. */
  check(code: string, now: Date): CodeCheck {
    if (this.isDead(now)) return 'dead';
    if (!codeMatches(this.id, code, this.codeHash)) {
      this.attempts += 1;
      return 'wrong';
    }
    return 'ok';
  }

  markUsed(now: Date): void {
    this.usedAt = now;
  }

  /** Enforces the resend limits; the caller then issues a new code. */
  assertCanResend(now: Date): void {
    if (this.resendCount >= MAX_RESENDS) throw new ResendTooSoonError(null);
    const wait = this.codeSentAt.getTime() + RESEND_INTERVAL_MS - now.getTime();
    if (wait > 0) throw new ResendTooSoonError(Math.ceil(wait / 1000));
  }

  protected markResent(): void {
    this.resendCount += 1;
  }
}
