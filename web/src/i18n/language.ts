/**
 * The language the web client speaks (issue 23): English or Welsh. Chosen with the switch on every
 * page; kept in this browser (localStorage) and, once signed in, on the account (PATCH /me
 * preferredLanguage), which then wins on every device.
 */
import { useSyncExternalStore } from 'react';
import { cy } from './messages/cy';
import { en, type WebMessageKey } from './messages/en';

export type Language = 'en' | 'cy';
export const LANGUAGES: readonly Language[] = ['en', 'cy'];
const CATALOGUES: Record<Language, Record<WebMessageKey, string>> = { en, cy };
const STORAGE_KEY = 'portal-language';
/** The document's lang attribute per language. */
const TAGS: Record<Language, string> = { en: 'en-GB', cy: 'cy' };

function stored(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'cy' ? 'cy' : 'en';
  } catch {
    return 'en';
  }
}

let current: Language = stored();
const listeners = new Set<() => void>();
document.documentElement.lang = TAGS[current];

export function currentLanguage(): Language {
  return current;
}

/**
 * A choice made with the switch while signed out, saved on the account at the next sign-in. Kept in
 * sessionStorage: the sign-in pages may be reached by a full page load after the choice.
 */
const PENDING_KEY = 'portal-language-chosen';

/** The choice made while signed out, once (then forgotten). */
export function takePendingChoice(): Language | null {
  try {
    const choice = window.sessionStorage.getItem(PENDING_KEY);
    window.sessionStorage.removeItem(PENDING_KEY);
    return choice === 'cy' || choice === 'en' ? choice : null;
  } catch {
    return null;
  }
}

/**
 * Switches the interface's language. `byPerson`: chosen with the switch while signed out, to be
 * saved on the account at sign-in (signed in, the switch saves it at once).
 */
export function setLanguage(language: Language, byPerson = false): void {
  if (byPerson) {
    try {
      window.sessionStorage.setItem(PENDING_KEY, language);
    } catch {
      // Without storage the account keeps its language.
    }
  }
  if (language === current) return;
  current = language;
  document.documentElement.lang = TAGS[language];
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

export function translate(language: Language, key: WebMessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[language][key] || en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type T = (key: WebMessageKey, params?: Record<string, string | number>) => string;

/** The current language, re-rendering the component when it changes. */
export function useLanguage(): Language {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** A translator for the current language, re-rendering the component when it changes. */
export function useT(): T {
  const language = useLanguage();
  return (key, params) => translate(language, key, params);
}

export { CATALOGUES as WEB_CATALOGUES };
