import type { Language } from './language';
import { WELSH_PROBLEM_PATTERNS, WELSH_PROBLEM_TEXTS } from './problem-texts.cy';

/** A problem's title or detail in a language: English as written, Welsh where there is a translation. */
export function problemText(language: Language, english: string): string {
  if (language === 'en') return english;
  const exact = WELSH_PROBLEM_TEXTS[english];
  if (exact !== undefined) return exact;
  for (const [pattern, welsh] of WELSH_PROBLEM_PATTERNS) {
    if (pattern.test(english)) return english.replace(pattern, welsh);
  }
  return english;
}
