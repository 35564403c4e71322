/**
 * The API's types, named for the pages. Every one is an alias of what `npm run api-types` generates
 * from openapi/openapi.json (api-types.ts, never edited by hand), so the client cannot drift from
 * the contract: a change there that a page does not follow fails `tsc -p web`.
 */
import type { components } from './api-types';

type Schemas = components['schemas'];

export type Address = Schemas['AddressDto'];
export type WorkGroupRef = Schemas['WorkGroupRefDto'];
export type Account = Schemas['AccountDto'];
export type Role = Account['roles'][number];
export type AdminAccount = Schemas['AdminAccountDto'];
export type SessionInfo = Schemas['SessionDto'];
export type AccountAndSession = Schemas['AccountAndSessionDto'];

export type Task = Schemas['TaskDto'];
export type TaskStatus = Task['status'];
export type Assignee = Schemas['AssigneeViewDto'];
/** A list entry: a full summary, or (group-members view) a colleague's task's metadata only. */
export type TaskSummary = Schemas['ColleagueTaskDto'] & Partial<Task>;
export type Attachment = Schemas['AttachmentDto'];
export type HistoryEntry = Schemas['AuditRecordDto'];
export type TaskDetail = Schemas['TaskDetailDto'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type MyWorkGroup = Schemas['MyWorkGroupDto'];
export type AdminWorkGroup = Schemas['WorkGroupDto'];
export type Delivery = Schemas['AdminDeliveryDto'];
export type DeliveryPage = Schemas['AdminDeliveryPageDto'];
export type Problem = Schemas['ProblemDetails'];
