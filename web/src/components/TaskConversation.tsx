import { useCallback, useEffect, useId, useState } from 'react';
import { api, isApiError } from '../api';
import { formatDateTime } from '../format';
import { useT } from '../i18n/language';
import type { WebMessageKey } from '../i18n/messages/en';
import { problemText } from './errors';
import { Button, ErrorMessage, describedBy } from './fields';
import { Modal } from './Modal';

export interface TaskNotice {
  at: string;
  text: string;
}

export interface ThreadMessage {
  id: string;
  direction: 'to_case_worker' | 'from_case_worker';
  author: { name: string };
  body: string;
  sentAt: string;
}

export const MAX_MESSAGE = 2000;
export const MAX_DECLINE_COMMENT = 1000;

/** What the council changed since the form was sent (due date, note, information it filled in). */
export function TaskNotices({ notices }: { notices?: TaskNotice[] }) {
  const t = useT();
  if (!notices?.length) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="task-notices-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="task-notices-title">
          {t('notices.important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{t('notices.changed')}</p>
        <ul className="govuk-list">
          {notices.map((notice) => (
            <li key={notice.at}>
              {notice.text} <span className="govuk-hint govuk-!-display-inline">({formatDateTime(notice.at)})</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * Questions to the case worker and their replies. Plain text: the body is shown as text, never as
 * markup, line breaks kept.
 */
export function MessagesSection({ taskId, canSend }: { taskId: string; canSend: boolean }) {
  const t = useT();
  const [messages, setMessages] = useState<ThreadMessage[] | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const fieldId = `${id}-message`;

  const load = useCallback(async () => {
    try {
      const result = await api.get<{ items: ThreadMessage[] }>(`/tasks/${encodeURIComponent(taskId)}/messages`);
      setMessages(result.items);
      setLoadError(null);
    } catch (err) {
      setLoadError(problemText(err));
    }
  }, [taskId]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = async () => {
    setSent(false);
    if (!draft.trim()) {
      setError(t('messages.enterQuestion'));
      return;
    }
    if ([...draft].length > MAX_MESSAGE) {
      setError(t('messages.tooLong', { max: MAX_MESSAGE }));
      return;
    }
    setBusy(true);
    try {
      const message = await api.post<ThreadMessage>(`/tasks/${encodeURIComponent(taskId)}/messages`, { body: draft });
      setMessages((list) => [...(list ?? []), message]);
      setDraft('');
      setError(null);
      setSent(true);
    } catch (err) {
      setError(isApiError(err) && err.detail ? err.detail : problemText(err));
    } finally {
      setBusy(false);
    }
  };

  const left = MAX_MESSAGE - [...draft].length;
  return (
    <section className="app-messages" aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {t('messages.heading')}
      </h2>
      {loadError && (
        <p className="govuk-body" role="alert">
          {loadError}
        </p>
      )}
      {messages && messages.length === 0 && <p className="govuk-body">{t('messages.none')}</p>}
      {messages && messages.length > 0 && (
        <ol className="govuk-list app-thread" aria-label={t('messages.listLabel')}>
          {messages.map((m) => (
            <li key={m.id} className={`app-thread__message app-thread__message--${m.direction === 'from_case_worker' ? 'reply' : 'question'}`}>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{m.direction === 'from_case_worker' ? t('messages.caseWorker', { name: m.author.name }) : m.author.name}</strong>, {formatDateTime(m.sentAt)}
              </p>
              <p className="govuk-body app-pre-line">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canSend && (
        <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor={fieldId}>
            {t('messages.ask')}
          </label>
          <div className="govuk-hint" id={`${fieldId}-hint`}>
            {t('messages.askHint')}
          </div>
          {error && <ErrorMessage id={`${fieldId}-error`}>{error}</ErrorMessage>}
          <textarea
            className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
            id={fieldId}
            rows={4}
            value={draft}
            aria-describedby={describedBy(`${fieldId}-hint`, `${fieldId}-count`, error && `${fieldId}-error`)}
            onChange={(event) => setDraft(event.target.value)}
          />
          <div id={`${fieldId}-count`} className={`govuk-hint govuk-character-count__message${left < 0 ? ' govuk-error-message' : ''}`}>
            {left >= 0 ? t('count.remaining', { n: left }) : t('count.tooMany', { n: -left })}
          </div>
          <Button variant="secondary" disabled={busy} onClick={() => void send()}>
            {t('messages.send')}
          </Button>
          <p className="govuk-body" role="status" aria-live="polite">
            {sent ? t('messages.sent') : ''}
          </p>
        </div>
      )}
    </section>
  );
}

const REASONS: { value: string; label: WebMessageKey }[] = [
  { value: 'not_known', label: 'decline.reason.notKnown' },
  { value: 'wrong_professional', label: 'decline.reason.wrongProfessional' },
  { value: 'duplicate', label: 'decline.reason.duplicate' },
  { value: 'other', label: 'decline.reason.other' },
];

/** Hands the task back to the council with a reason; the draft and files are deleted. */
export function DeclineDialog({ taskId, title, onClose, onDone }: { taskId: string; title: string; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ reason?: string; comment?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const t = useT();

  const decline = async () => {
    const found: typeof errors = {};
    if (!reason) found.reason = t('decline.err.reason');
    if (reason === 'other' && !comment.trim()) found.comment = t('decline.err.comment');
    if ([...comment].length > MAX_DECLINE_COMMENT) found.comment = t('decline.err.tooLong', { max: MAX_DECLINE_COMMENT });
    setErrors(found);
    if (found.reason || found.comment) return;
    setBusy(true);
    try {
      await api.post(`/tasks/${encodeURIComponent(taskId)}/decline`, { reason, ...(comment.trim() ? { comment } : {}) });
      onDone();
    } catch (err) {
      setBusy(false);
      if (isApiError(err, 'comment_required')) setErrors({ comment: t('decline.err.comment') });
      else setErrors({ other: problemText(err) });
    }
  };

  return (
    <Modal title={t('decline.title')} onClose={onClose} wide>
      <p className="govuk-body">{t('decline.intro', { title })}</p>
      {errors.other && (
        <p className="govuk-error-message" role="alert">
          {errors.other}
        </p>
      )}
      <div className={`govuk-form-group${errors.reason ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.reason ? `${id}-reason-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('decline.why')}</legend>
          {errors.reason && <ErrorMessage id={`${id}-reason-error`}>{errors.reason}</ErrorMessage>}
          <div className="govuk-radios" data-module="govuk-radios">
            {REASONS.map((r) => (
              <div className="govuk-radios__item" key={r.value}>
                <input
                  className="govuk-radios__input"
                  id={`${id}-${r.value}`}
                  name={`${id}-reason`}
                  type="radio"
                  value={r.value}
                  checked={reason === r.value}
                  onChange={() => setReason(r.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`${id}-${r.value}`}>
                  {t(r.label)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div className={`govuk-form-group${errors.comment ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-comment`}>
          {reason === 'other' ? t('decline.detail') : t('decline.detailOptional')}
        </label>
        {errors.comment && <ErrorMessage id={`${id}-comment-error`}>{errors.comment}</ErrorMessage>}
        <textarea
          className={`govuk-textarea${errors.comment ? ' govuk-textarea--error' : ''}`}
          id={`${id}-comment`}
          rows={3}
          value={comment}
          aria-describedby={errors.comment ? `${id}-comment-error` : undefined}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="govuk-button-group">
        <Button variant="warning" disabled={busy} onClick={() => void decline()}>
          {t('decline.confirm')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </Button>
      </div>
    </Modal>
  );
}
