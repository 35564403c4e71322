import { EntitySchema } from '@mikro-orm/core';
import { WorkGroup } from '../domain/work-group';

const timestamp = { type: 'Date', columnType: 'timestamptz' } as const;

export const WorkGroupSchema = new EntitySchema<WorkGroup>({
  class: WorkGroup,
  tableName: 'work_groups',
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', columnType: 'text' },
    name: { type: 'string', columnType: 'text' },
    organisation: { type: 'string', columnType: 'text' },
    notificationEmail: { type: 'string', columnType: 'text', nullable: true },
    createdAt: timestamp,
    updatedAt: timestamp,
    version: { type: 'integer' },
  },
});
