import type { Readable } from 'node:stream';
import type { AuditEntry, AuditRecord } from '../../audit';
import { Attachment } from '../domain/attachment';
import { Assignee, Task, TaskStatus } from '../domain/task';
import type { JsonText } from '../../shared/json-text';

/** Persistence and outside-world seams of the tasks context. Changes are saved when the unit of work commits. */

/** Which task: the portal's id, or the case system's externalRef. */
export type TaskKey = { id: string } | { externalRef: string };

/**
 * What a use case will do with the task it loads, which decides how the one load reads it:
 * - `read`: as stored, not locked (a decision that writes nothing through it, or a check made
 *   before a locked load);
 * - `change`: locked until commit (version checks and counts must not race), held by the unit of
 *   work, which writes what the aggregate changed when it commits;
 * - `replaceDraft`: not locked, detached and without its draft and prefill, for a use case that
 *   replaces the draft whole and writes it back with `saveDraft` (the busiest write: no 10-20 KB of
 *   JSON read, tracked and compared just to be overwritten).
 */
export type LoadIntent = 'read' | 'change' | 'replaceDraft';

export abstract class TaskRepository {
  /**
   * The one way the aggregate is loaded, for every use case (null: no such task). Withdrawn tasks
   * are returned too: the aggregate decides that they answer 404.
   */
  abstract load(key: TaskKey, intent: LoadIntent): Promise<Task | null>;
  /** Tasks delegated to an address nobody had registered with yet, loaded as `change`. */
  abstract loadWaitingForEmail(email: string): Promise<Task[]>;
  /** Serialises delegations of one externalRef until commit (idempotency under concurrency). */
  abstract lockExternalRef(externalRef: string): Promise<void>;
  /**
   * Serialises "is there an account for this email?" (delegation) with "attach the tasks waiting for
   * this email" (registration) until commit, so a task delegated while its assignee registers is never
   * left waiting for an account that already exists.
   */
  abstract lockAssigneeEmail(email: string): Promise<void>;
  /**
   * Writes what `Task.saveAnswers` changed on a task loaded as `replaceDraft`, together with its
   * audit entry, atomically and only if the task is still at `readVersion` (every change that
   * matters to a save moves the version). false: it changed since it was read, nothing was written.
   */
  abstract saveDraft(task: Task, readVersion: number, audit: AuditEntry): Promise<boolean>;
  abstract add(task: Task): void;
  abstract flush(): Promise<void>;
}

export type ReminderKind = 'dueSoon' | 'overdue';

/** A task just marked as reminded, with what its email needs. */
export interface ClaimedReminder {
  taskId: string;
  externalRef: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  holder: Assignee;
}

/** What other contexts' jobs and checks ask of the tasks table (no aggregate loaded). */
export abstract class TaskUpkeep {
  /**
   * Marks as reminded, and returns, up to `limit` active tasks due a `kind` reminder on `today` (a
   * calendar date in the portal's time zone), locked until commit; rows another transaction holds
   * are skipped (the next run takes them).
   */
  abstract claimReminders(kind: ReminderKind, today: string, now: Date, limit: number): Promise<ClaimedReminder[]>;
  /** Withdrawn tasks that still hold content (answers, prefill, message, the child's name, files). */
  abstract withdrawnHoldingContent(limit: number): Promise<string[]>;
  /** Whether a work group holds an open or in-progress task (work groups ask before deleting one). */
  abstract groupHoldsActiveTasks(groupId: string): Promise<boolean>;
}

export abstract class AttachmentRepository {
  abstract listForTask(taskId: string): Promise<Attachment[]>;
  abstract countForTask(taskId: string): Promise<number>;
  abstract find(taskId: string, attachmentId: string): Promise<Attachment | null>;
  abstract add(attachment: Attachment): void;
  abstract remove(attachment: Attachment): void;
  abstract removeAllForTask(taskId: string): Promise<Attachment[]>;
}

/** A stored file opened for reading: its size now, its bytes as they are read (never all at once). */
export interface StoredFileStream {
  size: number;
  /** Lazy: nothing is fetched until it is read; destroy it when giving up early. */
  content: Readable;
}

/** Where file bytes live (PostgreSQL by default). Writes join the current transaction where the store can. */
export abstract class FileStorage {
  abstract put(id: string, content: Buffer): Promise<void>;
  abstract get(id: string): Promise<Buffer | null>;
  /**
   * Streams a file in bounded memory (delivery sends 20 × 10 MiB per contribution), or null when it
   * is missing. Another store (S3) answers with its object stream and content length.
   */
  abstract openRead(id: string): Promise<StoredFileStream | null>;
  abstract delete(ids: string[]): Promise<void>;

  /**
   * Uploads. `stage` writes bytes as they arrive, in parts of bounded size (never a whole file in
   * memory), each part on its own and outside any transaction, so no connection is held while the
   * client is still sending. A staged file is invisible to `get`/`openRead` until `commitStaged`;
   * a refused one is removed with `discardStaged`, and one whose upload never finished (crash, lost
   * connection) by `sweepStaged`. Resolves with the number of bytes written; if `content` throws,
   * that error is rethrown (what was written stays staged until discarded or swept).
   */
  abstract stage(id: string, content: AsyncIterable<Buffer>): Promise<number>;
  /** Bytes [start, end) of a staged file, fetched lazily as the stream is read. */
  abstract readStaged(id: string, start: number, end: number): Readable;
  /** The staged file becomes the stored file `id`; joins the current transaction where the store can. */
  abstract commitStaged(id: string): Promise<void>;
  /** Removes a staged file; an unknown id is fine. */
  abstract discardStaged(id: string): Promise<void>;
  /** Removes staged files written to last before `before` (uploads that never completed); returns how many. */
  abstract sweepStaged(before: Date): Promise<number>;
}

export type ScanResult = { clean: true } | { clean: false; signature: string };

/**
 * Throws ScannerUnavailableError when the scanner cannot give an answer: no answer means no file.
 * The content is a stream read once (a scanner that needs nothing may leave it unread; the caller
 * destroys it afterwards).
 */
export abstract class VirusScanner {
  abstract scan(content: Readable): Promise<ScanResult>;
}

export interface DirectoryAccount {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  /** Told to the case system with a professional's message (absent in fakes that need none). */
  organisation?: string;
  /** The person's language for emails (absent: English). */
  language?: 'en' | 'cy';
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
  /**
   * Instants as the API shows them (ISO 8601, UTC, milliseconds): a read model's rows go straight
   * out as text, and making and formatting a Date for each was a tenth of a list's CPU (BENCHMARKS.md,
   * tenth round).
   */
  delegatedAt: string;
  updatedAt: string;
  submittedAt: string | null;
  version: number;
  /** Review before submit (absent where a read does not carry it). */
  reviewState?: 'ready_for_review' | 'returned' | null;
  reviewBy?: string | null;
  reviewByName?: string | null;
  reviewAt?: string | null;
  reviewNote?: string | null;
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
  /** Due on or before this date ("due within N days", overdue ones included). */
  dueOnOrBefore?: string;
  /** Case-insensitive part of the case reference, or of the child's name unless `searchReferenceOnly`. */
  search?: string;
  /** A colleague's task shows only its reference: the name must not be searchable there (no oracle). */
  searchReferenceOnly?: boolean;
  /** Helpdesk search: the case reference, whole and case-insensitive. */
  subjectReference?: string;
  /** Helpdesk search: part of the child's name, case-insensitive. */
  subjectNameContains?: string;
  /**
   * Helpdesk search by a professional's email (lower-cased): held by the account with that address
   * (`accountId`, null when none has it), or waiting for that address to register.
   */
  professional?: { email: string; accountId: string | null };
  /** Helpdesk search: the form's key. */
  formKey?: string;
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
  /** Whether its holder opened it before (the case system hears of the first opening once). */
  openedBefore?: boolean;
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
