import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { newId } from '../../shared/ids';
import { Account } from '../domain/account';
import { looksLikeEmail, normaliseEmail } from '../domain/email-address';
import { ProfileDetails } from '../domain/registration';
import { AccountRepository, PasswordHasher } from './identity.ports';

export interface ProvisionedAccount {
  email: string;
  password: string;
  details: ProfileDetails;
  admin?: boolean;
}

export type GrantAdminResult = 'granted' | 'already_admin' | 'no_account';

/**
 * Accounts made by the operator rather than by registration: the demo data's accounts, and the
 * `admin` role granted from the command line (`npm run cli -- grant-admin <email>`).
 */
@Injectable()
export class ProvisionAccounts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async exists(email: string): Promise<boolean> {
    return (await this.uow.run(() => this.accounts.findByEmail(normaliseEmail(email)))) !== null;
  }

  /** Creates the accounts in one transaction; returns their ids in the same order. */
  async create(wanted: ProvisionedAccount[]): Promise<string[]> {
    const now = this.clock.now();
    const made: Account[] = [];
    const hashes = new Map<string, string>(); // one hash per password: argon2 is slow on purpose
    for (const w of wanted) {
      if (!hashes.has(w.password)) hashes.set(w.password, await this.hasher.hash(w.password));
      const account = Account.register(newId(), normaliseEmail(w.email), hashes.get(w.password)!, w.details, now);
      if (w.admin) account.roles = ['professional', 'admin'];
      made.push(account);
    }
    await this.uow.run(async () => {
      for (const account of made) this.accounts.add(account);
    });
    return made.map((a) => a.id);
  }

  /** Gives an existing account the `admin` role, with an audit entry (actor: system). */
  async grantAdmin(email: string): Promise<GrantAdminResult> {
    if (!looksLikeEmail(email)) return 'no_account';
    return this.uow.run(async () => {
      const found = await this.accounts.findByEmail(normaliseEmail(email));
      if (!found) return 'no_account';
      const account = await this.accounts.findById(found.id, { forUpdate: true });
      if (!account) return 'no_account';
      if (account.isAdmin()) return 'already_admin';
      const roles = [...account.roles];
      account.roles = [...roles, 'admin'];
      account.touch(this.clock.now());
      await this.audit.record({ actor: { type: 'system' }, action: 'account.updated', accountId: account.id, from: { roles }, to: { roles: account.roles } });
      return 'granted';
    });
  }
}
