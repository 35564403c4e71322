import { daysInMonth, formatDate, isRealDate } from './dates';

describe('isRealDate', () => {
  it.each(['2026-10-05', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2026-04-30'])('accepts %s', (value) => {
    expect(isRealDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-01', '2026-01-00', '0000-01-01', '26-10-05', '2026-10-5', '2026/10/05', '2026-10-05 ', '2026-10-05T00:00', '', 'x'])(
    'rejects %p',
    (value) => {
      expect(isRealDate(value)).toBe(false);
    },
  );

  it('rejects non-strings', () => {
    for (const value of [20261005, null, undefined, ['2026-10-05'], new Date(0)]) expect(isRealDate(value)).toBe(false);
  });
});

describe('daysInMonth', () => {
  it('knows leap years', () => {
    expect([2023, 2024, 1900, 2000].map((year) => daysInMonth(year, 2))).toEqual([28, 29, 28, 29]);
    expect([1, 4, 6, 9, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([31, 30, 30, 30, 30, 31]);
  });
});

describe('formatDate', () => {
  it('writes DD-Mon-YYYY', () => {
    expect(formatDate('2026-10-05')).toBe('05-Oct-2026');
    expect(formatDate('1999-05-31')).toBe('31-May-1999');
  });

  it('never shifts the day, whatever the local time zone', () => {
    // A Date-based implementation would move these by a day west of UTC.
    expect(formatDate('2026-01-01')).toBe('01-Jan-2026');
    expect(formatDate('2026-03-29')).toBe('29-Mar-2026');
  });

  it('leaves anything that is not a real date alone', () => {
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('soon')).toBe('soon');
  });
});
