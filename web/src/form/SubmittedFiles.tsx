import { apiUrl } from '../api';
import { formatBytes } from '../format';
import { useT } from '../i18n/language';
import type { Attachment } from '../types';

/** The files that went with a submitted contribution: name (a download link) and size. */
export function SubmittedFiles({ taskId, attachments }: { taskId: string; attachments: Attachment[] }) {
  const t = useT();
  return (
    <section aria-labelledby="submitted-files-heading">
      <h2 className="govuk-heading-m" id="submitted-files-heading">
        {t('attach.supporting')}
      </h2>
      {attachments.length === 0 ? (
        <p className="govuk-body">{t('attach.noneSubmitted')}</p>
      ) : (
        <dl className="govuk-summary-list app-submitted-files">
          {attachments.map((file) => (
            <div className="govuk-summary-list__row" key={file.id}>
              <dt className="govuk-summary-list__key app-break-word">
                <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(taskId)}/attachments/${encodeURIComponent(file.id)}`)} download>
                  {file.filename}
                </a>
              </dt>
              <dd className="govuk-summary-list__value">{formatBytes(file.size)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
