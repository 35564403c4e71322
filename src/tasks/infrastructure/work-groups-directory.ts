import { Injectable } from '@nestjs/common';
import { GroupWithMembers, WorkGroupQueries } from '../../work-groups';
import { DelegationGroup, WorkGroupDirectory } from '../application/task.ports';

/** Adapts the work-groups context's exported queries to what tasks need. */
@Injectable()
export class WorkGroupsDirectory extends WorkGroupDirectory {
  constructor(private readonly groups: WorkGroupQueries) {
    super();
  }

  async findByKey(key: string): Promise<DelegationGroup | null> {
    return toDelegationGroup(await this.groups.findByKey(key));
  }

  async findById(id: string): Promise<DelegationGroup | null> {
    return toDelegationGroup(await this.groups.findById(id));
  }

  isMember(groupId: string, accountId: string): Promise<boolean> {
    return this.groups.isListedMember(groupId, accountId);
  }

  groupIdsOf(accountId: string): Promise<string[]> {
    return this.groups.groupIdsOf(accountId);
  }
}

function toDelegationGroup(group: GroupWithMembers | null): DelegationGroup | null {
  if (!group) return null;
  return {
    id: group.id,
    key: group.key,
    name: group.name,
    notificationEmail: group.notificationEmail,
    activeMemberEmails: group.members.map((m) => m.email),
    activeMembers: group.members.map((m) => ({ accountId: m.accountId, email: m.email })),
  };
}
