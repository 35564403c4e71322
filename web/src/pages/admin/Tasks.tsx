import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { problemErrors, problemText } from '../../components/errors';
import { ErrorMessage } from '../../components/fields';
import { Pager, usePagedList } from '../../components/lists';
import { Modal } from '../../components/Modal';
import { Heading, Loading, SuccessBanner, usePageTitle } from '../../components/Page';
import { formatInstant } from '../../format';
import { useT } from '../../i18n/language';
import type { AdminWorkGroup, Page, TaskSummary } from '../../types';
import { assigneeName, DueDate, StatusTag } from '../Dashboard';
import { AdminBreadcrumbs } from './AdminHome';
import { TaskSearchForm, type TaskSearch } from './TaskSearchForm';
import { TableHead } from '../../components/TableHead';

function AdminReassign({ task, groups, onClose, onDone }: { task: TaskSummary; groups: AdminWorkGroup[]; onClose: () => void; onDone: (text: string) => void }) {
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!groupId) return setError(t('adminTasks.selectGroup'));
    try {
      await api.post(`/tasks/${encodeURIComponent(task.id)}/reassign`, { to: { workGroupId: groupId } });
      onDone(t('adminTasks.reassigned', { title: task.title, group: groups.find((g) => g.id === groupId)?.name ?? t('adminTasks.theGroup') }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <Modal title={t('adminTasks.reassignTitle')} onClose={onClose} wide>
      <p className="govuk-body">
        <strong>{task.title}</strong> {task.subject?.reference && <>{t('reassign.reference', { reference: task.subject.reference })}</>}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="admin-reassign-group">
            {t('adminTasks.workGroup')}
          </label>
          {error && <ErrorMessage id="admin-reassign-error">{error}</ErrorMessage>}
          <select id="admin-reassign-group" className="govuk-select" value={groupId} aria-describedby={error ? 'admin-reassign-error' : undefined} onChange={(event) => setGroupId(event.target.value)}>
            <option value="">{t('adminTasks.selectGroup')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            {t('reassign.confirm')}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function AdminTasksPage() {
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [groupFilter, setGroupFilter] = useState('');
  const [groups, setGroups] = useState<AdminWorkGroup[]>([]);
  const [reassigning, setReassigning] = useState<TaskSummary | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [search, setSearch] = useState<TaskSearch>({});
  const list = usePagedList<TaskSummary>('/admin/tasks', { ...search, status: status || undefined, overdue: overdue ? 'true' : undefined, workGroupId: groupFilter || undefined });
  const t = useT();
  usePageTitle(t('admin.tasks'));

  useEffect(() => {
    api
      .get<Page<AdminWorkGroup>>('/admin/work-groups', { query: { limit: 100 } })
      .then((result) => setGroups(result.items ?? []))
      .catch(() => setGroups([]));
  }, []);

  return (
    <>
      <AdminBreadcrumbs items={[{ label: t('admin.tasks') }]} />
      {message && <SuccessBanner heading={message} />}
      <Heading>{t('admin.tasks')}</Heading>
      <p className="govuk-body">{t('adminTasks.intro')}</p>
      <TaskSearchForm onSearch={setSearch} />
      <div className="app-filters">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="task-status">
            {t('dashboard.col.status')}
          </label>
          <select id="task-status" className="govuk-select" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('adminTasks.anyStatus')}</option>
            <option value="open">{t('dashboard.status.notStarted')}</option>
            <option value="in_progress">{t('dashboard.status.inProgress')}</option>
            <option value="submitted">{t('dashboard.status.submitted')}</option>
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="task-group">
            {t('adminTasks.workGroup')}
          </label>
          <select id="task-group" className="govuk-select" value={groupFilter} onChange={(event) => setGroupFilter(event.target.value)}>
            <option value="">{t('adminTasks.anyGroup')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="task-overdue" type="checkbox" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="task-overdue">
                {t('adminTasks.onlyOverdue')}
              </label>
            </div>
          </div>
        </div>
      </div>
      {list.error ? (
        <ErrorSummary errors={problemErrors(list.error).summary} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="govuk-body" role="status">
          {t('adminTasks.none')}
        </p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{t('admin.tasks')}</caption>
            <TableHead
              columns={[t('dashboard.col.form'), t('dashboard.col.reference'), t('dashboard.col.assignedTo'), t('dashboard.col.workGroup'), t('dashboard.col.delegated'), t('dashboard.col.dueDate'), t('dashboard.col.status')]}
              hiddenLast={t('dashboard.col.actions')}
            />
            <tbody className="govuk-table__body">
              {list.items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.form')}>{task.title}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.reference')}>{task.subject?.reference ?? ''}</td>
                  <td className="govuk-table__cell app-break-word" data-label={t('dashboard.col.assignedTo')}>{assigneeName(task.assignee)}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.workGroup')}>{task.workGroup?.name ?? ''}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.delegated')}>{formatInstant(task.delegatedAt)}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.dueDate')}>
                    <DueDate task={task} />
                  </td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.status')}>
                    <StatusTag status={task.status} />
                  </td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.actions')}>
                    {task.status !== 'submitted' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setReassigning(task)}>
                        {t('reassign.confirm')}
                        <span className="govuk-visually-hidden"> {task.title}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label={t('admin.tasks')} />
        </>
      )}
      {reassigning && (
        <AdminReassign
          task={reassigning}
          groups={groups}
          onClose={() => setReassigning(null)}
          onDone={(text) => {
            setReassigning(null);
            setMessage(text);
            list.reload();
          }}
        />
      )}
    </>
  );
}
