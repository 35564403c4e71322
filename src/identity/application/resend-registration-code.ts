import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { Notifier } from '../../notifications';
import { ChallengeGoneError } from '../domain/identity-errors';
import { ChallengeRepository } from './identity.ports';

@Injectable()
export class ResendRegistrationCode {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly challenges: ChallengeRepository,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  async execute(registrationId: string): Promise<void> {
    await this.uow.run(async () => {
      const now = this.clock.now();
      // Made-up ids answer like real ones: they get a decoy that counts resends (429 alike).
      const registration = await this.challenges.findRegistrationOrDecoy(registrationId, now);
      if (!registration) return;
      if (registration.usedAt || registration.attempts >= 5) throw new ChallengeGoneError('registration_expired');
      const code = registration.resend(now);
      if (code) await this.notifier.sendIn(registration.language(), registration.email, 'verificationCode', code);
    });
  }
}
