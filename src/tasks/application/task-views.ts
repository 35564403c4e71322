import { Injectable } from '@nestjs/common';
import { AuditRecord } from '../../audit';
import { PortalConfig } from '../../config/config-slices';
import { Clock } from '../../shared/clock/clock';
import { calendarDate } from '../../shared/dates';
import type { JsonText } from '../../shared/json-text';
import { availableUntil, isOverdue, TaskStatus } from '../domain/task';
import { AttachmentSummary, TaskRecord, WorkGroupRef } from './task.ports';

export type AssigneeView =
  | { type: 'account'; accountId: string; name: string; email: string }
  | { type: 'work_group'; workGroupId: string; name: string }
  | { type: 'email'; email: string };

/** The API's `task` summary (API.md Tasks). */
export interface TaskView {
  id: string;
  title: string;
  form: { key: string; version: number; title: string };
  subject: { reference: string; displayName: string };
  status: Exclude<TaskStatus, 'withdrawn'>;
  assignee: AssigneeView;
  workGroup: WorkGroupRef | null;
  dueDate: string;
  overdue: boolean;
  message: string | null;
  delegatedAt: string;
  updatedAt: string;
  submittedAt: string | null;
  availableUntil: string | null;
  version: number;
  /**
   * Review before submit: `ready_for_review` while a colleague holds it for review (`by`: who sent
   * it), `returned` once they handed it back (`by`: the reviewer, `note`: their comment); else null.
   */
  review?: { state: 'ready_for_review' | 'returned'; by: { accountId: string; name: string }; at: string; note: string | null };
}

/** What members see of a colleague's task (API.md: metadata only). */
export type ColleagueTaskView = Pick<TaskView, 'id' | 'title' | 'dueDate' | 'overdue' | 'assignee' | 'workGroup'> & {
  subject: { reference: string };
};

/** The metadata of a task that is not the viewer's to work on (a colleague's, or one just moved away). */
export function colleagueView(view: TaskView): ColleagueTaskView {
  return {
    id: view.id,
    title: view.title,
    subject: { reference: view.subject.reference },
    dueDate: view.dueDate,
    overdue: view.overdue,
    assignee: view.assignee,
    workGroup: view.workGroup,
  };
}

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** The task page. The form and the draft go out as JSON text, never parsed on the way (see JsonText). */
export interface TaskDetailView extends TaskView {
  definition: JsonText;
  answers: JsonText;
  prefill: JsonText;
  attachments: AttachmentView[];
  history: AuditRecord[];
  /** What the case system changed since delegation, newest first ("The due date changed from … to …"). */
  notices: { at: string; text: string }[];
}

/** Maps rows to the API's shapes. "Today" for `overdue` is the calendar date in PORTAL_TIMEZONE. */
@Injectable()
export class TaskViews {
  constructor(
    private readonly clock: Clock,
    private readonly config: PortalConfig,
  ) {}

  today(): string {
    return calendarDate(this.clock.now(), this.config.portalTimezone);
  }

  summaries(records: TaskRecord[]): TaskView[] {
    const today = this.today();
    return records.map((record) => this.toView(record, today));
  }

  summary(record: TaskRecord): TaskView {
    return this.toView(record, this.today());
  }

  attachment(attachment: AttachmentSummary): AttachmentView {
    return {
      id: attachment.id,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      uploadedAt: attachment.uploadedAt.toISOString(),
    };
  }

  private toView(record: TaskRecord, today: string): TaskView {
    const view: TaskView = {
      id: record.id,
      title: record.formTitle,
      form: { key: record.formKey, version: record.formVersion, title: record.formTitle },
      subject: { reference: record.subjectReference, displayName: record.subjectDisplayName ?? '' },
      status: record.status as TaskView['status'],
      assignee: assigneeView(record),
      // A group deleted since keeps its id, without a key or name.
      workGroup: record.workGroupId ? (record.workGroup ?? { id: record.workGroupId, key: '', name: '' }) : null,
      dueDate: record.dueDate,
      overdue: isOverdue(record, today),
      message: record.message,
      delegatedAt: record.delegatedAt,
      updatedAt: record.updatedAt,
      submittedAt: record.submittedAt,
      availableUntil: record.submittedAt === null ? null : availableUntil(new Date(record.submittedAt))!.toISOString(),
      version: record.version,
    };
    // Only while there is one: every other task keeps API.md's shape exactly.
    if (record.reviewState && record.reviewBy && record.status !== 'submitted') {
      view.review = {
        state: record.reviewState,
        by: { accountId: record.reviewBy, name: record.reviewByName ?? '' },
        at: record.reviewAt ?? record.updatedAt,
        note: record.reviewNote ?? null,
      };
    }
    return view;
  }
}

function assigneeView(record: TaskRecord): AssigneeView {
  switch (record.assigneeKind) {
    case 'account':
      return {
        type: 'account',
        accountId: record.assigneeAccountId!,
        name: record.assigneeName ?? '',
        email: record.assigneeAccountEmail ?? '',
      };
    case 'work_group':
      return {
        type: 'work_group',
        workGroupId: record.holderWorkGroupId!,
        name: record.holderWorkGroupName ?? '',
      };
    case 'email':
      return { type: 'email', email: record.assigneeEmail! };
  }
}
