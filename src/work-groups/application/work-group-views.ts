import { WorkGroup } from '../domain/work-group';
import { MemberView } from './work-group.ports';

export interface WorkGroupView {
  id: string;
  key: string;
  name: string;
  organisation: string;
  notificationEmail: string | null;
  members: MemberView[];
  createdAt: string;
  updatedAt: string;
}

export function workGroupView(group: WorkGroup, members: MemberView[]): WorkGroupView {
  return {
    id: group.id,
    key: group.key,
    name: group.name,
    organisation: group.organisation,
    notificationEmail: group.notificationEmail,
    members,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
