import { useState } from 'react';
import { api } from '../../api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { problemErrors, problemText } from '../../components/errors';
import { Pager, usePagedList } from '../../components/lists';
import { Heading, Loading, SuccessBanner, usePageTitle } from '../../components/Page';
import { formatDateTime } from '../../format';
import { useT, type T } from '../../i18n/language';
import type { WebMessageKey } from '../../i18n/messages/en';
import type { Delivery } from '../../types';
import { AdminBreadcrumbs } from './AdminHome';
import { TableHead } from '../../components/TableHead';

const STATUS_LABEL: Record<string, WebMessageKey> = { pending: 'deliveries.waiting', delivered: 'deliveries.delivered', failed: 'deliveries.failed' };
const STATUS_TAG: Record<string, string> = { pending: 'govuk-tag--yellow', delivered: 'govuk-tag--green', failed: 'govuk-tag--red' };

/** When the next attempt is due, or why there is none. */
function nextAttempt(delivery: Delivery, t: T): string {
  if (delivery.status === 'delivered') return delivery.deliveredAt ? t('deliveries.deliveredAt', { when: formatDateTime(delivery.deliveredAt) }) : t('deliveries.delivered');
  if (delivery.status === 'failed') return t('deliveries.notUntilRetried');
  return delivery.nextAttemptAt ? formatDateTime(delivery.nextAttemptAt) : t('deliveries.now');
}

export function AdminDeliveriesPage() {
  const [status, setStatus] = useState('failed');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = usePagedList<Delivery>('/admin/deliveries', { status: status || undefined });
  const t = useT();
  usePageTitle(t('admin.deliveries'), !!error);

  const retry = async (delivery: Delivery) => {
    setMessage(null);
    setError(null);
    try {
      await api.post(`/admin/deliveries/${encodeURIComponent(delivery.submissionId)}/retry`);
      setMessage(t('deliveries.retrying'));
      list.reload();
    } catch (err) {
      setError(problemText(err));
    }
  };

  return (
    <>
      <AdminBreadcrumbs items={[{ label: t('admin.deliveries') }]} />
      {error && <ErrorSummary errors={[{ text: error }]} />}
      {message && <SuccessBanner heading={message} />}
      <Heading>{t('deliveries.heading')}</Heading>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="delivery-status">
          {t('deliveries.show')}
        </label>
        <select id="delivery-status" className="govuk-select" value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="failed">{t('deliveries.filter.failed')}</option>
          <option value="pending">{t('deliveries.filter.pending')}</option>
          <option value="delivered">{t('deliveries.delivered')}</option>
          <option value="">{t('deliveries.filter.all')}</option>
        </select>
      </div>
      {list.error ? (
        <ErrorSummary errors={problemErrors(list.error).summary} />
      ) : !list.items ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <p className="govuk-body" role="status">
          {t('deliveries.none')}
        </p>
      ) : (
        <>
          <table className="govuk-table app-responsive-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{t('admin.deliveries')}</caption>
            <TableHead
              columns={[t('deliveries.col.reference'), t('dashboard.col.form'), t('dashboard.col.submitted'), t('dashboard.col.status'), t('deliveries.col.attempts'), t('deliveries.col.lastError'), t('deliveries.col.next')]}
              hiddenLast={t('dashboard.col.actions')}
            />
            <tbody className="govuk-table__body">
              {list.items.map((delivery) => (
                <tr className="govuk-table__row" key={delivery.submissionId}>
                  <td className="govuk-table__cell app-break-word" data-label={t('deliveries.col.reference')}>
                    {delivery.externalRef}
                  </td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.form')}>
                    {t('deliveries.formVersion', { key: delivery.form.key, version: delivery.form.version })}
                  </td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.submitted')}>{formatDateTime(delivery.submittedAt)}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.status')}>
                    <strong className={`govuk-tag ${STATUS_TAG[delivery.status] ?? ''}`}>{STATUS_LABEL[delivery.status] ? t(STATUS_LABEL[delivery.status]) : delivery.status}</strong>
                    {delivery.heldPastRetention && <span className="govuk-body-s govuk-!-display-block">{t('deliveries.held')}</span>}
                  </td>
                  <td className="govuk-table__cell" data-label={t('deliveries.col.attempts')}>{delivery.attempts}</td>
                  <td className="govuk-table__cell app-break-word" data-label={t('deliveries.col.lastError')}>{delivery.lastError ?? t('details.none')}</td>
                  <td className="govuk-table__cell" data-label={t('deliveries.col.next')}>{nextAttempt(delivery, t)}</td>
                  <td className="govuk-table__cell" data-label={t('dashboard.col.actions')}>
                    {delivery.status === 'failed' && (
                      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void retry(delivery)}>
                        {t('deliveries.retry')}
                        <span className="govuk-visually-hidden">{t('deliveries.retryOf', { reference: delivery.externalRef })}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager hasNext={list.hasNext} hasPrevious={list.hasPrevious} onNext={list.next} onPrevious={list.previous} label={t('admin.deliveries')} />
        </>
      )}
    </>
  );
}
