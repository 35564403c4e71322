import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, apiUrl, isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { problemText } from '../components/errors';
import { Pager, usePagedList } from '../components/lists';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../components/Page';
import { ReassignDialog } from '../components/ReassignDialog';
import { formatDay, formatInstant } from '../format';
import { Link, navigate, useQuery } from '../router';
import { useSession } from '../session';
import type { Assignee, TaskStatus, TaskSummary } from '../types';

type View = 'to-complete' | 'work-groups' | 'group-members' | 'recently-submitted';
type SortKey = 'dueDate' | 'delegatedAt' | 'title';

const TAB_LABELS: Record<View, string> = {
  'to-complete': 'Tasks to complete',
  'work-groups': 'Tasks assigned to your Work Groups',
  'group-members': 'Group member tasks',
  'recently-submitted': 'Recently submitted tasks',
};

export function StatusTag({ status }: { status?: TaskStatus }) {
  if (status === 'in_progress') return <strong className="govuk-tag govuk-tag--light-blue">In progress</strong>;
  if (status === 'submitted') return <strong className="govuk-tag govuk-tag--green">Submitted</strong>;
  if (status === 'open') return <strong className="govuk-tag govuk-tag--grey">Not started</strong>;
  return null;
}

export function DueDate({ task }: { task: TaskSummary }) {
  if (!task.dueDate) return <>Not set</>;
  return (
    <>
      <span className="app-nowrap">{formatDay(task.dueDate)}</span>
      {task.overdue && (
        <>
          {' '}
          <strong className="govuk-tag govuk-tag--red app-overdue">Overdue</strong>
        </>
      )}
    </>
  );
}

export function assigneeName(assignee?: Assignee | null): string {
  if (!assignee) return '';
  if (assignee.type === 'account') return assignee.name || assignee.email;
  if (assignee.type === 'work_group') return `${assignee.name} (Work Group)`;
  return `${assignee.email} (not registered yet)`;
}

function Cell({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`govuk-table__cell${className ? ` ${className}` : ''}`} data-label={label}>
      {children}
    </td>
  );
}

function SortHeader({ label, sortKey, sort, order, onSort }: { label: string; sortKey: SortKey; sort: SortKey; order: 'asc' | 'desc'; onSort: (key: SortKey) => void }) {
  const active = sort === sortKey;
  return (
    <th scope="col" className="govuk-table__header" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="app-sort-button" onClick={() => onSort(sortKey)}>
        {label}
        <span className="app-sort-button__icon" aria-hidden="true">
          {active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ⇅'}
        </span>
      </button>
    </th>
  );
}

function TaskLink({ task }: { task: TaskSummary }) {
  return (
    <Link to={`/tasks/${encodeURIComponent(task.id)}`} className="govuk-link app-task-link">
      {task.title}
      {task.subject?.reference && <span className="govuk-visually-hidden">, reference {task.subject.reference}</span>}
    </Link>
  );
}

interface ListProps {
  onError: (message: string) => void;
  onReassign: (task: TaskSummary) => void;
  reloadKey: number;
}

function ToCompleteList({ reloadKey }: ListProps) {
  const [sort, setSort] = useState<SortKey>('dueDate');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const list = usePagedList<TaskSummary>('/tasks', { view: 'to-complete', sort, order });
  useReload(list.reload, reloadKey);
  const onSort = (key: SortKey) => {
    if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(key === 'delegatedAt' ? 'desc' : 'asc');
    }
  };
  return (
    <ListFrame list={list} empty="You have no forms to complete. When the council sends you a form, it will appear here and we will email you." label="Tasks to complete">
      {(items) => (
        <table className="govuk-table app-responsive-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Tasks to complete. Select a column heading to sort.</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <SortHeader label="Form" sortKey="title" sort={sort} order={order} onSort={onSort} />
              <th scope="col" className="govuk-table__header">
                Child or young person
              </th>
              <th scope="col" className="govuk-table__header">
                Reference
              </th>
              <SortHeader label="Delegated" sortKey="delegatedAt" sort={sort} order={order} onSort={onSort} />
              <SortHeader label="Due date" sortKey="dueDate" sort={sort} order={order} onSort={onSort} />
              <th scope="col" className="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((task) => (
              <tr className="govuk-table__row" key={task.id}>
                <Cell label="Form">
                  <TaskLink task={task} />
                </Cell>
                <Cell label="Child or young person">{task.subject?.displayName ?? ''}</Cell>
                <Cell label="Reference">{task.subject?.reference ?? ''}</Cell>
                <Cell label="Delegated">
                  <span className="app-nowrap">{formatInstant(task.delegatedAt)}</span>
                </Cell>
                <Cell label="Due date">
                  <DueDate task={task} />
                </Cell>
                <Cell label="Status">
                  <StatusTag status={task.status} />
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListFrame>
  );
}

function WorkGroupList({ onError, onReassign, reloadKey }: ListProps) {
  const list = usePagedList<TaskSummary>('/tasks', { view: 'work-groups' });
  useReload(list.reload, reloadKey);
  const [busy, setBusy] = useState<string | null>(null);
  const pickup = async (task: TaskSummary) => {
    setBusy(task.id);
    try {
      await api.post(`/tasks/${encodeURIComponent(task.id)}/pickup`);
      setFlash(`You have picked up "${task.title}". It is now in your Tasks to complete.`);
      navigate(`/tasks/${encodeURIComponent(task.id)}`);
    } catch (error) {
      setBusy(null);
      onError(isApiError(error, 'already_picked_up') ? 'Someone else has already picked up this task. The list has been updated.' : problemText(error));
      list.reload();
    }
  };
  return (
    <ListFrame list={list} empty="There are no tasks waiting for your work groups." label="Tasks assigned to your Work Groups">
      {(items) => (
        <table className="govuk-table app-responsive-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Tasks assigned to your Work Groups</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Form</th>
              <th scope="col" className="govuk-table__header">Child or young person</th>
              <th scope="col" className="govuk-table__header">Reference</th>
              <th scope="col" className="govuk-table__header">Work Group</th>
              <th scope="col" className="govuk-table__header">Due date</th>
              <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((task) => (
              <tr className="govuk-table__row" key={task.id}>
                <Cell label="Form">{task.title}</Cell>
                <Cell label="Child or young person">{task.subject?.displayName ?? ''}</Cell>
                <Cell label="Reference">{task.subject?.reference ?? ''}</Cell>
                <Cell label="Work Group">{task.workGroup?.name ?? (task.assignee?.type === 'work_group' ? task.assignee.name : '')}</Cell>
                <Cell label="Due date">
                  <DueDate task={task} />
                </Cell>
                <Cell label="Actions" className="app-actions-cell">
                  <div className="app-row-actions">
                    <button type="button" className="govuk-button govuk-!-margin-bottom-0" disabled={busy === task.id} onClick={() => void pickup(task)}>
                      Pickup<span className="govuk-visually-hidden"> {task.title}{task.subject?.reference ? `, reference ${task.subject.reference}` : ''}</span>
                    </button>
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onReassign(task)}>
                      Re-Assign<span className="govuk-visually-hidden"> {task.title}{task.subject?.reference ? `, reference ${task.subject.reference}` : ''}</span>
                    </button>
                  </div>
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListFrame>
  );
}

function GroupMemberList({ onReassign, reloadKey }: ListProps) {
  const list = usePagedList<TaskSummary>('/tasks', { view: 'group-members' });
  useReload(list.reload, reloadKey);
  return (
    <ListFrame list={list} empty="None of the people in your work groups has a task from your groups at the moment." label="Group member tasks">
      {(items) => (
        <>
          <p className="govuk-body">
            Only re-assign a colleague's task if they agree, or if they are away and the task needs someone else.
          </p>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Group member tasks</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Form</th>
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Assigned to</th>
                <th scope="col" className="govuk-table__header">Work Group</th>
                <th scope="col" className="govuk-table__header">Due date</th>
                <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <Cell label="Form">{task.title}</Cell>
                  <Cell label="Reference">{task.subject?.reference ?? ''}</Cell>
                  <Cell label="Assigned to">{assigneeName(task.assignee)}</Cell>
                  <Cell label="Work Group">{task.workGroup?.name ?? ''}</Cell>
                  <Cell label="Due date">
                    <DueDate task={task} />
                  </Cell>
                  <Cell label="Actions" className="app-actions-cell">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onReassign(task)}>
                      Re-Assign<span className="govuk-visually-hidden"> {task.title}{task.subject?.reference ? `, reference ${task.subject.reference}` : ''}</span>
                    </button>
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </ListFrame>
  );
}

function RecentlySubmittedList({ reloadKey }: ListProps) {
  const list = usePagedList<TaskSummary>('/tasks', { view: 'recently-submitted' });
  useReload(list.reload, reloadKey);
  return (
    <ListFrame list={list} empty="You have not submitted any forms in the last 30 days." label="Recently submitted tasks">
      {(items) => (
        <>
          <p className="govuk-body">You can download a copy of a form you submitted for 30 days after you submit it.</p>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Recently submitted tasks</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Form</th>
                <th scope="col" className="govuk-table__header">Child or young person</th>
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Submitted</th>
                <th scope="col" className="govuk-table__header">Available until</th>
                <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Download</span></th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <Cell label="Form">{task.title}</Cell>
                  <Cell label="Child or young person">{task.subject?.displayName ?? ''}</Cell>
                  <Cell label="Reference">{task.subject?.reference ?? ''}</Cell>
                  <Cell label="Submitted">
                    <span className="app-nowrap">{formatInstant(task.submittedAt)}</span>
                  </Cell>
                  <Cell label="Available until">
                    <span className="app-nowrap">{formatInstant(task.availableUntil)}</span>
                  </Cell>
                  <Cell label="Download">
                    <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
                      Download PDF<span className="govuk-visually-hidden"> of {task.title}{task.subject?.reference ? `, reference ${task.subject.reference}` : ''}</span>
                    </a>
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </ListFrame>
  );
}

function useReload(reload: () => void, key: number) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    reload();
  }, [key, reload]);
}

function ListFrame<T>({ list, empty, label, children }: { list: ReturnType<typeof usePagedList<T>>; empty: string; label: string; children: (items: T[]) => ReactNode }) {
  if (list.error) {
    return (
      <div className="govuk-inset-text" role="alert">
        {problemText(list.error)}{' '}
        <button type="button" className="app-link-button govuk-link" onClick={list.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (!list.items) return <Loading label="Loading tasks" />;
  if (!list.items.length && list.pageNumber === 1) return <p className="govuk-body app-empty">{empty}</p>;
  return (
    <>
      {children(list.items)}
      <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label={label} />
    </>
  );
}

export function DashboardPage() {
  const query = useQuery();
  const { account } = useSession();
  const [flash, setFlashState] = useState(takeFlash);
  const [error, setError] = useState<string | null>(null);
  const [hasGroupTasks, setHasGroupTasks] = useState<boolean | null>(null);
  const [reassigning, setReassigning] = useState<TaskSummary | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const inGroups = (account?.workGroups?.length ?? 0) > 0;

  useEffect(() => {
    if (!inGroups) {
      setHasGroupTasks(false);
      return;
    }
    api
      .get<{ items: unknown[] }>('/tasks', { query: { view: 'work-groups', limit: 1 } })
      .then((result) => setHasGroupTasks((result.items ?? []).length > 0))
      .catch(() => setHasGroupTasks(false));
  }, [inGroups, reloadKey]);

  const views: View[] = ['to-complete'];
  if (hasGroupTasks) views.push('work-groups');
  if (inGroups) views.push('group-members');
  views.push('recently-submitted');
  const requested = query.get('view') as View | null;
  const view: View = requested && views.includes(requested) ? requested : 'to-complete';

  usePageTitle(TAB_LABELS[view], !!error);

  const select = (next: View) => {
    setError(null);
    setFlashState(null);
    window.history.replaceState(null, '', next === 'to-complete' ? '/' : `/?view=${next}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % views.length;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + views.length) % views.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = views.length - 1;
    if (next < 0) return;
    event.preventDefault();
    select(views[next]!);
    window.setTimeout(() => document.getElementById(`tab-${views[next]}`)?.focus(), 0);
  };

  const listProps: ListProps = {
    onError: setError,
    onReassign: setReassigning,
    reloadKey,
  };

  return (
    <>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
      <Heading caption={account ? `${account.firstName} ${account.lastName}` : undefined}>Your tasks</Heading>
      <div className="govuk-tabs app-tabs" data-module="govuk-tabs">
        <h2 className="govuk-tabs__title">Contents</h2>
        <ul className="govuk-tabs__list" role="tablist">
          {views.map((v, index) => (
            <li key={v} className={`govuk-tabs__list-item${v === view ? ' govuk-tabs__list-item--selected' : ''}`} role="presentation">
              <a
                className="govuk-tabs__tab"
                href={v === 'to-complete' ? '/' : `/?view=${v}`}
                id={`tab-${v}`}
                role="tab"
                aria-controls={`panel-${v}`}
                aria-selected={v === view}
                tabIndex={v === view ? 0 : -1}
                onClick={(event) => {
                  event.preventDefault();
                  select(v);
                }}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                {TAB_LABELS[v]}
              </a>
            </li>
          ))}
        </ul>
        <section className="govuk-tabs__panel" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
          <h2 className="govuk-heading-m">{TAB_LABELS[view]}</h2>
          {view === 'to-complete' && <ToCompleteList {...listProps} />}
          {view === 'work-groups' && <WorkGroupList {...listProps} />}
          {view === 'group-members' && <GroupMemberList {...listProps} />}
          {view === 'recently-submitted' && <RecentlySubmittedList {...listProps} />}
        </section>
      </div>
      {reassigning && (
        <ReassignDialog
          task={reassigning}
          onClose={() => setReassigning(null)}
          onDone={(target) => {
            setReassigning(null);
            setError(null);
            setFlashState({ text: `"${reassigning.title}" has been re-assigned to ${target}.` });
            setReloadKey((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
