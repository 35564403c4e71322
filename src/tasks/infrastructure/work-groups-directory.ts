import { Injectable } from '@nestjs/common';
import { WorkGroupQueries } from '../../work-groups/application/work-group-queries';
import { DelegationGroup, WorkGroupDirectory, WorkGroupRef } from '../application/task.ports';

/** Adapts the work-groups context's exported queries to what tasks need. */
@Injectable()
export class WorkGroupsDirectory extends WorkGroupDirectory {
  constructor(private readonly groups: WorkGroupQueries) {
    super();
  }

  async findByKey(key: string): Promise<DelegationGroup | null> {
    const group = await this.groups.findByKey(key);
    if (!group) return null;
    return {
      id: group.id,
      key: group.key,
      name: group.name,
      notificationEmail: group.notificationEmail,
      activeMemberEmails: group.members.map((m) => m.email),
    };
  }

  groupIdsOf(accountId: string): Promise<string[]> {
    return this.groups.groupIdsOf(accountId);
  }

  refsOf(ids: string[]): Promise<Map<string, WorkGroupRef>> {
    return this.groups.refsOf(ids);
  }
}
