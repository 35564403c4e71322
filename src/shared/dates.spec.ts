import { calendarDate } from './dates';

/** The date as a fresh formatter gives it: what calendarDate must answer, remembered or not. */
function expected(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('calendarDate', () => {
  it.each([
    // London's midnight in winter and in summer time; Kathmandu (+05:45) and Chatham (+12:45/+13:45)
    // have midnights on quarter hours; Honolulu is behind UTC.
    ['Europe/London', '2026-12-05T23:59:59.999Z', '2026-12-05'],
    ['Europe/London', '2026-12-06T00:00:00.000Z', '2026-12-06'],
    ['Europe/London', '2026-06-30T22:59:59.999Z', '2026-06-30'],
    ['Europe/London', '2026-06-30T23:00:00.000Z', '2026-07-01'],
    ['Asia/Kathmandu', '2026-12-05T18:14:59.999Z', '2026-12-05'],
    ['Asia/Kathmandu', '2026-12-05T18:15:00.000Z', '2026-12-06'],
    ['Pacific/Chatham', '2026-12-05T10:14:59.999Z', '2026-12-05'],
    ['Pacific/Chatham', '2026-12-05T10:15:00.000Z', '2026-12-06'],
    ['Pacific/Honolulu', '2026-12-06T09:59:59.999Z', '2026-12-05'],
    ['Pacific/Honolulu', '2026-12-06T10:00:00.000Z', '2026-12-06'],
  ])('in %s at %s is %s, just before and after local midnight', (zone, iso, date) => {
    expect(calendarDate(new Date(iso), zone)).toBe(date);
  });

  it('answers what a fresh formatter does, minute after minute across midnights, with zones interleaved', () => {
    const zones = ['Europe/London', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Eucla'];
    // Every 20 seconds over two days: several calls in each UTC minute, each zone's midnight crossed twice.
    for (let t = Date.UTC(2026, 2, 28, 12); t < Date.UTC(2026, 2, 30, 12); t += 20_000) {
      for (const zone of zones) {
        const instant = new Date(t + (zone.length % 7) * 1000);
        expect(calendarDate(instant, zone)).toBe(expected(instant, zone));
      }
    }
  });

  it('answers for instants long past too (offsets in seconds before 1973), and refuses an invalid date', () => {
    // Monrovia kept UTC−00:44:30 until 1972: its midnight fell mid-minute.
    const beforeMidnight = new Date(Date.UTC(1971, 5, 1, 0, 44, 29));
    const afterMidnight = new Date(Date.UTC(1971, 5, 1, 0, 44, 31));
    expect(calendarDate(beforeMidnight, 'Africa/Monrovia')).toBe('1971-05-31');
    expect(calendarDate(afterMidnight, 'Africa/Monrovia')).toBe('1971-06-01');
    expect(() => calendarDate(new Date(Number.NaN), 'Europe/London')).toThrow(RangeError);
  });
});
