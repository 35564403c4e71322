import { useEffect, useId, useState } from 'react';
import { api, isApiError } from '../api';
import { useT } from '../i18n/language';
import { useSession } from '../session';
import type { MyWorkGroup, TaskSummary } from '../types';
import { problemText } from './errors';
import { Button, ErrorMessage } from './fields';
import { Modal } from './Modal';

export interface TaskReview {
  state: 'ready_for_review' | 'returned';
  by: { accountId: string; name: string };
  at: string;
  note: string | null;
}

/** What the page says about a review under way: the reviewer's task, or the author's returned one. */
export function ReviewBanner({ review, onReturn }: { review?: TaskReview; onReturn: () => void }) {
  const t = useT();
  if (!review) return null;
  if (review.state === 'ready_for_review') {
    return (
      <div className="govuk-inset-text app-review-banner">
        <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{t('review.ready')}</h2>
        <p className="govuk-body">{t('review.sentYou', { name: review.by.name })}</p>
        {review.note && <p className="govuk-body app-pre-line">{t('review.theirNote', { note: review.note })}</p>}
        <Button variant="secondary" className="govuk-!-margin-bottom-0" onClick={onReturn}>
          {t('review.returnWithComment')}
        </Button>
      </div>
    );
  }
  return (
    <div className="govuk-inset-text app-review-banner">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{t('review.returned')}</h2>
      <p className="govuk-body">{t('review.returnedBy', { name: review.by.name })}</p>
      {review.note && <p className="govuk-body app-pre-line">{t('review.theirComment', { comment: review.note })}</p>}
    </div>
  );
}

/** "Send for review": a colleague in the group the task came through, and an optional note. */
export function SendForReviewDialog({
  task,
  beforeSend,
  onClose,
  onDone,
}: {
  task: TaskSummary;
  beforeSend: () => Promise<number>;
  onClose: () => void;
  onDone: (reviewerName: string) => void;
}) {
  const { account } = useSession();
  const t = useT();
  const id = useId();
  const [groups, setGroups] = useState<MyWorkGroup[] | null>(null);
  const [reviewer, setReviewer] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get<{ items: MyWorkGroup[] }>('/work-groups')
      .then((result) => setGroups(result.items ?? []))
      .catch((err) => {
        setGroups([]);
        setError(problemText(err));
      });
  }, []);

  const members = (groups ?? []).find((g) => g.id === task.workGroup?.id)?.members.filter((m) => m.accountId !== account?.id) ?? [];

  const send = async () => {
    if (!reviewer) {
      setError(t('review.err.reviewer'));
      return;
    }
    setBusy(true);
    try {
      const version = await beforeSend();
      await api.post(`/tasks/${encodeURIComponent(task.id)}/review`, { reviewerAccountId: reviewer, version, ...(note.trim() ? { note } : {}) });
      onDone(members.find((m) => m.accountId === reviewer)?.name ?? t('review.yourColleague'));
    } catch (err) {
      setBusy(false);
      if (isApiError(err, 'validation_failed')) setError(t('review.err.incomplete'));
      else setError(isApiError(err) && err.detail ? err.detail : problemText(err));
    }
  };

  return (
    <Modal title={t('review.sendTitle')} onClose={onClose}>
      {groups === null ? (
        <p className="govuk-body">{t('review.loading')}</p>
      ) : !task.workGroup ? (
        <p className="govuk-body">{t('review.onlyGroup')}</p>
      ) : (
        <>
          <p className="govuk-body">{t('review.intro')}</p>
          <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor={`${id}-reviewer`}>
              {t('review.reviewer')}
            </label>
            {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
            <select className="govuk-select" id={`${id}-reviewer`} value={reviewer} onChange={(e) => setReviewer(e.target.value)} aria-describedby={error ? `${id}-error` : undefined}>
              <option value="">{t('review.choose')}</option>
              {members.map((m) => (
                <option key={m.accountId} value={m.accountId}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor={`${id}-note`}>
              {t('review.note')}
            </label>
            <textarea className="govuk-textarea" id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </>
      )}
      <div className="govuk-button-group">
        {task.workGroup && (
          <Button disabled={busy || groups === null} onClick={() => void send()}>
            {t('review.sendTitle')}
          </Button>
        )}
        <Button variant="secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </Button>
      </div>
    </Modal>
  );
}

/** The reviewer hands the form back with a comment. */
export function ReturnFromReviewDialog({ taskId, beforeReturn, onClose, onDone }: { taskId: string; beforeReturn: () => Promise<number>; onClose: () => void; onDone: () => void }) {
  const id = useId();
  const t = useT();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!comment.trim()) {
      setError(t('review.err.comment'));
      return;
    }
    setBusy(true);
    try {
      const version = await beforeReturn();
      await api.post(`/tasks/${encodeURIComponent(taskId)}/review/return`, { comment, version });
      onDone();
    } catch (err) {
      setBusy(false);
      setError(isApiError(err) && err.detail ? err.detail : problemText(err));
    }
  };
  return (
    <Modal title={t('review.returnWithComment')} onClose={onClose}>
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-comment`}>
          {t('review.commentLabel')}
        </label>
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        <textarea className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={`${id}-comment`} rows={4} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <div className="govuk-button-group">
        <Button disabled={busy} onClick={() => void send()}>
          {t('review.returnConfirm')}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('dialog.cancel')}
        </Button>
      </div>
    </Modal>
  );
}
