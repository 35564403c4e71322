import { useEffect, useState } from 'react';
import { isApiError } from '../api';
import { translate, useLanguage, type Language } from '../i18n/language';

/** The server sends at most one code a minute (API.md: 429 resend_too_soon). */
export const RESEND_AFTER_SECONDS = 60;

function secondsLeft(until: number): number {
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** "0:45" – minutes and seconds, as a countdown reads. */
function clockText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The whole wait, said once when it starts. */
function waitText(language: Language, seconds: number): string {
  return seconds >= 60
    ? translate(language, 'resend.oneMinute')
    : translate(language, 'resend.seconds', { n: Math.max(Math.round(seconds), 1) });
}

/**
 * "Send a new code", with a live countdown to when a new code may be asked for (instead of a refusal
 * saying "wait 60 seconds" after the fact). The visible countdown changes every second and is not
 * a live region (that would talk every second); a separate polite region says once when the wait
 * starts and once when the link can be used.
 */
export function ResendCode({ onResend, onError }: { onResend: () => Promise<void>; onError: (error: unknown) => void }) {
  const language = useLanguage();
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  // The page opens just after a code was sent, so the first wait starts now.
  const [{ until, seconds: waitSeconds }, setWait] = useState(() => ({ until: Date.now() + RESEND_AFTER_SECONDS * 1000, seconds: RESEND_AFTER_SECONDS }));
  const setUntil = (seconds: number) => setWait({ until: Date.now() + seconds * 1000, seconds });
  const spoken = waitText(language, waitSeconds);
  const [left, setLeft] = useState(RESEND_AFTER_SECONDS);
  const [exhausted, setExhausted] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setLeft(secondsLeft(until));
    const timer = window.setInterval(() => {
      const remaining = secondsLeft(until);
      setLeft(remaining);
      if (remaining === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);

  const resend = async () => {
    setBusy(true);
    try {
      await onResend();
      setUntil(RESEND_AFTER_SECONDS);
    } catch (error) {
      if (isApiError(error, 'resend_too_soon')) {
        const retry = error.body.retryAfterSeconds;
        if (typeof retry === 'number') setUntil(retry);
        else setExhausted(true);
      }
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  if (exhausted) return null;
  const waiting = left > 0;
  return (
    <div className="app-resend">
      {waiting ? (
        <p className="govuk-body" id="resend-wait">
          {t('resend.wait')} <span className="app-countdown">{clockText(left)}</span>
          <span className="govuk-visually-hidden">{t('resend.minutes')}</span>.
        </p>
      ) : (
        <p className="govuk-body">{t('resend.notReceived')}</p>
      )}
      <p className="govuk-body">
        <button type="button" className="app-link-button govuk-link" onClick={() => void resend()} disabled={waiting || busy} aria-describedby={waiting ? 'resend-wait' : undefined}>
          {t('resend.send')}
        </button>
      </p>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {waiting ? t('resend.waitSpoken', { wait: spoken }) : t('resend.now')}
      </div>
    </div>
  );
}
