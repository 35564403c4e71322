const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar date (YYYY-MM-DD) of an instant in a time zone: "today" for overdue and reminders. */
export function calendarDate(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const minute = Math.floor(ms / 60_000);
  const last = lastDates.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = dayFormat(timeZone).format(instant);
  if (ms >= WHOLE_MINUTE_OFFSETS_SINCE) lastDates.set(timeZone, { minute, date });
  return date;
}

// Formatting costs a few µs, and every list and task page asks for "today": the last answer per time
// zone is kept for the rest of its UTC minute. Exact: since 1972 every zone's UTC offset is a whole
// number of minutes (15-minute steps today), so a local midnight always falls on a UTC minute's start.
const WHOLE_MINUTE_OFFSETS_SINCE = Date.UTC(1973, 0, 1);
const lastDates = new Map<string, { minute: number; date: string }>();

// Building an Intl.DateTimeFormat costs far more than using one, and lists ask for "today" on every
// request: keep one per time zone (a deployment has one or two).
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** `2026-10-05` → `05-Oct-2026`, the way councils write dates in their emails. No time zone involved. */
export function formatEmailDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

/** `DD-Mon-YYYY HH:mm` of an instant in a time zone, e.g. for "locked until". */
export function formatEmailDateTime(instant: Date, timeZone: string): string {
  const date = calendarDate(instant, timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(instant);
  return `${formatEmailDate(date)} ${time}`;
}

/** Adds whole days to a calendar date without going through local time. */
export function addDaysToDate(isoDate: string, days: number): string {
  const t = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
