import { Injectable } from '@nestjs/common';
import { Clock, HOUR_MS } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Notifier } from '../../notifications';
import type { Language } from '../../shared/i18n/language';
import { normaliseEmail } from '../domain/email-address';
import { ProfessionalCapacityRequiredError } from '../domain/identity-errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import { cleanProfile } from '../domain/profile';
import { ProfileDetails, Registration } from '../domain/registration';
import { AccountRepository, ChallengeRepository, PasswordHasher } from './identity.ports';

/** Code emails to one unregistered address per hour (each registration may resend 3 more). */
export const REGISTRATION_EMAILS_PER_HOUR = 3;

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
  /** The language the person registers in (issue 23): their code email's and, later, their account's. */
  language?: Language;
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
      // As resends are capped, so are codes to one address: registering it over and over must not
      // flood its inbox. Past the cap the answer is the same, the registration a decoy.
      const recent = await this.challenges.countRegistrationEmailsSince(email, new Date(now.getTime() - HOUR_MS));
      if (recent >= REGISTRATION_EMAILS_PER_HOUR) {
        const decoy = Registration.decoy(id, email, now);
        this.challenges.add(decoy);
        return { registrationId: id, expiresAt: decoy.expiresAt().toISOString() };
      }
      const language = input.language ?? 'en';
      const { registration, code } = Registration.start(id, email, details, passwordHash, now, language);
      this.challenges.add(registration);
      await this.notifier.sendIn(language, email, 'verificationCode', code);
      return { registrationId: id, expiresAt: registration.expiresAt().toISOString() };
    });
  }
}
