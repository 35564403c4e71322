import { Injectable } from '@nestjs/common';
import { AccountIdentity, AccountProfile, Role } from '../domain/account';
import { UnauthenticatedError } from '../domain/identity-errors';
import { Address } from '../domain/registration';
import { Session } from '../domain/session';
import type { Language } from '../../shared/i18n/language';
import { AccountRepository, AccountWorkGroups } from './identity.ports';

export interface AccountView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  organisation: string;
  phone: string | null;
  address: Address;
  roles: Role[];
  preferredLanguage: Language;
  workGroups: { id: string; key: string; name: string }[];
}

export interface SessionView {
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  idleTimeoutSeconds: number;
}

/** The API's `account` and `session` shapes (API.md Identity). */
@Injectable()
export class AccountViews {
  constructor(
    private readonly workGroups: AccountWorkGroups,
    private readonly accounts: AccountRepository,
  ) {}

  /**
   * The signed-in account in full: the session check reads only its identity, so the routes that
   * show the rest (`/me`, `/auth/session`) read it here.
   */
  async current(identity: AccountIdentity): Promise<AccountView> {
    const account = await this.accounts.findProfile(identity.id);
    // Accounts are never deleted today; were one gone since the session check, its session is no good.
    if (!account) throw new UnauthenticatedError();
    return this.account(account);
  }

  async account(account: AccountProfile): Promise<AccountView> {
    return {
      id: account.id,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
      jobTitle: account.jobTitle,
      organisation: account.organisation,
      phone: account.phone,
      address: account.address,
      roles: account.roles,
      preferredLanguage: account.preferredLanguage,
      workGroups: await this.workGroups.forAccount(account.id),
    };
  }

  session(session: Session): SessionView {
    return {
      idleExpiresAt: session.idleExpiresAt().toISOString(),
      absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      idleTimeoutSeconds: 1800,
    };
  }
}
