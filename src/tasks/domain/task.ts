import { validateAnswers, type AnswerError, type Answers, type FormDefinition } from '../../../libs/form-schema/src';
import { addMs, DAY_MS } from '../../shared/clock/clock';
import { canonicalJson } from '../../shared/canonical-json';
import type { TaskChange } from './case-system-change';
import { VersionConflictError } from '../../shared/errors/domain-error';
import {
  AlreadyPickedUpError,
  AlreadySubmittedError,
  NotAGroupTaskError,
  AnswerRefusalCode,
  AttachmentsNotAllowedError,
  InvalidAnswersError,
  TaskNotFoundError,
  PickupRequiredError,
  TaskSubmittedError,
  TooManyAttachmentsError,
  SubmissionIncompleteError,
  NotInReviewError,
} from './task-errors';

export type ReviewState = 'ready_for_review' | 'returned';

/** open: never saved · in_progress: saved at least once · submitted · withdrawn (gone for everyone). */
export type TaskStatus = 'open' | 'in_progress' | 'submitted' | 'withdrawn';
export const ACTIVE_STATUSES: readonly TaskStatus[] = ['open', 'in_progress'];

/** Who holds the task now. `email`: a person who has not registered yet. */
export type AssigneeKind = 'account' | 'work_group' | 'email';
export type Assignee =
  { kind: 'account'; accountId: string } | { kind: 'work_group'; workGroupId: string } | { kind: 'email'; email: string };

export const MAX_ATTACHMENTS = 20;
/** Submitted forms stay downloadable this long, then the portal forgets them. */
export const RETENTION_MS = 30 * DAY_MS;

/** The facts every "who may see what" rule needs; lists evaluate them on rows without loading aggregates. */
export interface TaskAccessFacts {
  status: TaskStatus;
  assigneeKind: AssigneeKind;
  assigneeAccountId: string | null;
  holderWorkGroupId: string | null;
}

export interface Viewer {
  accountId: string;
  /** The work groups the viewer belongs to. */
  workGroupIds: readonly string[];
}

/**
 * full: the individual assignee sees everything. pickup_required: a member of the holding group sees
 * the metadata and must pick the task up first. none: anybody else, admins included, and everyone
 * once the task is withdrawn (answers exactly like a task that does not exist).
 */
export type ContentAccess = 'full' | 'pickup_required' | 'none';

export type ReassignmentAuthority = 'owner' | 'group_member' | 'colleague' | 'admin';

export function contentAccess(task: TaskAccessFacts, viewer: Viewer): ContentAccess {
  if (task.status === 'withdrawn') return 'none';
  if (task.assigneeKind === 'account' && task.assigneeAccountId === viewer.accountId) return 'full';
  if (task.assigneeKind === 'work_group' && task.holderWorkGroupId && viewer.workGroupIds.includes(task.holderWorkGroupId)) {
    return 'pickup_required';
  }
  return 'none';
}

/** `today` is the calendar date in PORTAL_TIMEZONE; both are `YYYY-MM-DD`, so text order is date order. */
export function isOverdue(task: { dueDate: string; status: TaskStatus }, today: string): boolean {
  return task.status !== 'submitted' && task.dueDate < today;
}

export function availableUntil(submittedAt: Date | null): Date | null {
  return submittedAt ? addMs(submittedAt, RETENTION_MS) : null;
}

export interface DelegationDetails {
  id: string;
  externalRef: string;
  requestHash: string;
  form: { key: string; version: number; title: string };
  subject: { reference: string; displayName: string };
  prefill: Record<string, unknown>;
  assignee: Assignee;
  dueDate: string;
  message: string | null;
  now: Date;
}

/**
 * A form delegated for completion: the one place for its rules (status transitions, who may see its
 * content, optimistic versions). Pickup, re-assignment and submission belong here too.
 */
export class Task {
  id!: string;
  externalRef!: string;
  /** Canonical hash of the delegation request: the same body again is a repeat, another is a conflict. */
  requestHash!: string;
  formKey!: string;
  formVersion!: number;
  formTitle!: string;
  subjectReference!: string;
  /** null once withdrawn (purged). */
  subjectDisplayName: string | null = null;
  message: string | null = null;
  prefill: Record<string, unknown> = {};
  /** The draft: the whole answer set as last saved, hidden answers included. */
  answers: Answers = {};
  assigneeKind!: AssigneeKind;
  assigneeAccountId: string | null = null;
  assigneeEmail: string | null = null;
  holderWorkGroupId: string | null = null;
  /** The group the task was delegated to or last passed through; kept when it moves between people. */
  workGroupId: string | null = null;
  status: TaskStatus = 'open';
  version = 1;
  /** Calendar date `YYYY-MM-DD`. */
  dueDate!: string;
  delegatedAt!: Date;
  updatedAt!: Date;
  savedAt: Date | null = null;
  submittedAt: Date | null = null;
  withdrawnAt: Date | null = null;
  /** Review before submit: with a colleague for review, or handed back by them (see requestReview). */
  reviewState: ReviewState | null = null;
  /** Who sent it for review (ready_for_review) or who reviewed it (returned); their name then. */
  reviewBy: string | null = null;
  reviewByName: string | null = null;
  reviewAt: Date | null = null;
  reviewNote: string | null = null;
  /**
   * When the due-date reminders were sent (once each; a new due date clears both). The reminder
   * job's bookkeeping, kept on the task's row so that marking and sending share its lock; no rule
   * of the aggregate reads them.
   */
  dueSoonRemindedAt: Date | null = null;
  overdueRemindedAt: Date | null = null;

  static delegate(details: DelegationDetails): Task {
    const task = new Task();
    task.id = details.id;
    task.externalRef = details.externalRef;
    task.requestHash = details.requestHash;
    task.formKey = details.form.key;
    task.formVersion = details.form.version;
    task.formTitle = details.form.title;
    task.subjectReference = details.subject.reference;
    task.subjectDisplayName = details.subject.displayName;
    task.prefill = details.prefill;
    task.dueDate = details.dueDate;
    task.message = details.message;
    task.delegatedAt = details.now;
    task.updatedAt = details.now;
    task.assignTo(details.assignee);
    if (details.assignee.kind === 'work_group') task.workGroupId = details.assignee.workGroupId;
    return task;
  }

  assignee(): Assignee {
    switch (this.assigneeKind) {
      case 'account':
        return { kind: 'account', accountId: this.assigneeAccountId! };
      case 'work_group':
        return { kind: 'work_group', workGroupId: this.holderWorkGroupId! };
      case 'email':
        return { kind: 'email', email: this.assigneeEmail! };
    }
  }

  isWithdrawn(): boolean {
    return this.status === 'withdrawn';
  }

  isRepeatOf(requestHash: string): boolean {
    return this.requestHash === requestHash;
  }

  contentAccessFor(viewer: Viewer): ContentAccess {
    return contentAccess(this, viewer);
  }

  /** 404 for anyone but the individual assignee; 403 pickup_required for a member of the holding group. */
  assertContentVisibleTo(viewer: Viewer): void {
    const access = this.contentAccessFor(viewer);
    if (access === 'pickup_required') throw new PickupRequiredError();
    if (access !== 'full') throw new TaskNotFoundError();
  }

  /**
   * Replaces the whole draft. Draft validation (types only) refuses the lot on any error; read-only
   * prefill can never be overwritten. The first save moves the task to in_progress.
   */
  saveAnswers(definition: FormDefinition, answers: unknown, expectedVersion: number, now: Date): void {
    this.assertChangeable();
    this.assertVersion(expectedVersion);
    const errors = validateAnswers(definition, answers, { mode: 'draft' });
    if (errors.length) {
      throw new InvalidAnswersError(refusalCode(errors), errors, (language) =>
        validateAnswers(definition, answers, { mode: 'draft', language }),
      );
    }
    const readOnly = new Set(definition.pages.flatMap((p) => p.questions.filter((q) => q.type === 'readonly').map((q) => q.id)));
    // Validated above: a plain object whose read-only keys, if any, are null ("no answer").
    this.answers = Object.fromEntries(Object.entries(answers as Answers).filter(([id]) => !readOnly.has(id)));
    if (this.status === 'open') this.status = 'in_progress';
    this.savedAt = now;
    this.touch(now);
  }

  assertCanAddAttachment(formAllowsAttachments: boolean, currentCount: number): void {
    this.assertChangeable();
    if (!formAllowsAttachments) throw new AttachmentsNotAllowedError();
    if (currentCount >= MAX_ATTACHMENTS) throw new TooManyAttachmentsError(MAX_ATTACHMENTS);
  }

  assertCanRemoveAttachment(): void {
    this.assertChangeable();
  }

  /** Attachments are not answers: they leave the version alone, so an open answers form never goes stale. */
  recordAttachmentChange(now: Date): void {
    this.updatedAt = now;
  }

  /** A task waiting for this email now belongs to the account registered with it. */
  attachToAccount(accountId: string, now: Date): void {
    if (this.assigneeKind !== 'email' || this.isWithdrawn()) return;
    this.assignTo({ kind: 'account', accountId });
    this.touch(now);
  }

  /**
   * Submits the saved draft: only its individual assignee may, only once (already_submitted beats a
   * stale version), and only when the whole form passes the complete-mode checks. Afterwards nothing
   * changes any more: no edits, uploads or moves.
   */
  submit(definition: FormDefinition, by: string, expectedVersion: number, now: Date): void {
    // The caller has applied the content-access rules (403 pickup_required); this is the backstop.
    if (this.isWithdrawn() || this.assigneeKind !== 'account' || this.assigneeAccountId !== by) throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new AlreadySubmittedError();
    this.assertVersion(expectedVersion);
    const errors = validateAnswers(definition, this.answers, { mode: 'complete' });
    if (errors.length) throw incomplete(definition, this.answers, errors);
    this.status = 'submitted';
    this.submittedAt = now;
    this.touch(now);
  }

  /**
   * Data minimisation once the portal may forget the content: 30 days after a submission the council
   * has received, or what a withdrawn task still holds. Answers, prefill, the note and the child's
   * name go; the metadata stays for lists, audit and history. Returns false when nothing was left.
   */
  forgetContent(now: Date): boolean {
    if (this.status !== 'submitted' && !this.isWithdrawn()) throw new Error(`task ${this.id} is still active: its content stays`);
    const held =
      Object.keys(this.answers).length > 0 ||
      Object.keys(this.prefill).length > 0 ||
      this.message !== null ||
      this.subjectDisplayName !== null ||
      this.reviewNote !== null;
    if (!held) return false;
    this.reviewNote = null;
    this.answers = {};
    this.prefill = {};
    this.message = null;
    this.subjectDisplayName = null;
    this.updatedAt = now;
    return true;
  }

  /**
   * The case system takes the task back: it vanishes for everyone, and answers, prefill and the
   * child's name are purged (files go with it, see WithdrawTask). Repeating a withdrawal is harmless.
   * Returns false when it was already withdrawn.
   */
  withdraw(now: Date): boolean {
    if (this.status === 'submitted') throw new AlreadySubmittedError();
    if (this.isWithdrawn()) return false;
    this.status = 'withdrawn';
    this.withdrawnAt = now;
    this.answers = {};
    this.prefill = {};
    this.message = null;
    this.subjectDisplayName = null;
    this.reviewNote = null;
    this.touch(now);
    return true;
  }

  /**
   * The professional hands the task back to the council (a reason goes to the case system): for the
   * portal it ends as a withdrawal does, gone for everyone and its content purged. Its individual
   * holder may, and while a work group holds it, any member of that group (no pickup needed).
   */
  decline(viewer: Viewer, now: Date): void {
    if (this.isWithdrawn()) throw new TaskNotFoundError();
    const holder = this.assigneeKind === 'account' && this.assigneeAccountId === viewer.accountId;
    const groupMember = this.assigneeKind === 'work_group' && viewer.workGroupIds.includes(this.holderWorkGroupId!);
    if (!holder && !groupMember) throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new TaskSubmittedError();
    this.withdraw(now);
  }

  /**
   * The holder sends the completed form to a colleague for review: the colleague holds it (and may
   * change, return or submit it). Only a form that passes the complete-mode checks; the caller has
   * checked that the reviewer belongs to the group the task came through.
   */
  requestReview(
    definition: FormDefinition,
    by: { accountId: string; name: string },
    reviewerAccountId: string,
    note: string | null,
    expectedVersion: number,
    now: Date,
  ): void {
    if (this.isWithdrawn() || this.assigneeKind !== 'account' || this.assigneeAccountId !== by.accountId)
      throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new TaskSubmittedError();
    this.assertVersion(expectedVersion);
    const errors = validateAnswers(definition, this.answers, { mode: 'complete' });
    if (errors.length) throw incomplete(definition, this.answers, errors);
    this.assignTo({ kind: 'account', accountId: reviewerAccountId });
    this.setReview('ready_for_review', by, note, now);
    this.touch(now);
  }

  /** The reviewer hands it back to whoever asked, with a comment. Returns who that is. */
  returnFromReview(
    reviewer: { accountId: string; name: string },
    comment: string,
    expectedVersion: number | undefined,
    now: Date,
  ): string {
    if (this.isWithdrawn() || this.assigneeKind !== 'account' || this.assigneeAccountId !== reviewer.accountId)
      throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new TaskSubmittedError();
    if (this.reviewState !== 'ready_for_review' || !this.reviewBy) throw new NotInReviewError();
    if (expectedVersion !== undefined) this.assertVersion(expectedVersion);
    const requester = this.reviewBy;
    this.assignTo({ kind: 'account', accountId: requester });
    this.setReview('returned', reviewer, comment, now);
    this.touch(now);
    return requester;
  }

  private setReview(
    state: ReviewState | null,
    by: { accountId: string; name: string } | null,
    note: string | null,
    now: Date | null,
  ): void {
    this.reviewState = state;
    this.reviewBy = by?.accountId ?? null;
    this.reviewByName = by?.name ?? null;
    this.reviewNote = note;
    this.reviewAt = now;
  }

  /**
   * The case system changes the due date, its note or the read-only prefill while the task is not
   * submitted. Answers are untouched and the version stays (an open answers form does not go stale);
   * returns what actually changed.
   */
  applyCaseSystemChange(
    change: { dueDate?: string; message?: string | null; prefill?: Record<string, unknown> },
    now: Date,
  ): TaskChange[] {
    if (this.isWithdrawn()) throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new AlreadySubmittedError();
    const changes: TaskChange[] = [];
    if (change.dueDate !== undefined && change.dueDate !== this.dueDate) {
      changes.push({ field: 'dueDate', from: this.dueDate, to: change.dueDate });
      this.dueDate = change.dueDate;
    }
    if (change.message !== undefined) {
      const message = change.message?.trim() ? change.message.trim() : null;
      if (message !== this.message) {
        changes.push({ field: 'message' });
        this.message = message;
      }
    }
    if (change.prefill !== undefined && canonicalJson(change.prefill) !== canonicalJson(this.prefill)) {
      changes.push({ field: 'prefill' });
      this.prefill = change.prefill;
    }
    if (changes.length) this.updatedAt = now;
    return changes;
  }

  /**
   * A member of the holding group takes the task for themselves. The caller holds the row lock, so
   * of simultaneous pickups exactly one finds the group still holding it.
   */
  pickUp(viewer: Viewer, now: Date): void {
    if (this.isWithdrawn()) throw new TaskNotFoundError();
    if (this.assigneeKind === 'work_group') {
      if (!viewer.workGroupIds.includes(this.holderWorkGroupId!)) throw new TaskNotFoundError();
      if (this.status === 'submitted') throw new TaskSubmittedError();
      this.workGroupId = this.holderWorkGroupId;
      this.assignTo({ kind: 'account', accountId: viewer.accountId });
      this.setReview(null, null, null, null);
      this.touch(now);
      return;
    }
    const throughMyGroup = this.workGroupId !== null && viewer.workGroupIds.includes(this.workGroupId);
    if (throughMyGroup) throw new AlreadyPickedUpError();
    if (this.assigneeKind === 'account' && this.assigneeAccountId === viewer.accountId) throw new NotAGroupTaskError();
    throw new TaskNotFoundError();
  }

  /**
   * Who may move this task, if anyone: its individual holder; a member of the group holding it;
   * a colleague of the holder in the group it came through (`holderStillInGroup` says whether the
   * holder still belongs to it); an admin, for any open task.
   */
  reassignmentAuthority(actor: Viewer & { isAdmin: boolean }, holderStillInGroup: boolean): ReassignmentAuthority | null {
    if (this.isWithdrawn()) return null;
    if (this.assigneeKind === 'account' && this.assigneeAccountId === actor.accountId) return 'owner';
    if (this.assigneeKind === 'work_group' && actor.workGroupIds.includes(this.holderWorkGroupId!)) return 'group_member';
    if (
      this.assigneeKind === 'account' &&
      this.workGroupId &&
      actor.workGroupIds.includes(this.workGroupId) &&
      holderStillInGroup
    ) {
      return 'colleague';
    }
    return actor.isAdmin ? 'admin' : null;
  }

  /**
   * Moves the task; the draft and files travel with it. Moving it to whoever holds it is a no-op
   * (returns false). A move between people keeps `workGroupId`; a move to a group sets it.
   */
  reassign(to: Assignee, expectedVersion: number | undefined, now: Date): boolean {
    this.assertChangeable();
    if (expectedVersion !== undefined) this.assertVersion(expectedVersion);
    const current = this.assignee();
    if (sameAssignee(current, to)) return false;
    this.assignTo(to);
    if (to.kind === 'work_group') this.workGroupId = to.workGroupId;
    this.setReview(null, null, null, null);
    this.touch(now);
    return true;
  }

  isOverdue(today: string): boolean {
    return isOverdue(this, today);
  }

  availableUntil(): Date | null {
    return availableUntil(this.submittedAt);
  }

  /** Withdrawn → not found; submitted → task_submitted (which takes precedence over version_conflict). */
  private assertChangeable(): void {
    if (this.isWithdrawn()) throw new TaskNotFoundError();
    if (this.status === 'submitted') throw new TaskSubmittedError();
  }

  private assertVersion(expected: number): void {
    if (expected !== this.version) throw new VersionConflictError();
  }

  private assignTo(assignee: Assignee): void {
    this.assigneeKind = assignee.kind;
    this.assigneeAccountId = assignee.kind === 'account' ? assignee.accountId : null;
    this.assigneeEmail = assignee.kind === 'email' ? assignee.email : null;
    this.holderWorkGroupId = assignee.kind === 'work_group' ? assignee.workGroupId : null;
  }

  private touch(now: Date): void {
    this.updatedAt = now;
    this.version += 1;
  }
}

/** One top-level code for the refusal: read-only writes and unknown ids are named; the rest are type errors. */
function refusalCode(errors: AnswerError[]): AnswerRefusalCode {
  if (errors.some((e) => e.code === 'read_only')) return 'read_only';
  if (errors.some((e) => e.code === 'unknown_question')) return 'unknown_question';
  return 'invalid_answers';
}

function sameAssignee(a: Assignee, b: Assignee): boolean {
  if (a.kind === 'account' && b.kind === 'account') return a.accountId === b.accountId;
  if (a.kind === 'work_group' && b.kind === 'work_group') return a.workGroupId === b.workGroupId;
  return false;
}

/** The form's problems, with a way to say them again in the reader's language. */
function incomplete(definition: FormDefinition, answers: Answers, errors: AnswerError[]): SubmissionIncompleteError {
  return new SubmissionIncompleteError(errors, (language) =>
    validateAnswers(definition, answers, { mode: 'complete', language }),
  );
}
