import { addMs } from '../../shared/clock/clock';
import { CODE_VALIDITY_MS, CodeChallenge } from './code-challenge';
import { hashToken, newSecretToken, tokenMatches } from './verification-code';

/**
 * Forgotten password: email → code → a short-lived reset token → new password.
 * For an unknown email the reset is a decoy (no account, no code) that answers like a real one.
 */
export class PasswordReset extends CodeChallenge {
  accountId!: string | null;
  verifiedAt: Date | null = null;
  resetTokenHash: string | null = null;
  /** A hash of the client address that asked (caps reset emails per address). */
  requestedFromHash: string | null = null;

  static start(id: string, accountId: string | null, now: Date, sendCode: boolean): { reset: PasswordReset; code: string | null } {
    const r = new PasswordReset();
    r.id = id;
    r.accountId = accountId;
    r.createdAt = now;
    const code = r.issueCode(now, !(accountId && sendCode));
    return { reset: r, code };
  }

  /** After the right code: a token that allows one password change within 10 minutes. */
  verify(now: Date): string {
    this.verifiedAt = now;
    const token = newSecretToken();
    this.resetTokenHash = hashToken(token);
    return token;
  }

  /** A verified reset is spent as far as codes go; only `complete` may follow. */
  override isDead(now: Date): boolean {
    return this.verifiedAt !== null || super.isDead(now);
  }

  canComplete(token: string, now: Date): 'ok' | 'expired' | 'wrong' {
    if (this.usedAt || !this.verifiedAt || now >= addMs(this.verifiedAt, CODE_VALIDITY_MS)) return 'expired';
    return tokenMatches(token, this.resetTokenHash) ? 'ok' : 'wrong';
  }
}
