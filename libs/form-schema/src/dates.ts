/**
 * Calendar dates are plain `YYYY-MM-DD` strings. They are parsed by hand, never through `Date`,
 * so no time zone can move them by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Welsh month abbreviations (as the server's src/shared/i18n/dates.ts, which this library may not import). */
const WELSH_MONTHS = ['Ion', 'Chwef', 'Maw', 'Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag'];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar date from 0001-01-01 to 9999-12-31, e.g. 2024-02-29 but not 2026-02-30. */
export function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `2026-10-05` → `05-Oct-2026` (the portal's display format); anything else is returned unchanged. */
export function formatDate(value: string): string {
  if (!isRealDate(value)) return value;
  const [year, month, day] = value.split('-');
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
}

/** As `formatDate`, with Welsh month names for `cy`: `2026-10-05` → `05-Hyd-2026`. */
export function formatDateInLanguage(value: string, language: 'en' | 'cy'): string {
  if (language === 'en' || !isRealDate(value)) return formatDate(value);
  const [year, month, day] = value.split('-');
  return `${day}-${WELSH_MONTHS[Number(month) - 1]}-${year}`;
}
