/**
 * What identity publishes (through `DomainEvents`, inside the publisher's transaction). Other contexts
 * subscribe by type, e.g. `events.on<AccountRegistered>('account.registered', …)`.
 */
export interface AccountRegistered {
  type: 'account.registered';
  accountId: string;
  email: string;
}

export interface AccountEmailChanged {
  type: 'account.email_changed';
  accountId: string;
  oldEmail: string;
  newEmail: string;
}

export interface AccountDisabled {
  type: 'account.disabled';
  accountId: string;
}

export type IdentityEvent = AccountRegistered | AccountEmailChanged | AccountDisabled;
