import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../audit';
import { PortalConfig } from '../../config/config-slices';
import { calendarDate } from '../../shared/dates';
import { Clock } from '../../shared/clock/clock';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { DomainError, NotFoundError } from '../../shared/errors/domain-error';
import { DomainEvents } from '../../shared/events/domain-events';
import { Notifier } from '../../notifications';
import { Account } from '../domain/account';
import { normaliseEmail } from '../domain/email-address';
import { AccountDisabled, AccountEmailChanged } from '../domain/identity-events';
import { cleanProfile } from '../domain/profile';
import { AccountRepository, SessionRepository } from './identity.ports';

export class EmailInUseError extends DomainError {
  constructor() {
    super('email_in_use', 'conflict', 'Another account already uses this email address');
  }
}

export interface AdminAccountChanges {
  email?: string;
  organisation?: string;
  disabled?: boolean;
  /** Lift a lockout and the day's wrong-code block (audited). */
  clearSignInBlocks?: boolean;
}

/**
 * The helpdesk's changes to an account: a new work email (the old address is told, sessions end,
 * tasks stay with the person), a move of organisation, disabling a leaver (sessions end at once).
 */
@Injectable()
export class AdministerAccounts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  async findByEmail(rawEmail: string): Promise<Account[]> {
    const email = rawEmail.trim().toLowerCase();
    const account = await this.uow.run(() => this.accounts.findByEmail(email));
    return account ? [account] : [];
  }

  async update(actorId: string, accountId: string, changes: AdminAccountChanges): Promise<Account> {
    const newEmail = changes.email === undefined ? undefined : normaliseEmail(changes.email);
    const organisation = changes.organisation === undefined ? undefined : cleanProfile({ organisation: changes.organisation }, false).organisation;
    return this.uow.run(async () => {
      const now = this.clock.now();
      const account = await this.accounts.findById(accountId, { forUpdate: true });
      if (!account) throw new NotFoundError();
      const actor = { type: 'account' as const, id: actorId };
      let changed = false;

      if (newEmail !== undefined && newEmail !== account.email) {
        const holder = await this.accounts.findByEmail(newEmail);
        if (holder) throw new EmailInUseError();
        const oldEmail = account.email;
        account.email = newEmail;
        await this.accounts.flush();
        await this.sessions.endAllForAccount(account.id, now);
        await this.notifier.send(oldEmail, 'emailChanged');
        await this.events.publish<AccountEmailChanged>({ type: 'account.email_changed', accountId: account.id, oldEmail, newEmail });
        await this.audit.record({ actor, action: 'account.updated', accountId, from: { email: oldEmail }, to: { email: newEmail } });
        changed = true;
      }
      if (organisation !== undefined && organisation !== account.organisation) {
        await this.audit.record({ actor, action: 'account.updated', accountId, from: { organisation: account.organisation }, to: { organisation } });
        account.organisation = organisation;
        changed = true;
      }
      if (changes.disabled !== undefined && changes.disabled !== account.disabled) {
        account.disabled = changes.disabled;
        if (changes.disabled) {
          await this.sessions.endAllForAccount(account.id, now);
          await this.events.publish<AccountDisabled>({ type: 'account.disabled', accountId: account.id });
          await this.audit.record({ actor, action: 'account.disabled', accountId });
        } else {
          await this.audit.record({ actor, action: 'account.updated', accountId, from: { disabled: true }, to: { disabled: false } });
        }
        changed = true;
      }
      if (changes.clearSignInBlocks === true && account.clearSignInBlocks(now, calendarDate(now, this.config.portalTimezone))) {
        await this.audit.record({ actor, action: 'account.updated', accountId, to: { signInBlocksCleared: true } });
        changed = true;
      }
      if (changed) account.touch(now);
      return account;
    });
  }
}
