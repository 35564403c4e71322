import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { PortalConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { calendarDate } from '../../shared/dates';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Notifier } from '../../notifications';
import { looksLikeEmail } from '../domain/email-address';
import { InvalidCredentialsError } from '../domain/identity-errors';
import { LoginChallenge } from '../domain/login-challenge';
import { AccountRepository, ChallengeRepository, PasswordHasher } from './identity.ports';

/**
 * Every refusal takes at least this long. Both paths hash a password, but a known address then
 * locks its row, counts the failure and writes an audit entry (about 8 ms more, enough to tell
 * registered addresses from unknown ones over a few dozen tries); the floor sits above both.
 */
export const FAILED_LOGIN_MIN_MS = 300;

/** An id no account has: the unknown path locks "its" row like the known path does. */
const NO_ACCOUNT = '00000000-0000-7000-8000-000000000000';

/**
 * Step one of signing in: email and password. Unknown email, wrong password, disabled and locked
 * accounts all get the same 401, at the same cost: a hash is always computed, a row lookup in a
 * transaction always made, and no refusal answers before FAILED_LOGIN_MIN_MS.
 */
@Injectable()
export class StartLogin {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly hasher: PasswordHasher,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(rawEmail: string, password: string): Promise<{ challengeId: string; expiresAt: string }> {
    const started = performance.now();
    try {
      return await this.attempt(rawEmail, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        const wait = started + FAILED_LOGIN_MIN_MS - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      throw error;
    }
  }

  private async attempt(rawEmail: string, password: string): Promise<{ challengeId: string; expiresAt: string }> {
    const email = rawEmail.trim().toLowerCase();
    const account = looksLikeEmail(email) ? await this.uow.run(() => this.accounts.findByEmail(email)) : null;
    if (!account) {
      await this.hasher.burn(password);
      await this.uow.run(() => this.accounts.findById(NO_ACCOUNT, { forUpdate: true }));
      throw new InvalidCredentialsError();
    }
    const passwordOk = await this.hasher.verify(account.passwordHash, password);

    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const fresh = await this.accounts.findById(account.id, { forUpdate: true });
      if (!fresh) return null;
      if (fresh.disabled) return null;
      if (fresh.isLocked(now)) {
        await this.audit.record({
          actor: { type: 'account', id: fresh.id },
          action: 'account.login_failed',
          accountId: fresh.id,
        });
        return null;
      }
      if (!passwordOk) {
        const locked = fresh.recordFailedLogin(now);
        fresh.touch(now);
        await this.audit.record({
          actor: { type: 'account', id: fresh.id },
          action: 'account.login_failed',
          accountId: fresh.id,
        });
        if (locked) {
          await this.audit.record({ actor: { type: 'system' }, action: 'account.locked', accountId: fresh.id });
          if (fresh.shouldSendLockNotice(now)) {
            // An instant: the email shows it in the reader's language and the portal's time zone.
            await this.notifier.send(fresh.email, 'accountLocked', fresh.lockedUntil!.toISOString());
          }
        }
        return null;
      }
      fresh.recordSuccessfulPassword();
      const today = calendarDate(now, this.config.portalTimezone);
      const { challenge, code } = LoginChallenge.start(newId(), fresh.id, now, !fresh.codesBlocked(today));
      this.challenges.add(challenge);
      if (code) await this.notifier.sendIn(fresh.preferredLanguage, fresh.email, 'verificationCode', code);
      return { challengeId: challenge.id, expiresAt: challenge.expiresAt().toISOString() };
    });
    if (!outcome) throw new InvalidCredentialsError();
    return outcome;
  }
}
