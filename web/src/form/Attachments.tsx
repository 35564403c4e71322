import { useRef, useState, type FormEvent } from 'react';
import { api, apiUrl, isApiError } from '../api';
import { ErrorSummary } from '../components/ErrorSummary';
import { fieldErrors, problemText, useErrors } from '../components/errors';
import { describedBy, ErrorMessage } from '../components/fields';
import { formatBytes, formatDateTime } from '../format';
import { currentLanguage, translate, useT } from '../i18n/language';
import type { Attachment } from '../types';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 20;
const ACCEPTED = ['.doc', '.docx', '.pdf', '.jpg', '.jpeg', '.png'];
const FIELD = 'attachment-file';

function uploadProblem(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 413 || error.code === 'file_too_large') return translate(currentLanguage(), 'attach.tooLarge');
    if (error.status === 415 || error.code === 'unsupported_file_type') return translate(currentLanguage(), 'attach.wrongType');
    if (error.code === 'too_many_attachments') return translate(currentLanguage(), 'attach.tooMany', { max: MAX_FILES });
    if (error.code === 'network_error') return translate(currentLanguage(), 'attach.network');
    if (error.code === 'uploads_busy') return translate(currentLanguage(), 'attach.busy');
  }
  return problemText(error);
}

/** "Attach supporting documents": upload (multipart field `file`), list, and Remove. */
export function AttachmentsSection({ taskId, attachments, onChange, headingLevel = 2 }: { taskId: string; attachments: Attachment[]; onChange: (attachments: Attachment[]) => void; headingLevel?: 2 | 3 }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const { errors, setErrors, clear } = useErrors();
  const full = attachments.length >= MAX_FILES;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const file = input.current?.files?.[0];
    const extension = file ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : '';
    const invalid = fieldErrors([
      [
        FIELD,
        !file
          ? t('attach.select')
          : file.size === 0
            ? t('attach.empty')
            : file.size > MAX_FILE_BYTES
              ? t('attach.tooLarge')
              : !ACCEPTED.includes(extension) && t('attach.wrongType'),
      ],
    ]);
    if (invalid.summary.length || !file) return setErrors(invalid);
    setBusy(true);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const attachment = await api.post<Attachment>(`/tasks/${encodeURIComponent(taskId)}/attachments`, body);
      onChange([...attachments, attachment]);
      clear();
      setStatus(t('attach.attached', { name: attachment.filename }));
      if (input.current) input.current.value = '';
    } catch (error) {
      setErrors(fieldErrors([[FIELD, uploadProblem(error)]]));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachment: Attachment) => {
    setStatus('');
    try {
      await api.delete(`/tasks/${encodeURIComponent(taskId)}/attachments/${encodeURIComponent(attachment.id)}`);
      onChange(attachments.filter((a) => a.id !== attachment.id));
      clear();
      setStatus(t('attach.removed', { name: attachment.filename }));
      input.current?.focus();
    } catch (error) {
      setErrors({ fields: {}, summary: [{ text: problemText(error) }] });
    }
  };

  const error = errors.fields[FIELD];
  return (
    <section className="app-attachments" aria-labelledby="attachments-heading">
      <Heading className="govuk-heading-m" id="attachments-heading" tabIndex={-1}>
        {t('task.attachTab')}
      </Heading>
      <ErrorSummary errors={errors.summary.filter((e) => !e.href)} focusKey={errors.summary} />
      <p className="govuk-body">{t('attach.intro')}</p>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {status && <p className="govuk-body app-status" aria-hidden="true">{status}</p>}
      {attachments.length > 0 ? (
        <dl className="govuk-summary-list app-attachment-list">
          {attachments.map((attachment) => (
            <div className="govuk-summary-list__row" key={attachment.id}>
              <dt className="govuk-summary-list__key app-break-word">
                <a className="govuk-link" href={apiUrl(`/tasks/${encodeURIComponent(taskId)}/attachments/${encodeURIComponent(attachment.id)}`)} download={attachment.filename}>
                  {attachment.filename}
                </a>
              </dt>
              <dd className="govuk-summary-list__value">
                {formatBytes(attachment.size)}
                <span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">{t('attach.attachedAt', { date: formatDateTime(attachment.uploadedAt) })}</span>
              </dd>
              <dd className="govuk-summary-list__actions">
                <button type="button" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0" onClick={() => void remove(attachment)}>
                  {t('attach.remove')}
                  <span className="govuk-visually-hidden"> {attachment.filename}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="govuk-body app-empty">{t('attach.none')}</p>
      )}
      {full ? (
        <p className="govuk-body">{t('attach.full', { max: MAX_FILES })}</p>
      ) : (
        <form noValidate onSubmit={upload} className="app-upload">
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor={FIELD}>
              {t('attach.upload')}
            </label>
            <div id={`${FIELD}-hint`} className="govuk-hint">
              {t('attach.hint', { max: MAX_FILES })}
            </div>
            {error && <ErrorMessage id={`${FIELD}-error`}>{error}</ErrorMessage>}
            <input
              ref={input}
              id={FIELD}
              name="file"
              type="file"
              className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
              accept={ACCEPTED.join(',')}
              aria-describedby={describedBy(`${FIELD}-hint`, error && `${FIELD}-error`)}
              onChange={() => clear()}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
            {busy ? t('attach.uploading') : t('attach.attachFile')}
          </button>
        </form>
      )}
    </section>
  );
}
