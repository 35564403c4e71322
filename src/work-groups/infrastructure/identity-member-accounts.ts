import { Injectable } from '@nestjs/common';
import { AccountLookup } from '../../identity';
import { MemberAccount, MemberAccounts } from '../application/work-group.ports';

/** Accounts by email, asked of identity's published query (identity owns the `accounts` table). */
@Injectable()
export class IdentityMemberAccounts extends MemberAccounts {
  constructor(private readonly accounts: AccountLookup) {
    super();
  }

  async findIdByEmail(email: string): Promise<string | null> {
    return (await this.accounts.byEmail(email))?.id ?? null;
  }

  describe(ids: string[]): Promise<Map<string, MemberAccount>> {
    return this.accounts.byIds(ids);
  }
}
