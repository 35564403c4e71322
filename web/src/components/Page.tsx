import { useEffect, useRef, type ReactNode } from 'react';
import { COUNCIL_NAME, SERVICE_NAME } from '../format';
import { translate, useLanguage, useT } from '../i18n/language';
import { hasNavigated, navigationCount } from '../router';

/** Sets document.title ("Error: " first while the page shows errors). */
export function usePageTitle(title: string, hasErrors = false): void {
  const language = useLanguage();
  useEffect(() => {
    document.title = `${hasErrors ? translate(language, 'page.errorPrefix') : ''}${title} – ${SERVICE_NAME} – ${COUNCIL_NAME}`;
  }, [title, hasErrors, language]);
}

/**
 * The page's h1. After an in-app navigation it takes focus, so screen reader users hear where they
 * are (focus stays put on the first load, where the skip link comes first).
 */
export function Heading({ children, caption, size = 'l', focusKey, className }: { children: ReactNode; caption?: ReactNode; size?: 'xl' | 'l' | 'm'; focusKey?: string; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!hasNavigated()) return;
    const active = document.activeElement;
    // An error summary that just took focus keeps it.
    if (active && active.closest('.govuk-error-summary')) return;
    ref.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <>
      {caption && <span className={`govuk-caption-${size}`}>{caption}</span>}
      <h1 className={`${className ?? `govuk-heading-${size}`} app-heading`} tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}

let pendingFlash: { text: string; heading?: string; at: number } | null = null;

/** A success message for the next page shown (after Save and Close, a password reset, …). */
export function setFlash(text: string, heading?: string): void {
  pendingFlash = { text, heading, at: navigationCount() };
}

/**
 * The message for this page, if the previous page left one. Reading does not consume it (React may
 * run initialisers twice); it simply stops applying after the next navigation.
 */
export function takeFlash(): { text: string; heading?: string } | null {
  if (!pendingFlash || navigationCount() !== pendingFlash.at + 1) return null;
  return { text: pendingFlash.text, heading: pendingFlash.heading };
}

export function SuccessBanner({ heading, children, title }: { heading: ReactNode; children?: ReactNode; title?: string }) {
  const t = useT();
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="success-banner-title">
          {title ?? t('banner.success')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}

export function ImportantBanner({ heading, children, role = 'region' }: { heading: ReactNode; children?: ReactNode; role?: 'region' | 'alert' }) {
  const t = useT();
  return (
    <div className="govuk-notification-banner" role={role} aria-labelledby="important-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="important-banner-title">
          {t('notices.important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="govuk-body" role="status" aria-live="polite">
      {label ?? t('loading')}…
    </p>
  );
}
