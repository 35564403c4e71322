import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { NotFoundError } from '../../shared/errors/domain-error';
import { Account } from '../domain/account';
import { cleanProfile } from '../domain/profile';
import { AccountRepository } from './identity.ports';
import type { Language } from '../../shared/i18n/language';

export interface MyDetailsInput {
  firstName?: string;
  lastName?: string;
  jobTitle?: string | null;
  organisation?: string;
  phone?: string | null;
  address?: { line1: string; line2?: string | null; town: string; postcode: string };
  preferredLanguage?: Language;
}

/** A professional keeps their own details up to date. The email changes only through the helpdesk. */
@Injectable()
export class UpdateMyDetails {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: MyDetailsInput): Promise<Account> {
    const { preferredLanguage, ...profile } = input;
    const changes = cleanProfile(profile, false);
    return this.uow.run(async () => {
      const account = await this.accounts.findById(accountId, { forUpdate: true });
      if (!account) throw new NotFoundError();
      const newLanguage = preferredLanguage !== undefined && preferredLanguage !== account.preferredLanguage;
      if (Object.keys(changes).length === 0 && !newLanguage) return account;
      if (newLanguage) account.choosePreferredLanguage(preferredLanguage);
      account.applyProfile(changes);
      account.touch(this.clock.now());
      await this.audit.record({ actor: { type: 'account', id: accountId }, action: 'account.updated', accountId });
      return account;
    });
  }
}
