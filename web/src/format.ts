import { formatDate as formatEnglishDate } from '@form-schema';
import { currentLanguage } from './i18n/language';

/** Welsh month abbreviations (as the server's src/shared/i18n/dates.ts), by English abbreviation. */
const WELSH_MONTHS: Record<string, string> = {
  Jan: 'Ion',
  Feb: 'Chwef',
  Mar: 'Maw',
  Apr: 'Ebr',
  May: 'Mai',
  Jun: 'Meh',
  Jul: 'Gorff',
  Aug: 'Awst',
  Sep: 'Medi',
  Oct: 'Hyd',
  Nov: 'Tach',
  Dec: 'Rhag',
};

/** `2026-10-05` as `05-Oct-2026`, or `05-Hyd-2026` when the interface is in Welsh (issue 23). */
function formatDate(value: string): string {
  const english = formatEnglishDate(value);
  if (currentLanguage() !== 'cy') return english;
  return english.replace(/^(\d\d)-([A-Z][a-z]{2})-(\d{4})$/, (whole, d: string, m: string, y: string) =>
    WELSH_MONTHS[m] ? `${d}-${WELSH_MONTHS[m]}-${y}` : whole,
  );
}

/** An ISO instant as the calendar date where the reader is, `05-Oct-2026`. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return formatDate(`${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatInstant(iso)} ${currentLanguage() === 'cy' ? 'am' : 'at'} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatDay(value: string | null | undefined): string {
  return value ? formatDate(value) : '';
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} ${currentLanguage() === 'cy' ? 'beit' : 'bytes'}`;
  if (size < 1024 * 1024) return `${Math.max(1, Math.round(size / 1024))}KB`;
  return `${(size / (1024 * 1024)).toFixed(1)}MB`;
}

export const COUNCIL_NAME =
  document.querySelector<HTMLMetaElement>('meta[name="portal:council-name"]')?.content.trim() || 'Children and Families Services';

export const SERVICE_NAME = 'Professional Portal';
