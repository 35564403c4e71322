import { formatDateTime } from '../format';
import { useT } from '../i18n/language';

/**
 * "Saved at 14:32", in a polite live region so screen readers hear it. Each save replaces the text
 * node (keyed by `saves`), so a second save in the same minute is announced too.
 */
export function SaveStatus({ dirty, savedAt, saves }: { dirty: boolean; savedAt: string | null; saves: number }) {
  const t = useT();
  const time = savedAt ? formatDateTime(savedAt).split(' ').pop() : null;
  const text = dirty ? t('save.unsaved') : time ? t('save.savedAt', { time }) : '';
  return (
    <p className="govuk-body app-save-status" role="status" aria-live="polite" aria-atomic="true" id="save-status">
      <span key={`${saves}-${text}`}>{text}</span>
    </p>
  );
}
