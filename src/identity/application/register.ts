import { Injectable } from '@nestjs/common';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Notifier } from '../../notifications/application/notifier';
import { normaliseEmail } from '../domain/email-address';
import { ProfessionalCapacityRequiredError } from '../domain/identity-errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import { cleanProfile } from '../domain/profile';
import { ProfileDetails, Registration } from '../domain/registration';
import { AccountRepository, ChallengeRepository, PasswordHasher } from './identity.ports';

export interface RegisterInput {
  firstName: string;
  lastName: string;
  jobTitle?: string | null;
  organisation: string;
  phone?: string | null;
  address: { line1: string; line2?: string | null; town: string; postcode: string };
  professionalCapacity: boolean;
  email: string;
  password: string;
}

/**
 * Starts a registration and emails a code. The answer is the same whether or not the address
 * already has an account (then its owner is told instead), so registering reveals nothing.
 */
@Injectable()
export class Register {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly hasher: PasswordHasher,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
  ) {}

  async execute(input: RegisterInput): Promise<{ registrationId: string; expiresAt: string }> {
    if (input.professionalCapacity !== true) throw new ProfessionalCapacityRequiredError();
    const email = normaliseEmail(input.email);
    const details = cleanProfile(input, true) as ProfileDetails;
    assertAcceptablePassword(input.password, email);
    // Hash before looking the address up: both paths cost the same.
    const passwordHash = await this.hasher.hash(input.password);

    return this.uow.run(async () => {
      const now = this.clock.now();
      const id = newId();
      const existing = await this.accounts.findByEmail(email);
      if (existing) {
        const decoy = Registration.decoy(id, email, now);
        this.challenges.add(decoy);
        if (existing.shouldSendAlreadyRegisteredNotice(now)) await this.notifier.send(email, 'alreadyRegistered');
        return { registrationId: id, expiresAt: decoy.expiresAt().toISOString() };
      }
      const { registration, code } = Registration.start(id, email, details, passwordHash, now);
      this.challenges.add(registration);
      await this.notifier.send(email, 'verificationCode', code);
      return { registrationId: id, expiresAt: registration.expiresAt().toISOString() };
    });
  }
}
