import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { api, apiUrl, isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { problemText } from '../components/errors';
import { Pager, usePagedList } from '../components/lists';
import { Heading, Loading, SuccessBanner, setFlash, takeFlash, usePageTitle } from '../components/Page';
import { ReassignDialog } from '../components/ReassignDialog';
import { apiFilters, filtersFrom, setUrlParams, TaskFilters, type ListFilters } from '../components/TaskFilters';
import { formatDay, formatInstant } from '../format';
import { Link, navigate, useQuery } from '../router';
import { currentLanguage, translate, useLanguage, useT, type T } from '../i18n/language';
import { useSession } from '../session';
import type { Assignee, TaskStatus, TaskSummary } from '../types';
import { TableHead } from '../components/TableHead';

type View = 'to-complete' | 'work-groups' | 'group-members' | 'recently-submitted';
type SortKey = 'dueDate' | 'delegatedAt' | 'title';

const TAB_KEYS = {
  'to-complete': 'dashboard.tab.toComplete',
  'work-groups': 'dashboard.tab.workGroups',
  'group-members': 'dashboard.tab.groupMembers',
  'recently-submitted': 'dashboard.tab.recentlySubmitted',
} as const satisfies Record<View, Parameters<T>[0]>;

function tabLabel(t: T, view: View): string {
  return t(TAB_KEYS[view]);
}

export function StatusTag({ status, review }: { status?: TaskStatus; review?: TaskSummary['review'] }) {
  const language = useLanguage();
  const t: T = (key, params) => translate(language, key, params);
  if (review?.state === 'ready_for_review' && status !== 'submitted') return <strong className="govuk-tag govuk-tag--purple">{t('dashboard.status.review')}</strong>;
  if (status === 'in_progress') return <strong className="govuk-tag govuk-tag--light-blue">{t('dashboard.status.inProgress')}</strong>;
  if (status === 'submitted') return <strong className="govuk-tag govuk-tag--green">{t('dashboard.status.submitted')}</strong>;
  if (status === 'open') return <strong className="govuk-tag govuk-tag--grey">{t('dashboard.status.notStarted')}</strong>;
  return null;
}

export function DueDate({ task }: { task: TaskSummary }) {
  const t = useT();
  if (!task.dueDate) return <>{t('dashboard.due.notSet')}</>;
  return (
    <>
      <span className="app-nowrap">{formatDay(task.dueDate)}</span>
      {task.overdue && (
        <>
          {' '}
          <strong className="govuk-tag govuk-tag--red app-overdue">{t('dashboard.due.overdue')}</strong>
        </>
      )}
    </>
  );
}

export function assigneeName(assignee?: Assignee | null): string {
  if (!assignee) return '';
  if (assignee.type === 'account') return assignee.name || assignee.email;
  // Read at render, in the language shown (the callers re-render on a switch).
  if (assignee.type === 'work_group') return translate(currentLanguage(), 'assignee.workGroup', { name: assignee.name });
  return translate(currentLanguage(), 'assignee.notRegistered', { email: assignee.email });
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
  filters: ListFilters;
  /** Sort and order from the address: they survive a reload, as the filters do. */
  sort?: SortKey;
  order?: 'asc' | 'desc';
}

function ToCompleteList({ reloadKey, filters, sort = 'dueDate', order = 'asc' }: ListProps) {
  const t = useT();
  const list = usePagedList<TaskSummary>('/tasks', { view: 'to-complete', sort, order, ...apiFilters(filters) });
  useReload(list.reload, reloadKey);
  const filtered = !!(filters.q || filters.form || filters.due);
  const onSort = (key: SortKey) => {
    if (key === sort) setUrlParams({ sort: key, order: order === 'asc' ? 'desc' : 'asc' });
    else setUrlParams({ sort: key, order: key === 'delegatedAt' ? 'desc' : 'asc' });
  };
  return (
    <ListFrame list={list} empty={filtered ? t('dashboard.filteredEmpty') : t('dashboard.toComplete.empty')} label={t('dashboard.tab.toComplete')}>
      {(items) => (
        <table className="govuk-table app-responsive-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{t('dashboard.toComplete.caption')}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <SortHeader label={t('dashboard.col.form')} sortKey="title" sort={sort} order={order} onSort={onSort} />
              <th scope="col" className="govuk-table__header">
                {t('dashboard.col.child')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('dashboard.col.reference')}
              </th>
              <SortHeader label={t('dashboard.col.delegated')} sortKey="delegatedAt" sort={sort} order={order} onSort={onSort} />
              <SortHeader label={t('dashboard.col.dueDate')} sortKey="dueDate" sort={sort} order={order} onSort={onSort} />
              <th scope="col" className="govuk-table__header">
                {t('dashboard.col.status')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((task) => (
              <tr className="govuk-table__row" key={task.id}>
                <Cell label={t('dashboard.col.form')}>
                  <TaskLink task={task} />
                </Cell>
                <Cell label={t('dashboard.col.child')}>{task.subject?.displayName ?? ''}</Cell>
                <Cell label={t('dashboard.col.reference')}>{task.subject?.reference ?? ''}</Cell>
                <Cell label={t('dashboard.col.delegated')}>
                  <span className="app-nowrap">{formatInstant(task.delegatedAt)}</span>
                </Cell>
                <Cell label={t('dashboard.col.dueDate')}>
                  <DueDate task={task} />
                </Cell>
                <Cell label={t('dashboard.col.status')}>
                  <StatusTag status={task.status} review={task.review} />
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ListFrame>
  );
}

function WorkGroupList({ onError, onReassign, reloadKey, filters }: ListProps) {
  const list = usePagedList<TaskSummary>('/tasks', { view: 'work-groups', ...apiFilters(filters) });
  useReload(list.reload, reloadKey);
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const pickup = async (task: TaskSummary) => {
    setBusy(task.id);
    try {
      await api.post(`/tasks/${encodeURIComponent(task.id)}/pickup`);
      setFlash(t('dashboard.pickedUp', { title: task.title }));
      navigate(`/tasks/${encodeURIComponent(task.id)}`);
    } catch (error) {
      setBusy(null);
      onError(isApiError(error, 'already_picked_up') ? t('dashboard.alreadyPicked') : problemText(error));
      list.reload();
    }
  };
  return (
    <ListFrame list={list} empty={filters.q || filters.form || filters.due ? t('dashboard.filteredEmpty') : t('dashboard.groups.empty')} label={t('dashboard.tab.workGroups')}>
      {(items) => (
        <table className="govuk-table app-responsive-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{t('dashboard.tab.workGroups')}</caption>
          <TableHead
            columns={[t('dashboard.col.form'), t('dashboard.col.child'), t('dashboard.col.reference'), t('dashboard.col.workGroup'), t('dashboard.col.dueDate')]}
            hiddenLast={t('dashboard.col.actions')}
          />
          <tbody className="govuk-table__body">
            {items.map((task) => (
              <tr className="govuk-table__row" key={task.id}>
                <Cell label={t('dashboard.col.form')}>{task.title}</Cell>
                <Cell label={t('dashboard.col.child')}>{task.subject?.displayName ?? ''}</Cell>
                <Cell label={t('dashboard.col.reference')}>{task.subject?.reference ?? ''}</Cell>
                <Cell label={t('dashboard.col.workGroup')}>{task.workGroup?.name ?? (task.assignee?.type === 'work_group' ? task.assignee.name : '')}</Cell>
                <Cell label={t('dashboard.col.dueDate')}>
                  <DueDate task={task} />
                </Cell>
                <Cell label={t('dashboard.col.actions')} className="app-actions-cell">
                  <div className="app-row-actions">
                    <button type="button" className="govuk-button govuk-!-margin-bottom-0" disabled={busy === task.id} onClick={() => void pickup(task)}>
                      {t('dashboard.pickup')}
                      <span className="govuk-visually-hidden"> {task.title}{task.subject?.reference ? t('dashboard.reference', { reference: task.subject.reference }) : ''}</span>
                    </button>
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => onReassign(task)}>
                      {t('dashboard.reassign')}
                      <span className="govuk-visually-hidden"> {task.title}{task.subject?.reference ? t('dashboard.reference', { reference: task.subject.reference }) : ''}</span>
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

function GroupMemberList({ onReassign, reloadKey, filters }: ListProps) {
  const list = usePagedList<TaskSummary>('/tasks', { view: 'group-members', ...apiFilters({ ...filters, form: undefined }) });
  useReload(list.reload, reloadKey);
  const t = useT();
  return (
    <ListFrame list={list} empty={filters.q || filters.due ? t('dashboard.filteredEmpty') : t('dashboard.members.empty')} label={t('dashboard.tab.groupMembers')}>
      {(items) => (
        <>
          <p className="govuk-body">
            Only re-assign a colleague's task if they agree, or if they are away and the task needs someone else.
          </p>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{t('dashboard.tab.groupMembers')}</caption>
            <TableHead
              columns={[t('dashboard.col.form'), t('dashboard.col.reference'), t('dashboard.col.assignedTo'), t('dashboard.col.workGroup'), t('dashboard.col.dueDate')]}
              hiddenLast={t('dashboard.col.actions')}
            />
            <tbody className="govuk-table__body">
              {items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <Cell label={t('dashboard.col.form')}>{task.title}</Cell>
                  <Cell label={t('dashboard.col.reference')}>{task.subject?.reference ?? ''}</Cell>
                  <Cell label={t('dashboard.col.assignedTo')}>{assigneeName(task.assignee)}</Cell>
                  <Cell label={t('dashboard.col.workGroup')}>{task.workGroup?.name ?? ''}</Cell>
                  <Cell label={t('dashboard.col.dueDate')}>
                    <DueDate task={task} />
                  </Cell>
                  <Cell label={t('dashboard.col.actions')} className="app-actions-cell">
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
  const t = useT();
  return (
    <ListFrame list={list} empty={t('dashboard.recent.empty')} label={t('dashboard.tab.recentlySubmitted')}>
      {(items) => (
        <>
          <p className="govuk-body">{t('dashboard.recent.intro')}</p>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{t('dashboard.tab.recentlySubmitted')}</caption>
            <TableHead
              columns={[t('dashboard.col.form'), t('dashboard.col.child'), t('dashboard.col.reference'), t('dashboard.col.submitted'), t('dashboard.col.availableUntil')]}
              hiddenLast={t('dashboard.col.details')}
            />
            <tbody className="govuk-table__body">
              {items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <Cell label={t('dashboard.col.form')}>
                    {/* The guide: "click on the form you wish to view and it will automatically download". */}
                    <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(task.id)}/pdf`)} download>
                      {task.title}
                      <span className="govuk-visually-hidden">{task.subject?.reference ? t('dashboard.reference', { reference: task.subject.reference }) : ''}</span>
                      {t('dashboard.pdf')}
                    </a>
                  </Cell>
                  <Cell label={t('dashboard.col.child')}>{task.subject?.displayName ?? ''}</Cell>
                  <Cell label={t('dashboard.col.reference')}>{task.subject?.reference ?? ''}</Cell>
                  <Cell label={t('dashboard.col.submitted')}>
                    <span className="app-nowrap">{formatInstant(task.submittedAt)}</span>
                  </Cell>
                  <Cell label={t('dashboard.col.availableUntil')}>
                    <span className="app-nowrap">{formatInstant(task.availableUntil)}</span>
                  </Cell>
                  <Cell label={t('dashboard.col.details')}>
                    <Link to={`/tasks/${encodeURIComponent(task.id)}`}>
                      {t('dashboard.viewAnswers')}
                      <span className="govuk-visually-hidden">
                        {t('dashboard.of', { title: task.title })}
                        {task.subject?.reference ? t('dashboard.reference', { reference: task.subject.reference }) : ''}
                      </span>
                    </Link>
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
  const t = useT();
  if (list.error) {
    return (
      <div className="govuk-inset-text" role="alert">
        {problemText(list.error)}{' '}
        <button type="button" className="app-link-button govuk-link" onClick={list.reload}>
          {t('dashboard.tryAgain')}
        </button>
      </div>
    );
  }
  if (!list.items) return <Loading label={t('dashboard.loading')} />;
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

  const t = useT();
  usePageTitle(tabLabel(t, view), !!error);

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

  const filters = filtersFrom(query);
  const sortParam = query.get('sort');
  const orderParam = query.get('order');
  const listProps: ListProps = {
    onError: setError,
    onReassign: setReassigning,
    reloadKey,
    filters,
    sort: sortParam === 'delegatedAt' || sortParam === 'title' || sortParam === 'dueDate' ? sortParam : undefined,
    order: orderParam === 'desc' || orderParam === 'asc' ? orderParam : undefined,
  };

  return (
    <>
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {flash && <SuccessBanner heading={flash.heading ?? flash.text}>{flash.heading && <p className="govuk-body">{flash.text}</p>}</SuccessBanner>}
      <Heading caption={account ? `${account.firstName} ${account.lastName}` : undefined}>{t('dashboard.yourTasks')}</Heading>
      <div className="govuk-tabs app-tabs" data-module="govuk-tabs">
        <h2 className="govuk-tabs__title">{t('dashboard.contents')}</h2>
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
                {tabLabel(t, v)}
              </a>
            </li>
          ))}
        </ul>
        <section className="govuk-tabs__panel" id={`panel-${view}`} role="tabpanel" aria-labelledby={`tab-${view}`}>
          <h2 className="govuk-heading-m">{tabLabel(t, view)}</h2>
          {view !== 'recently-submitted' && <TaskFilters view={view} filters={filters} referenceOnly={view === 'group-members'} />}
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
            setFlashState({ text: t('flash.reassigned', { title: reassigning.title, target }) });
            setReloadKey((n) => n + 1);
          }}
        />
      )}
    </>
  );
}
