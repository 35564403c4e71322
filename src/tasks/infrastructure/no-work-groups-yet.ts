import { Injectable } from '@nestjs/common';
import { DelegationGroup, WorkGroupDirectory, WorkGroupRef } from '../application/task.ports';

/**
 * Placeholder until the work-groups context lands (issue 4): no group exists, so a delegation to a
 * `workGroupKey` answers 422 `unknown_work_group` and nobody sees group tasks. Replace the binding
 * in tasks.module.ts with an adapter over the work-groups context's exported queries.
 */
@Injectable()
export class NoWorkGroupsYet extends WorkGroupDirectory {
  async findByKey(): Promise<DelegationGroup | null> {
    return null;
  }

  async groupIdsOf(): Promise<string[]> {
    return [];
  }

  async refsOf(): Promise<Map<string, WorkGroupRef>> {
    return new Map();
  }
}
