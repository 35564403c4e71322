import type { EventActor } from '../../case-system-outbox';
import { AccountDirectory } from './task.ports';

/** The person who acted, as the case system is told (by id alone if the account is gone). */
export async function accountActor(accounts: AccountDirectory, accountId: string): Promise<EventActor> {
  const account = await accounts.findById(accountId);
  return { type: 'account', accountId, name: account?.name ?? '', email: account?.email ?? '' };
}
