import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DomainEvents } from '../../shared/events/domain-events';
import { newId } from '../../shared/ids';
import { Account } from '../domain/account';
import { AccountRegistered } from '../domain/identity-events';
import { ChallengeGoneError, InvalidCodeError } from '../domain/identity-errors';
import { AccountRepository, ChallengeRepository } from './identity.ports';

/** The right code turns a registration into an account; tasks and memberships waiting for that email follow. */
@Injectable()
export class VerifyRegistration {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly challenges: ChallengeRepository,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async execute(registrationId: string, code: string): Promise<{ accountId: string; email: string }> {
    const outcome = await this.uow.run(async () => {
      const now = this.clock.now();
      // A made-up id answers like a real registration given a wrong code, 410 after five of them.
      const registration = await this.challenges.findRegistrationOrDecoy(registrationId, now);
      if (!registration) return 'wrong' as const;
      const check = registration.check(code, now);
      if (check !== 'ok') return check;
      registration.markUsed(now);
      // Another registration of the same address may be verified at this very moment.
      await this.accounts.lockEmail(registration.email);
      if (!registration.details || !registration.passwordHash || (await this.accounts.findByEmail(registration.email))) {
        return 'dead' as const;
      }
      const account = Account.register(newId(), registration.email, registration.passwordHash, registration.details, now);
      this.accounts.add(account);
      await this.accounts.flush();
      await this.audit.record({ actor: { type: 'account', id: account.id }, action: 'account.registered', accountId: account.id });
      await this.events.publish<AccountRegistered>({ type: 'account.registered', accountId: account.id, email: account.email });
      return { accountId: account.id, email: account.email };
    });
    if (outcome === 'wrong') throw new InvalidCodeError();
    if (outcome === 'dead') throw new ChallengeGoneError('registration_expired');
    return outcome;
  }
}
