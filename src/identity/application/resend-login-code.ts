import { Injectable } from '@nestjs/common';
import { PortalConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { calendarDate } from '../../shared/dates';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { Notifier } from '../../notifications';
import { ChallengeGoneError } from '../domain/identity-errors';
import { AccountRepository, ChallengeRepository } from './identity.ports';

@Injectable()
export class ResendLoginCode {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async execute(challengeId: string): Promise<void> {
    await this.uow.run(async () => {
      const now = this.clock.now();
      const challenge = await this.challenges.findLoginChallenge(challengeId, { forUpdate: true });
      if (!challenge) return;
      if (challenge.usedAt || challenge.attempts >= 5) throw new ChallengeGoneError('challenge_expired');
      const account = await this.accounts.findById(challenge.accountId);
      if (!account || account.disabled) throw new ChallengeGoneError('challenge_expired');
      const code = challenge.resend(now, !account.codesBlocked(calendarDate(now, this.config.portalTimezone)));
      if (code) await this.notifier.sendIn(account.preferredLanguage, account.email, 'verificationCode', code);
    });
  }
}
