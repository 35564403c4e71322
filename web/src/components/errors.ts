import { useCallback, useState } from 'react';
import { ApiError } from '../api';
import { currentLanguage, translate } from '../i18n/language';
import type { SummaryError } from './ErrorSummary';

export interface FormErrors {
  fields: Record<string, string>;
  summary: SummaryError[];
}

export const NO_ERRORS: FormErrors = { fields: {}, summary: [] };

/** Collects field errors in order: `[fieldId, message]`. */
export function fieldErrors(list: [string, string | undefined | false][]): FormErrors {
  const fields: Record<string, string> = {};
  const summary: SummaryError[] = [];
  for (const [id, message] of list) {
    if (!message || fields[id]) continue;
    fields[id] = message;
    summary.push({ href: id, text: message });
  }
  return { fields, summary };
}

/** The sentence a person reads for a problem: its title, then the detail when there is one. */
export function problemText(error: unknown): string {
  // The title and detail come in the reader's language from the server (Accept-Language).
  if (error instanceof ApiError) return error.detail ? `${error.title}. ${error.detail}` : error.title;
  return translate(currentLanguage(), 'errors.unexpected');
}

/**
 * Turns a problem+json answer into errors. `fieldFor` maps a request path (`address.postcode`) or the
 * problem's code (`weak_password`) to a field id on the page.
 */
export function problemErrors(error: unknown, fieldFor: (pathOrCode: string) => string | undefined = () => undefined): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, summary: [{ text: problemText(error) }] };
  const list: [string, string][] = [];
  const loose: SummaryError[] = [];
  for (const item of error.errors) {
    const id = item.path ? fieldFor(item.path) : undefined;
    if (id) list.push([id, item.message]);
    else loose.push({ text: item.message });
  }
  const byCode = fieldFor(error.code);
  const result = fieldErrors(list);
  if (!error.errors.length) {
    const text = error.detail ? `${error.title}. ${error.detail}` : error.title;
    if (byCode) {
      result.fields[byCode] = error.detail ?? error.title;
      result.summary.push({ href: byCode, text: error.detail ? text : error.title });
    } else {
      result.summary.push({ text });
    }
  }
  result.summary.push(...loose);
  return result;
}

export function useErrors() {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const clear = useCallback(() => setErrors(NO_ERRORS), []);
  return { errors, setErrors, clear, hasErrors: errors.summary.length > 0 };
}
