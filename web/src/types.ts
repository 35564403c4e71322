import type { Answers, FormDefinition } from '@form-schema';

export interface Address {
  line1: string;
  line2?: string | null;
  town: string;
  postcode: string;
}

export interface WorkGroupRef {
  id: string;
  key: string;
  name: string;
}

export type Role = 'professional' | 'admin';

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  jobTitle?: string | null;
  organisation: string;
  phone?: string | null;
  address?: Address | null;
  roles: Role[];
  workGroups: WorkGroupRef[];
  disabled?: boolean;
}

export interface SessionInfo {
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  idleTimeoutSeconds: number;
}

export interface AccountAndSession {
  account: Account;
  session: SessionInfo;
}

export type TaskStatus = 'open' | 'in_progress' | 'submitted';

export type Assignee =
  | { type: 'account'; accountId: string; name: string; email: string }
  | { type: 'work_group'; workGroupId: string; name: string }
  | { type: 'email'; email: string };

/** A task as lists show it. Group views carry only some of these, so most are optional. */
export interface TaskSummary {
  id: string;
  title: string;
  form?: { key: string; version: number; title: string };
  subject?: { reference?: string; displayName?: string };
  status?: TaskStatus;
  assignee?: Assignee | null;
  workGroup?: { id: string; key?: string; name: string } | null;
  dueDate?: string | null;
  overdue?: boolean;
  message?: string | null;
  delegatedAt?: string;
  updatedAt?: string;
  submittedAt?: string | null;
  availableUntil?: string | null;
  version?: number;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256?: string;
  uploadedAt: string;
}

export interface HistoryEntry {
  id?: string;
  at: string;
  action: string;
  actor?: { type: string; id?: string; name?: string };
  from?: unknown;
  to?: unknown;
}

export interface TaskDetail extends TaskSummary {
  definition: FormDefinition;
  answers: Answers | null;
  prefill: Record<string, unknown> | null;
  attachments: Attachment[];
  history?: HistoryEntry[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface MyWorkGroup {
  id: string;
  key: string;
  name: string;
  members: { accountId: string; name: string; email: string }[];
}

export interface AdminWorkGroup {
  id: string;
  key: string;
  name: string;
  organisation?: string | null;
  notificationEmail?: string | null;
  members?: { accountId?: string | null; name?: string | null; email: string }[];
}

export interface Delivery {
  id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts?: number;
  lastError?: string | null;
  taskId?: string;
  submissionId?: string;
  taskExternalRef?: string;
  receiptId?: string | null;
  createdAt?: string;
  updatedAt?: string;
  nextAttemptAt?: string | null;
  [key: string]: unknown;
}
