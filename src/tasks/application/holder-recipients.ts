import { groupRecipients } from '../domain/group-recipients';
import { Assignee } from '../domain/task';
import { AccountDirectory, WorkGroupDirectory } from './task.ports';

/**
 * Who is emailed about something the council did to a task: its holder (not a disabled account),
 * an unregistered holder's address, or for a group its notification address, else every active member.
 */
export async function holderRecipients(holder: Assignee, accounts: AccountDirectory, workGroups: WorkGroupDirectory): Promise<string[]> {
  switch (holder.kind) {
    case 'account': {
      const account = await accounts.findById(holder.accountId);
      return account && !account.disabled ? [account.email] : [];
    }
    case 'email':
      return [holder.email];
    case 'work_group': {
      const group = await workGroups.findById(holder.workGroupId);
      return group ? groupRecipients(group) : [];
    }
  }
}
