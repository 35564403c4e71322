import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { problemErrors, problemText } from '../../components/errors';
import { ErrorMessage } from '../../components/fields';
import { Pager, usePagedList } from '../../components/lists';
import { Modal } from '../../components/Modal';
import { Heading, Loading, SuccessBanner, usePageTitle } from '../../components/Page';
import { formatInstant } from '../../format';
import type { AdminWorkGroup, Page, TaskSummary } from '../../types';
import { assigneeName, DueDate, StatusTag } from '../Dashboard';
import { AdminBreadcrumbs } from './AdminHome';

function AdminReassign({ task, groups, onClose, onDone }: { task: TaskSummary; groups: AdminWorkGroup[]; onClose: () => void; onDone: (text: string) => void }) {
  const [groupId, setGroupId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!groupId) return setError('Select a work group');
    try {
      await api.post(`/tasks/${encodeURIComponent(task.id)}/reassign`, { to: { workGroupId: groupId } });
      onDone(`"${task.title}" has been re-assigned to ${groups.find((g) => g.id === groupId)?.name ?? 'the work group'}.`);
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <Modal title="Re-Assign task to a work group" onClose={onClose} wide>
      <p className="govuk-body">
        <strong>{task.title}</strong> {task.subject?.reference && <>– reference {task.subject.reference}</>}
      </p>
      <form noValidate onSubmit={submit}>
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="admin-reassign-group">
            Work group
          </label>
          {error && <ErrorMessage id="admin-reassign-error">{error}</ErrorMessage>}
          <select id="admin-reassign-group" className="govuk-select" value={groupId} aria-describedby={error ? 'admin-reassign-error' : undefined} onChange={(event) => setGroupId(event.target.value)}>
            <option value="">Select a work group</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Re-Assign
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onClose}>
            Cancel
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
  const list = usePagedList<TaskSummary>('/admin/tasks', { status: status || undefined, overdue: overdue ? 'true' : undefined, workGroupId: groupFilter || undefined });
  usePageTitle('Tasks');

  useEffect(() => {
    api
      .get<Page<AdminWorkGroup>>('/admin/work-groups', { query: { limit: 100 } })
      .then((result) => setGroups(result.items ?? []))
      .catch(() => setGroups([]));
  }, []);

  return (
    <>
      <AdminBreadcrumbs items={[{ label: 'Tasks' }]} />
      {message && <SuccessBanner heading={message} />}
      <Heading>Tasks</Heading>
      <p className="govuk-body">Task details only: answers and files are never shown here.</p>
      <div className="app-filters">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="task-status">
            Status
          </label>
          <select id="task-status" className="govuk-select" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">Any status</option>
            <option value="open">Not started</option>
            <option value="in_progress">In progress</option>
            <option value="submitted">Submitted</option>
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="task-group">
            Work group
          </label>
          <select id="task-group" className="govuk-select" value={groupFilter} onChange={(event) => setGroupFilter(event.target.value)}>
            <option value="">Any work group</option>
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
                Only overdue tasks
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
          There are no tasks to show.
        </p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Tasks</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Form</th>
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Assigned to</th>
                <th scope="col" className="govuk-table__header">Work Group</th>
                <th scope="col" className="govuk-table__header">Delegated</th>
                <th scope="col" className="govuk-table__header">Due date</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.items.map((task) => (
                <tr className="govuk-table__row" key={task.id}>
                  <td className="govuk-table__cell" data-label="Form">{task.title}</td>
                  <td className="govuk-table__cell" data-label="Reference">{task.subject?.reference ?? ''}</td>
                  <td className="govuk-table__cell app-break-word" data-label="Assigned to">{assigneeName(task.assignee)}</td>
                  <td className="govuk-table__cell" data-label="Work Group">{task.workGroup?.name ?? ''}</td>
                  <td className="govuk-table__cell" data-label="Delegated">{formatInstant(task.delegatedAt)}</td>
                  <td className="govuk-table__cell" data-label="Due date">
                    <DueDate task={task} />
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <StatusTag status={task.status} />
                  </td>
                  <td className="govuk-table__cell" data-label="Actions">
                    {task.status !== 'submitted' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setReassigning(task)}>
                        Re-Assign<span className="govuk-visually-hidden"> {task.title}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label="Tasks" />
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
