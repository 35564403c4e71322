import { isoInstant } from './iso-instant';

describe('isoInstant (a timestamptz as the API shows it)', () => {
  it.each([
    '2026-12-07 05:36:43+00',
    '2026-12-07 05:36:43.1+00',
    '2026-12-07 05:36:43.12+00',
    '2026-12-07 05:36:43.123+00',
    '2026-12-07 05:36:43.1234+00',
    '2026-12-07 05:36:43.123999+00',
    '2024-02-29 23:59:59.999999+00',
    // Inside json (json_agg, json_build_object).
    '2026-12-07T05:36:43+00:00',
    '2026-12-07T05:36:43.123456+00:00',
    // Other sessions' time zones and styles go through Date.
    '2026-07-01 10:00:00.5+01',
    '2026-07-01 10:00:00+05:30',
    '2026-07-01 10:00:00-04',
  ])('gives what Date gives for %s', (text) => {
    expect(isoInstant(text)).toBe(new Date(text).toISOString());
  });

  it('takes a Date as well', () => {
    expect(isoInstant(new Date('2026-12-07T05:36:43.123Z'))).toBe('2026-12-07T05:36:43.123Z');
  });

  it('truncates to milliseconds, as Date does, never rounds', () => {
    expect(isoInstant('2026-12-31 23:59:59.9999+00')).toBe('2026-12-31T23:59:59.999Z');
  });
});
