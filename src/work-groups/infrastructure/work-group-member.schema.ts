import { EntitySchema } from '@mikro-orm/core';

/** A row of `work_group_members`: someone listed in a group by email, with their account once registered. */
export class WorkGroupMember {
  workGroupId!: string;
  email!: string;
  accountId: string | null = null;
  addedAt!: Date;
}

export const WorkGroupMemberSchema = new EntitySchema<WorkGroupMember>({
  class: WorkGroupMember,
  tableName: 'work_group_members',
  properties: {
    workGroupId: { type: 'uuid', primary: true },
    email: { type: 'string', columnType: 'text', primary: true },
    accountId: { type: 'uuid', nullable: true },
    addedAt: { type: 'Date', columnType: 'timestamptz' },
  },
});
