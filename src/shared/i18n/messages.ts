import type { Language } from './language';
import { cy } from './messages/cy';
import { en } from './messages/en';
import type { MessageKey } from './messages/en';

export type { MessageKey };

export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, cy };

/** The message in a language with `{name}` placeholders filled; English when the Welsh is empty. */
export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[language][key] || en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** A translator bound to one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
