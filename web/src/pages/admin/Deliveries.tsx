import { useState } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { problemErrors, problemText } from '../../components/errors';
import { Pager, usePagedList } from '../../components/lists';
import { Heading, Loading, SuccessBanner, usePageTitle } from '../../components/Page';
import { formatDateTime } from '../../format';
import type { Delivery } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';

const STATUS_LABEL: Record<string, string> = { pending: 'Waiting', delivered: 'Delivered', failed: 'Failed' };
const STATUS_TAG: Record<string, string> = { pending: 'govuk-tag--yellow', delivered: 'govuk-tag--green', failed: 'govuk-tag--red' };

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function AdminDeliveriesPage() {
  const [status, setStatus] = useState('failed');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = usePagedList<Delivery>('/admin/deliveries', { status: status || undefined });
  usePageTitle('Deliveries', !!error);

  const retry = async (delivery: Delivery) => {
    setMessage(null);
    setError(null);
    try {
      await api.post(`/admin/deliveries/${encodeURIComponent(delivery.id)}/retry`);
      setMessage('The delivery will be tried again now.');
      list.reload();
    } catch (err) {
      setError(problemText(err));
    }
  };

  return (
    <>
      <AdminBreadcrumbs items={[{ label: 'Deliveries' }]} />
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {message && <SuccessBanner heading={message} />}
      <Heading>Deliveries to the case management system</Heading>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="delivery-status">
          Show
        </label>
        <select id="delivery-status" className="govuk-select" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="failed">Failed deliveries</option>
          <option value="pending">Waiting to be delivered</option>
          <option value="delivered">Delivered</option>
          <option value="">All deliveries</option>
        </select>
      </div>
      {list.error ? (
        <ErrorSummary errors={problemErrors(list.error).summary} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="govuk-body" role="status">
          There are no deliveries to show.
        </p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Deliveries</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Task</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Attempts</th>
                <th scope="col" className="govuk-table__header">Last error</th>
                <th scope="col" className="govuk-table__header">Updated</th>
                <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.items.map((delivery) => (
                <tr className="govuk-table__row" key={delivery.id}>
                  <td className="govuk-table__cell app-break-word" data-label="Task">
                    {text(delivery.taskExternalRef) || text(delivery.taskId) || text(delivery.submissionId) || delivery.id}
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <strong className={`govuk-tag ${STATUS_TAG[delivery.status] ?? ''}`}>{STATUS_LABEL[delivery.status] ?? delivery.status}</strong>
                  </td>
                  <td className="govuk-table__cell" data-label="Attempts">{text(delivery.attempts)}</td>
                  <td className="govuk-table__cell app-break-word" data-label="Last error">{text(delivery.lastError) || 'None'}</td>
                  <td className="govuk-table__cell" data-label="Updated">{formatDateTime(text(delivery.updatedAt) || text(delivery.createdAt))}</td>
                  <td className="govuk-table__cell" data-label="Actions">
                    {delivery.status === 'failed' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void retry(delivery)}>
                        Retry<span className="govuk-visually-hidden"> delivery {text(delivery.taskExternalRef) || delivery.id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label="Deliveries" />
        </>
      )}
    </>
  );
}
