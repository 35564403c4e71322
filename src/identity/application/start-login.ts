import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock/clock';
import { calendarDate, formatEmailDateTime } from '../../shared/dates';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Notifier } from '../../notifications/application/notifier';
import { looksLikeEmail } from '../domain/email-address';
import { InvalidCredentialsError } from '../domain/identity-errors';
import { LoginChallenge } from '../domain/login-challenge';
import { AccountRepository, ChallengeRepository, PasswordHasher } from './identity.ports';

/**
 * Step one of signing in: email and password. Unknown email, wrong password, disabled and locked
 * accounts all get the same 401, at the same cost (a hash is always computed).
 */
@Injectable()
export class StartLogin {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly hasher: PasswordHasher,
    private readonly notifier: Notifier,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(rawEmail: string, password: string): Promise<{ challengeId: string; expiresAt: string }> {
    const email = rawEmail.trim().toLowerCase();
    const account = looksLikeEmail(email) ? await this.uow.run(() => this.accounts.findByEmail(email)) : null;
    if (!account) {
      await this.hasher.burn(password);
      throw new InvalidCredentialsError();
    }
    const passwordOk = await this.hasher.verify(account.passwordHash, password);

    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      const fresh = await this.accounts.findById(account.id, { forUpdate: true });
      if (!fresh) return null;
      if (fresh.disabled) return null;
      if (fresh.isLocked(now)) {
        await this.audit.record({ actor: { type: 'account', id: fresh.id }, action: 'account.login_failed', accountId: fresh.id });
        return null;
      }
      if (!passwordOk) {
        const locked = fresh.recordFailedLogin(now);
        fresh.touch(now);
        await this.audit.record({ actor: { type: 'account', id: fresh.id }, action: 'account.login_failed', accountId: fresh.id });
        if (locked) {
          await this.audit.record({ actor: { type: 'system' }, action: 'account.locked', accountId: fresh.id });
          if (fresh.shouldSendLockNotice(now)) {
            await this.notifier.send(fresh.email, 'accountLocked', formatEmailDateTime(fresh.lockedUntil!, this.config.portalTimezone));
          }
        }
        return null;
      }
      fresh.recordSuccessfulPassword();
      const today = calendarDate(now, this.config.portalTimezone);
      const { challenge, code } = LoginChallenge.start(newId(), fresh.id, now, !fresh.codesBlocked(today));
      this.challenges.add(challenge);
      if (code) await this.notifier.send(fresh.email, 'verificationCode', code);
      return { challengeId: challenge.id, expiresAt: challenge.expiresAt().toISOString() };
    });
    if (!outcome) throw new InvalidCredentialsError();
    return outcome;
  }
}
