import { Injectable } from '@nestjs/common';
import { isRealDate } from '../../../libs/form-schema/src';
import { Clock } from '../../shared/clock/clock';
import { addDaysToDate } from '../../shared/dates';
import { isUuid } from '../../shared/ids';
import { ACTIVE_STATUSES, RETENTION_MS } from '../domain/task';
import { InvalidCursorError } from '../domain/task-errors';
import { ColleagueTaskView, colleagueView, TaskView, TaskViews } from './task-views';
import { AccountDirectory, Keyset, SortOrder, TaskListFilter, TaskReadModel, TaskRecord, TaskSort } from './task.ports';

export type { ColleagueTaskView } from './task-views';

export type TaskListView = 'to-complete' | 'work-groups' | 'group-members' | 'recently-submitted';
export const TASK_LIST_VIEWS: readonly TaskListView[] = ['to-complete', 'work-groups', 'group-members', 'recently-submitted'];
export const TASK_SORTS: readonly TaskSort[] = ['dueDate', 'delegatedAt', 'title'];

/** What a professional narrows a list by (issue 24): all optional, combined with AND. */
export interface TaskSearch {
  /** Part of the child's name or the case reference. */
  q?: string;
  /** A form key. */
  form?: string;
  /** Only overdue tasks. */
  overdue?: boolean;
  /** Due within this many days from today, overdue ones included. */
  dueWithinDays?: number;
}

export interface ListTasksInput extends TaskSearch {
  view: TaskListView;
  sort?: TaskSort;
  order?: SortOrder;
  limit?: number;
  cursor?: string;
}

export interface AdminTaskFilter {
  status?: 'open' | 'in_progress' | 'submitted';
  workGroupId?: string;
  accountId?: string;
  overdue?: boolean;
  /** Helpdesk search ("unable to find a form"): see TaskListFilter. */
  reference?: string;
  subjectName?: string;
  email?: string;
  formKey?: string;
}

export interface TaskPage {
  items: (TaskView | ColleagueTaskView)[];
  nextCursor: string | null;
}

interface CursorPayload {
  s: TaskSort;
  o: SortOrder;
  v: string;
  id: string;
}

/** The professional's lists. Each page is one indexed query; the cursor is the last row's sort key and id. */
@Injectable()
export class ListTasks {
  constructor(
    private readonly readModel: TaskReadModel,
    private readonly views: TaskViews,
    private readonly clock: Clock,
    private readonly accounts: AccountDirectory,
  ) {}

  async execute(accountId: string, input: ListTasksInput): Promise<TaskPage> {
    return this.page({ ...this.filterFor(accountId, input.view), ...this.searchFilter(input) }, input);
  }

  private searchFilter(input: ListTasksInput): Partial<TaskListFilter> {
    const today = this.views.today();
    const q = input.q?.trim();
    return {
      search: q ? q : undefined,
      searchReferenceOnly: input.view === 'group-members',
      formKey: input.form,
      dueBefore: input.overdue ? today : undefined,
      dueOnOrBefore: input.dueWithinDays !== undefined ? addDaysToDate(today, input.dueWithinDays) : undefined,
    };
  }

  /** The helpdesk's list: every task's metadata (never answers), filtered. */
  async forAdmin(filter: AdminTaskFilter, input: Omit<ListTasksInput, 'view'>): Promise<TaskPage> {
    const today = this.views.today();
    const email = filter.email?.trim().toLowerCase() || undefined;
    // The account is identity's to find (a second statement, on the helpdesk's rare search only).
    const professional = email === undefined ? undefined : { email, accountId: (await this.accounts.findByEmail(email))?.id ?? null };
    return this.page(
      {
        // A submitted task is never overdue: saying so lets the plan use the index of active tasks by due date.
        statuses: filter.status
          ? [filter.status]
          : filter.overdue === true
            ? ['open', 'in_progress']
            : ['open', 'in_progress', 'submitted'],
        assigneeAccountId: filter.accountId,
        workGroupId: filter.workGroupId,
        dueBefore: filter.overdue === true ? today : undefined,
        dueOnOrAfter: filter.overdue === false ? today : undefined,
        subjectReference: filter.reference?.trim() || undefined,
        subjectNameContains: filter.subjectName?.trim() || undefined,
        professional,
        formKey: filter.formKey,
      },
      { ...input, view: 'to-complete' },
    );
  }

  private async page(filter: TaskListFilter, input: ListTasksInput): Promise<TaskPage> {
    const limit = input.limit ?? 25;
    // "Recently submitted" is newest first by definition; the other lists sort as asked.
    const sort: TaskSort = input.view === 'recently-submitted' ? 'submittedAt' : (input.sort ?? 'dueDate');
    const order: SortOrder = input.view === 'recently-submitted' ? 'desc' : (input.order ?? 'asc');
    const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor, sort, order);
    const rows = await this.readModel.list(filter, { sort, order, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const views = this.views.summaries(page);
    return {
      items: input.view === 'group-members' ? views.map(colleagueView) : views,
      nextCursor: rows.length > limit && last ? encodeCursor(sort, order, keysetOf(last, sort)) : null,
    };
  }

  /** The groups' lists name the member, not the groups: the page's one statement finds the groups itself. */
  private filterFor(accountId: string, view: TaskListView): TaskListFilter {
    switch (view) {
      case 'to-complete':
        return { assigneeAccountId: accountId, statuses: [...ACTIVE_STATUSES] };
      case 'work-groups':
        return { heldByGroupsOf: accountId, statuses: [...ACTIVE_STATUSES] };
      case 'group-members':
        return { heldByMembersThrough: { colleaguesOf: accountId }, statuses: [...ACTIVE_STATUSES] };
      case 'recently-submitted':
        return {
          assigneeAccountId: accountId,
          statuses: ['submitted'],
          submittedSince: new Date(this.clock.now().getTime() - RETENTION_MS),
        };
    }
  }
}

function keysetOf(record: TaskRecord, sort: TaskSort): Keyset {
  switch (sort) {
    case 'dueDate':
      return { value: record.dueDate, id: record.id };
    case 'delegatedAt':
      return { value: record.delegatedAt, id: record.id };
    case 'title':
      return { value: record.formTitle, id: record.id };
    case 'submittedAt':
      return { value: record.submittedAt!, id: record.id };
  }
}

/** Opaque to clients: base64url of the sort, order, sort key and id of the last row. */
export function encodeCursor(sort: TaskSort, order: SortOrder, keyset: Keyset): string {
  const payload: CursorPayload = { s: sort, o: order, v: keyset.value, id: keyset.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function badCursor(): never {
  throw new InvalidCursorError();
}

export function decodeCursor(cursor: string, sort: TaskSort, order: SortOrder): Keyset {
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) badCursor();
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPayload>;
  } catch {
    badCursor();
  }
  if (!payload || typeof payload !== 'object' || payload.s !== sort || payload.o !== order) badCursor();
  const { v, id } = payload;
  if (typeof v !== 'string' || typeof id !== 'string' || !isUuid(id)) badCursor();
  const valid =
    sort === 'dueDate'
      ? isRealDate(v)
      : sort === 'title'
        ? true
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v));
  if (!valid) badCursor();
  return { value: v, id };
}
