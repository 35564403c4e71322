import { useEffect, useRef, type MouseEvent } from 'react';
import { useT } from '../i18n/language';

export interface SummaryError {
  /** The id of the field to move to (its first input for radios and checkboxes), if any. */
  href?: string;
  text: string;
  /** Runs before focusing, e.g. to switch to the form page the field is on. */
  beforeFocus?: () => void;
}

/** Focuses the field for an error link; called again after a re-render when it is not there yet. */
export function focusField(id: string, attempt = 0): void {
  const element = document.getElementById(id);
  if (!element) {
    if (attempt < 10) window.setTimeout(() => focusField(id, attempt + 1), 30);
    return;
  }
  // Show the question's label or legend along with the field, as GOV.UK's error summary does.
  const group = element.closest('.govuk-form-group, td, .app-question');
  const legendOrLabel =
    group?.querySelector('legend, label') ?? document.querySelector(`label[for="${CSS.escape(id)}"]`) ?? element;
  element.focus({ preventScroll: true });
  legendOrLabel.scrollIntoView({ block: 'start' });
}

/**
 * Takes focus whenever `focusKey` changes (by default: a new `errors` array). Callers that build the
 * list on every render pass a key that changes only when the errors are shown anew, so that typing
 * an answer (a re-render) never pulls focus away from the field.
 */
export function ErrorSummary({ errors, title, focus = true, focusKey }: { errors: SummaryError[]; title?: string; focus?: boolean; focusKey?: unknown }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const key = focusKey === undefined ? errors : focusKey;
  const shown = errors.length > 0;
  useEffect(() => {
    if (focus && shown) {
      ref.current?.focus({ preventScroll: true });
      ref.current?.scrollIntoView({ block: 'start' });
    }
  }, [key, focus, shown]);
  if (!errors.length) return null;
  const follow = (error: SummaryError) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!error.href) return;
    event.preventDefault();
    error.beforeFocus?.();
    focusField(error.href);
  };
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title ?? t('errors.summaryTitle')}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={index}>
                {error.href ? (
                  <a href={`#${error.href}`} onClick={follow(error)}>
                    {error.text}
                  </a>
                ) : (
                  error.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
