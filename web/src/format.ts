import { formatDate } from '@form-schema';

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
  return `${formatInstant(iso)} at ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatDay(value: string | null | undefined): string {
  return value ? formatDate(value) : '';
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} bytes`;
  if (size < 1024 * 1024) return `${Math.max(1, Math.round(size / 1024))}KB`;
  return `${(size / (1024 * 1024)).toFixed(1)}MB`;
}

export const COUNCIL_NAME =
  document.querySelector<HTMLMetaElement>('meta[name="portal:council-name"]')?.content.trim() ||
  'Children and Families Services';

export const SERVICE_NAME = 'Professional Portal';
