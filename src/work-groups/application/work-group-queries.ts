import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../shared/database/unit-of-work';
import { isUuid } from '../../shared/ids';
import { AccountWorkGroups } from '../../identity';
import { WorkGroup } from '../domain/work-group';
import { MembershipRepository, WorkGroupRef, WorkGroupRepository } from './work-group.ports';

export interface ActiveMember {
  accountId: string;
  name: string;
  email: string;
}

export interface GroupWithMembers extends WorkGroupRef {
  notificationEmail: string | null;
  members: ActiveMember[];
}

/**
 * What other contexts may ask about work groups. Membership counts only for registered, active
 * accounts; removal from a group takes effect on the next question asked.
 */
@Injectable()
export class WorkGroupQueries extends AccountWorkGroups {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly groups: WorkGroupRepository,
    private readonly members: MembershipRepository,
  ) {
    super();
  }

  async findByKey(key: string): Promise<GroupWithMembers | null> {
    return this.uow.run(async () => {
      const group = await this.groups.findByKey(key);
      return group ? this.withMembers(group) : null;
    });
  }

  async findById(id: string): Promise<GroupWithMembers | null> {
    if (!isUuid(id)) return null;
    return this.uow.run(async () => {
      const group = await this.groups.findById(id);
      return group ? this.withMembers(group) : null;
    });
  }

  // The two reads below run on every list request: each is one statement, so no transaction around it.
  groupIdsOf(accountId: string): Promise<string[]> {
    return this.members.groupIdsOf(accountId);
  }

  /** Whether the group lists this account, disabled or not (a leaver's tasks stay with the group's colleagues). */
  async isListedMember(groupId: string, accountId: string): Promise<boolean> {
    if (!isUuid(groupId) || !isUuid(accountId)) return false;
    return this.uow.run(() => this.members.isListed(groupId, accountId));
  }

  /** My groups with their active members: the re-assign picker. */
  async myGroups(accountId: string): Promise<GroupWithMembers[]> {
    return this.uow.run(async () => {
      const ids = await this.members.groupIdsOf(accountId);
      const groups = (await this.groups.findByIds(ids)).sort((x, y) => x.name.localeCompare(y.name));
      const members = await this.members.members(ids);
      return groups.map((g) => this.shape(g, members.get(g.id) ?? []));
    });
  }

  /** For the account's `workGroups` in /me and the session (polled by every open tab): one statement. */
  async forAccount(accountId: string): Promise<WorkGroupRef[]> {
    return (await this.members.groupsOf(accountId)).sort((x, y) => x.name.localeCompare(y.name));
  }

  private async withMembers(group: WorkGroup): Promise<GroupWithMembers> {
    const members = (await this.members.members([group.id])).get(group.id) ?? [];
    return this.shape(group, members);
  }

  private shape(group: WorkGroup, members: { accountId: string | null; name: string | null; email: string; active: boolean }[]): GroupWithMembers {
    return {
      id: group.id,
      key: group.key,
      name: group.name,
      notificationEmail: group.notificationEmail,
      members: members
        .filter((m) => m.active && m.accountId)
        .map((m) => ({ accountId: m.accountId!, name: m.name ?? m.email, email: m.email })),
    };
  }
}
