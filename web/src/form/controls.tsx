import { useLayoutEffect, useRef, useState, useEffect, type TextareaHTMLAttributes } from 'react';
import { characterCount } from '@form-schema';
import { useT } from '../i18n/language';

/** A textarea that grows with what is typed, so long answers never hide in a scroll box. */
export function AutoTextarea({
  value,
  minRows = 3,
  className,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { value: string; minRows?: number }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    const border = element.offsetHeight - element.clientHeight;
    element.style.height = `${element.scrollHeight + border}px`;
  }, [value]);
  return (
    <textarea ref={ref} rows={minRows} value={value} className={`govuk-textarea app-autogrow ${className ?? ''}`} {...rest} />
  );
}

/** GOV.UK character count messages; the spoken one waits for a pause in typing. */
export function CharacterCountMessage({ id, value, maxLength }: { id: string; value: string; maxLength: number }) {
  const t = useT();
  const remaining = maxLength - characterCount(value);
  const text =
    remaining >= 0
      ? t(remaining === 1 ? 'count.remaining.one' : 'count.remaining', { n: remaining })
      : t(remaining === -1 ? 'count.tooMany.one' : 'count.tooMany', { n: -remaining });
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSpoken(text), 1000);
    return () => window.clearTimeout(timer);
  }, [text]);
  return (
    <>
      <div id={`${id}-info`} className="govuk-hint govuk-visually-hidden">
        {t('count.upTo', { max: maxLength })}
      </div>
      <div
        className={`govuk-character-count__message ${remaining < 0 ? 'govuk-error-message' : 'govuk-hint'}`}
        aria-hidden="true"
      >
        {text}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {spoken}
      </div>
    </>
  );
}
