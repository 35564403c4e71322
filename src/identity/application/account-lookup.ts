import { Injectable } from '@nestjs/common';
import { Account } from '../domain/account';
import { AccountRepository } from './identity.ports';
import type { Language } from '../../shared/i18n/language';

/** What another context may know of an account: who it is and whether it can still act. */
export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  firstName: string;
  lastName: string;
  disabled: boolean;
  organisation: string;
  /** What to write to this person in (emails), issue 23. */
  language: Language;
}

/**
 * Identity's published read query over accounts, for the contexts that address people by email
 * (delegation, reassignment, work-group membership). Runs in the caller's unit of work.
 */
@Injectable()
export class AccountLookup {
  constructor(private readonly accounts: AccountRepository) {}

  async byEmail(email: string): Promise<AccountSummary | null> {
    return summaryOf(await this.accounts.findByEmail(email));
  }

  async byId(id: string): Promise<AccountSummary | null> {
    return summaryOf(await this.accounts.findById(id));
  }

  /**
   * The language the account with this address reads email in (null: no account has it). Given to
   * notifications as the answer to `RecipientLanguages` (IdentityModule).
   */
  languageOf(email: string): Promise<Language | null> {
    return this.accounts.languageOf(email);
  }

  /** The accounts among `ids` that exist, by id. */
  async byIds(ids: string[]): Promise<Map<string, AccountSummary>> {
    const found = await this.accounts.findByIds([...new Set(ids)]);
    return new Map(found.map((a) => [a.id, summaryOf(a)!]));
  }
}

function summaryOf(account: Account | null): AccountSummary | null {
  return account
    ? {
        id: account.id,
        email: account.email,
        name: account.fullName(),
        firstName: account.firstName,
        lastName: account.lastName,
        disabled: account.disabled,
        organisation: account.organisation,
        language: account.preferredLanguage,
      }
    : null;
}
