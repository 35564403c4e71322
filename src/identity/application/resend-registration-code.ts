import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { Notifier } from '../../notifications/application/notifier';
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
      const registration = await this.challenges.findRegistration(registrationId, { forUpdate: true });
      if (!registration) return; // made-up ids answer like real ones
      if (registration.usedAt || registration.attempts >= 5) throw new ChallengeGoneError('registration_expired');
      const code = registration.resend(now);
      if (code) await this.notifier.send(registration.email, 'verificationCode', code);
    });
  }
}
