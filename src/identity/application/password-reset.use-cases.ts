import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { PortalConfig } from '../../config/config-slices';
import { Clock, HOUR_MS } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Notifier } from '../../notifications';
import { looksLikeEmail } from '../domain/email-address';
import { ChallengeGoneError, InvalidCodeError, InvalidResetTokenError } from '../domain/identity-errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import { PasswordReset } from '../domain/password-reset';
import { AccountRepository, ChallengeRepository, PasswordHasher, SessionRepository } from './identity.ports';

/** At most this many reset emails an hour per account, so the form cannot be used to flood someone. */
const RESET_EMAILS_PER_HOUR = 5;
/**
 * And at most this many of them for requests from one client address: a stranger at one address
 * cannot spend the owner's hourly allowance and keep the owner's own reset from sending a code.
 */
const RESET_EMAILS_PER_HOUR_PER_ADDRESS = 2;

/** Forgotten password, step one: always the same 202; the code goes only to a real account. */
@Injectable()
export class RequestPasswordReset {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(rawEmail: string, clientAddress = ''): Promise<{ resetId: string; expiresAt: string }> {
    const email = rawEmail.trim().toLowerCase();
    const requestedFromHash = createHash('sha256').update(`reset-requester:${clientAddress}`).digest('base64url');
    return this.uow.run(async () => {
      const now = this.clock.now();
      const account = looksLikeEmail(email) ? await this.accounts.findByEmail(email) : null;
      let mayEmail = false;
      if (account && !account.disabled) {
        // Not the account's daily wrong-code block: anyone can start a reset for a known address, so
        // that block must never close the owner's way back in (it counts only login codes, which
        // need the password). Resets are bounded by these emails and by 5 tries per code.
        const hourAgo = new Date(now.getTime() - HOUR_MS);
        mayEmail =
          (await this.challenges.countResetEmailsSince(account.id, hourAgo)) < RESET_EMAILS_PER_HOUR &&
          (await this.challenges.countResetEmailsSince(account.id, hourAgo, requestedFromHash)) < RESET_EMAILS_PER_HOUR_PER_ADDRESS;
      }
      const { reset, code } = PasswordReset.start(newId(), account?.id ?? null, now, mayEmail);
      reset.requestedFromHash = requestedFromHash;
      this.challenges.add(reset);
      if (code && account) await this.notifier.sendIn(account.preferredLanguage, account.email, 'verificationCode', code);
      return { resetId: reset.id, expiresAt: reset.expiresAt().toISOString() };
    });
  }
}

@Injectable()
export class VerifyPasswordReset {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly challenges: ChallengeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(resetId: string, code: string): Promise<{ resetToken: string }> {
    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const reset = await this.challenges.findPasswordReset(resetId, { forUpdate: true });
      if (!reset) return 'wrong' as const;
      // Wrong codes cost this reset's tries (5), never the account's daily allowance: whoever types
      // them may be a stranger who only knows the address (assessment II, finding 2).
      const check = reset.check(code, now);
      if (check !== 'ok') return check;
      return { resetToken: reset.verify(now) };
    });
    if (outcome === 'wrong') throw new InvalidCodeError();
    if (outcome === 'dead') throw new ChallengeGoneError('reset_expired');
    return outcome;
  }
}

/** Sets the new password and ends every session of the account. Does not sign in. */
@Injectable()
export class CompletePasswordReset {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(resetId: string, resetToken: string, newPassword: string): Promise<void> {
    const reset = await this.uow.run(() => this.challenges.findPasswordReset(resetId));
    const account = reset?.accountId ? await this.uow.run(() => this.accounts.findById(reset.accountId!)) : null;
    if (!reset || !account) throw new InvalidResetTokenError();
    const state = reset.canComplete(resetToken, this.clock.now());
    if (state === 'expired') throw new ChallengeGoneError('reset_expired');
    if (state === 'wrong') throw new InvalidResetTokenError();
    assertAcceptablePassword(newPassword, account.email);
    const passwordHash = await this.hasher.hash(newPassword);

    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const locked = await this.challenges.findPasswordReset(resetId, { forUpdate: true });
      const target = await this.accounts.findById(account.id, { forUpdate: true });
      if (!locked || !target || locked.canComplete(resetToken, now) !== 'ok') return 'expired' as const;
      locked.markUsed(now);
      target.changePassword(passwordHash, now);
      await this.sessions.endAllForAccount(target.id, now);
      await this.audit.record({ actor: { type: 'account', id: target.id }, action: 'account.password_reset', accountId: target.id });
      return 'done' as const;
    });
    if (outcome === 'expired') throw new ChallengeGoneError('reset_expired');
  }
}
