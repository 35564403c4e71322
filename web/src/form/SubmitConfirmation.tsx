import { useEffect, useRef } from 'react';
import { Modal } from '../components/Modal';
import { useT } from '../i18n/language';

/**
 * "Are you sure?" before a contribution goes to the council (GOV.UK: a deliberate, separate choice).
 * Focus starts on the safe choice, so Enter pressed twice on Submit Contribution goes back to the
 * form instead of submitting. (React's autoFocus only calls focus() on mount; showModal() then moves
 * focus to the dialog's first button. This effect runs after the Modal's, so it wins.)
 */
export function SubmitConfirmation({
  title,
  onConfirm,
  onCancel,
}: {
  title: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const safe = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  useEffect(() => {
    safe.current?.focus();
  }, []);
  const confirm = () => {
    if (confirmed.current) return;
    confirmed.current = true;
    onConfirm();
  };
  return (
    <Modal title={t('confirm.title')} onClose={onCancel} role="alertdialog">
      <p className="govuk-body">
        {t('confirm.before')}
        <strong>{title}</strong>
        {t('confirm.after')}
      </p>
      <p className="govuk-body">{t('confirm.check')}</p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={confirm}>
          {t('confirm.yes')}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" ref={safe} onClick={onCancel}>
          {t('confirm.no')}
        </button>
      </div>
    </Modal>
  );
}
