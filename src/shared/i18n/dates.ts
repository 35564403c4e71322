import { calendarDate } from '../dates';
import type { Language } from './language';

/**
 * Dates in each language's own words, in the councils' DD-Mon-YYYY form: `05-Oct-2026` in English,
 * `05-Hyd-2026` in Welsh (the Welsh month abbreviations as the Welsh Government's style guide
 * gives them).
 */
const MONTHS: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  cy: ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'],
};

/** `2026-10-05` → `05-Oct-2026` / `05-Hyd-2026`. No time zone involved. */
export function formatDateIn(language: Language, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}-${MONTHS[language][Number(m) - 1]}-${y}`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `DD-Mon-YYYY HH:mm` of an instant in a time zone, in the language's month names (24-hour clock in both). */
export function formatDateTimeIn(language: Language, instant: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
    timeFormats.set(timeZone, format);
  }
  return `${formatDateIn(language, calendarDate(instant, timeZone))} ${format.format(instant)}`;
}
