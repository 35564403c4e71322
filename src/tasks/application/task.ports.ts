import type { AuditEntry, AuditRecord } from '../../audit/audit-trail';
import { Attachment } from '../domain/attachment';
import { Task, TaskStatus } from '../domain/task';
import type { JsonText } from '../../shared/json-text';

/** Persistence and outside-world seams of the tasks context. Changes are saved when the unit of work commits. */

export interface FindOptions {
  /** Locks the row until commit: version checks and counts must not race. */
  forUpdate?: boolean;
}

export abstract class TaskRepository {
  /** Withdrawn tasks are returned too: the aggregate decides that they answer 404. */
  abstract findById(id: string, options?: FindOptions): Promise<Task | null>;
  abstract findByExternalRef(externalRef: string, options?: FindOptions): Promise<Task | null>;
  /** Tasks delegated to an address nobody had registered with yet. */
  abstract findWaitingForEmail(email: string): Promise<Task[]>;
  /** Serialises delegations of one externalRef until commit (idempotency under concurrency). */
  abstract lockExternalRef(externalRef: string): Promise<void>;
  /**
   * Serialises "is there an account for this email?" (delegation) with "attach the tasks waiting for
   * this email" (registration) until commit, so a task delegated while its assignee registers is never
   * left waiting for an account that already exists.
   */
  abstract lockAssigneeEmail(email: string): Promise<void>;
  /**
   * The task as a detached aggregate without its draft or prefill, not locked, for a use case that
   * replaces the draft whole and writes it back with `saveDraft` (the busiest write: no 10-20 KB of
   * JSON read, tracked and compared just to be overwritten).
   */
  abstract findForDraftReplacement(id: string): Promise<Task | null>;
  /**
   * Writes what `Task.saveAnswers` changed on a task from `findForDraftReplacement`, together with
   * its audit entry, atomically and only if the task is still at `readVersion` (every change that
   * matters to a save moves the version). false: it changed since it was read, nothing was written.
   */
  abstract saveDraft(task: Task, readVersion: number, audit: AuditEntry): Promise<boolean>;
  abstract add(task: Task): void;
  abstract flush(): Promise<void>;
}

export abstract class AttachmentRepository {
  abstract listForTask(taskId: string): Promise<Attachment[]>;
  abstract countForTask(taskId: string): Promise<number>;
  abstract find(taskId: string, attachmentId: string): Promise<Attachment | null>;
  abstract add(attachment: Attachment): void;
  abstract remove(attachment: Attachment): void;
  abstract removeAllForTask(taskId: string): Promise<Attachment[]>;
}

/** Where file bytes live (PostgreSQL by default). Writes join the current transaction where the store can. */
export abstract class FileStorage {
  abstract put(id: string, content: Buffer): Promise<void>;
  abstract get(id: string): Promise<Buffer | null>;
  abstract delete(ids: string[]): Promise<void>;
}

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** Throws ScannerUnavailableError when the scanner cannot give an answer: no answer means no file. */
export abstract class VirusScanner {
  abstract scan(content: Buffer): Promise<ScanResult>;
}

export interface DirectoryAccount {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
}

/** Accounts as the tasks context needs them (answered by the identity context). */
export abstract class AccountDirectory {
  abstract findByEmail(email: string): Promise<DirectoryAccount | null>;
  abstract findById(id: string): Promise<DirectoryAccount | null>;
}

export interface WorkGroupRef {
  id: string;
  key: string;
  name: string;
}

export interface DelegationGroup extends WorkGroupRef {
  /** Emails about the group's tasks go here when set, else to every active member. */
  notificationEmail: string | null;
  activeMemberEmails: string[];
  activeMembers: { accountId: string; email: string }[];
}

/** Work groups as the tasks context needs them (answered by the work-groups context). */
export abstract class WorkGroupDirectory {
  abstract findByKey(key: string): Promise<DelegationGroup | null>;
  abstract findById(id: string): Promise<DelegationGroup | null>;
  abstract groupIdsOf(accountId: string): Promise<string[]>;
  /** Membership as the group's table has it, active or not (a disabled leaver stays a member). */
  abstract isMember(groupId: string, accountId: string): Promise<boolean>;
}

/** A task row as lists and views read it: the task plus the assignee's name. */
export interface TaskRecord {
  id: string;
  externalRef: string;
  formKey: string;
  formVersion: number;
  formTitle: string;
  subjectReference: string;
  subjectDisplayName: string | null;
  message: string | null;
  status: TaskStatus;
  assigneeKind: Task['assigneeKind'];
  assigneeAccountId: string | null;
  assigneeEmail: string | null;
  assigneeName: string | null;
  assigneeAccountEmail: string | null;
  holderWorkGroupId: string | null;
  /** The holding group's name (null if it was deleted). */
  holderWorkGroupName: string | null;
  workGroupId: string | null;
  /** The group it came through (null if none, or if it was deleted). */
  workGroup: WorkGroupRef | null;
  dueDate: string;
  delegatedAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  version: number;
}

export type TaskSort = 'dueDate' | 'delegatedAt' | 'title' | 'submittedAt';
export type SortOrder = 'asc' | 'desc';

/** Where a page starts: the sort key and id of the last row of the previous page. */
export interface Keyset {
  value: string;
  id: string;
}

export interface TaskListFilter {
  assigneeAccountId?: string;
  /** Held by one of the work groups this account is a member of: the "work-groups" list. */
  heldByGroupsOf?: string;
  /**
   * Held by a fellow member (not `colleaguesOf`) of one of `colleaguesOf`'s groups, having come
   * through that very group (`work_group_id`): the "group-members" list.
   */
  heldByMembersThrough?: { colleaguesOf: string };
  statuses: TaskStatus[];
  submittedSince?: Date;
  /** Held by this group now, or delegated to / passed through it (admin filter). */
  workGroupId?: string;
  /** Due before this calendar date and not submitted (admin "overdue" filter). */
  dueBefore?: string;
  /** Due on or after this date (admin "not overdue" filter). */
  dueOnOrAfter?: string;
}

export interface TaskPageRequest {
  sort: TaskSort;
  order: SortOrder;
  limit: number;
  after?: Keyset;
}

/** What the task page shows of an attachment. */
export type AttachmentSummary = Pick<Attachment, 'id' | 'filename' | 'contentType' | 'size' | 'sha256' | 'uploadedAt'>;

/**
 * Everything the task page shows of a task, read without loading the aggregate: its record, draft
 * and prefill, its files (oldest first) and its latest history (newest first).
 */
export interface TaskContentRecord extends TaskRecord {
  /** Passed on to the page as they are stored (see JsonText). */
  answers: JsonText;
  prefill: JsonText;
  attachments: AttachmentSummary[];
  history: AuditRecord[];
}

/** Reads for lists and views: plain SQL, one statement per page. */
export abstract class TaskReadModel {
  abstract list(filter: TaskListFilter, page: TaskPageRequest): Promise<TaskRecord[]>;
  abstract findById(id: string): Promise<TaskRecord | null>;
  /** The task page in one statement, with at most `historyLimit` entries of history. */
  abstract findContent(id: string, historyLimit: number): Promise<TaskContentRecord | null>;
  abstract findByExternalRef(externalRef: string): Promise<TaskRecord | null>;
}
