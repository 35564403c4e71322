import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { NotFoundError } from '../../shared/errors/domain-error';
import { Account } from '../domain/account';
import { cleanProfile } from '../domain/profile';
import { AccountRepository } from './identity.ports';

export interface MyDetailsInput {
  firstName?: string;
  lastName?: string;
  jobTitle?: string | null;
  organisation?: string;
  phone?: string | null;
  address?: { line1: string; line2?: string | null; town: string; postcode: string };
}

/** A professional keeps their own details up to date. The email changes only through the helpdesk. */
@Injectable()
export class UpdateMyDetails {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(accountId: string, input: MyDetailsInput): Promise<Account> {
    const changes = cleanProfile(input, false);
    return this.uow.run(async () => {
      const account = await this.accounts.findById(accountId, { forUpdate: true });
      if (!account) throw new NotFoundError();
      if (Object.keys(changes).length === 0) return account;
      account.applyProfile(changes);
      account.touch(this.clock.now());
      await this.audit.record({ actor: { type: 'account', id: accountId }, action: 'account.updated', accountId });
      return account;
    });
  }
}
