/**
 * The languages the portal speaks (issue 23): English and Welsh, as Welsh councils must offer under
 * the Welsh Language Standards. A person's choice is kept on their account (`preferredLanguage`)
 * and used for what the portal writes to them: pages, emails and PDFs.
 */
export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** BCP 47 tags for documents (the PDF's /Lang, the page's lang attribute). */
export const LANGUAGE_TAGS: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language to use for a stored value that may be missing or (from old rows) unknown. */
export function languageOr(value: unknown, fallback: Language = DEFAULT_LANGUAGE): Language {
  return isLanguage(value) ? value : fallback;
}
