import { Injectable } from '@nestjs/common';
import { isRealDate } from '../../../libs/form-schema/src';
import { Clock } from '../../shared/clock/clock';
import { isUuid } from '../../shared/ids';
import { InvalidRequestError } from '../../shared/http/request-validation';
import { ACTIVE_STATUSES, RETENTION_MS } from '../domain/task';
import { TaskView, TaskViews } from './task-views';
import { Keyset, SortOrder, TaskListFilter, TaskReadModel, TaskRecord, TaskSort } from './task.ports';

export type TaskListView = 'to-complete' | 'work-groups' | 'group-members' | 'recently-submitted';
export const TASK_LIST_VIEWS: readonly TaskListView[] = ['to-complete', 'work-groups', 'group-members', 'recently-submitted'];
export const TASK_SORTS: readonly TaskSort[] = ['dueDate', 'delegatedAt', 'title'];

export interface ListTasksInput {
  view: TaskListView;
  sort?: TaskSort;
  order?: SortOrder;
  limit?: number;
  cursor?: string;
}

/** What members see of a colleague's task (API.md: metadata only). */
export type ColleagueTaskView = Pick<TaskView, 'id' | 'title' | 'dueDate' | 'overdue' | 'assignee' | 'workGroup'> & {
  subject: { reference: string };
};

export interface AdminTaskFilter {
  status?: 'open' | 'in_progress' | 'submitted';
  workGroupId?: string;
  accountId?: string;
  overdue?: boolean;
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
  ) {}

  async execute(accountId: string, input: ListTasksInput): Promise<TaskPage> {
    return this.page(this.filterFor(accountId, input.view), input);
  }

  /** The helpdesk's list: every task's metadata (never answers), filtered. */
  async forAdmin(filter: AdminTaskFilter, input: Omit<ListTasksInput, 'view'>): Promise<TaskPage> {
    const today = this.views.today();
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

function colleagueView(view: TaskView): ColleagueTaskView {
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

function keysetOf(record: TaskRecord, sort: TaskSort): Keyset {
  switch (sort) {
    case 'dueDate':
      return { value: record.dueDate, id: record.id };
    case 'delegatedAt':
      return { value: record.delegatedAt.toISOString(), id: record.id };
    case 'title':
      return { value: record.formTitle, id: record.id };
    case 'submittedAt':
      return { value: record.submittedAt!.toISOString(), id: record.id };
  }
}

/** Opaque to clients: base64url of the sort, order, sort key and id of the last row. */
export function encodeCursor(sort: TaskSort, order: SortOrder, keyset: Keyset): string {
  const payload: CursorPayload = { s: sort, o: order, v: keyset.value, id: keyset.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function badCursor(): never {
  throw new InvalidRequestError([{ path: 'cursor', message: 'cursor is not valid for this list: start again without it' }]);
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
