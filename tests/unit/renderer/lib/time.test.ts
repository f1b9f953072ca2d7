import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatRelative,
  formatWhen,
  formatWhenRelative,
} from '../../../../renderer/src/lib/time.js';

// Times are pinned with Intl's timeZone option, so the tests do not depend on the machine's zone.
const at = (iso: string): number => Date.parse(iso);

describe('formatClock: the locale decides 12 or 24 hours', () => {
  const t = at('2026-12-03T08:41:00Z');
  it.each([
    ['en-US', /^8:41\sAM$/],
    ['en-GB', /^08:41$/],
    ['de-DE', /^08:41$/],
    ['ja-JP', /^08:41$/],
  ])('%s', (locale, expected) => {
    expect(formatClock(t, { locale, timeZone: 'UTC' })).toMatch(expected);
  });

  it('shows the same instant in the zone asked for', () => {
    expect(formatClock(t, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('09:41');
    expect(formatClock(t, { locale: 'en-GB', timeZone: 'America/New_York' })).toBe('03:41');
  });

  it('adds seconds and the zone when asked', () => {
    expect(
      formatClock(t, { locale: 'en-GB', timeZone: 'Europe/Berlin', seconds: true, zone: true }),
    ).toBe('09:41:00 CET');
  });
});

describe('formatWhen: the date only when it is not today', () => {
  const now = at('2026-12-02T14:00:00Z');
  const o = { timeZone: 'UTC', now };

  it('today: the time alone', () => {
    expect(formatWhen(at('2026-12-02T20:15:00Z'), { ...o, locale: 'en-GB' })).toBe('20:15');
  });

  it.each([
    ['en-US', 'tomorrow 8:41\u202fAM'],
    ['en-GB', 'tomorrow 08:41'],
    ['de-DE', 'morgen 08:41'],
    ['ja-JP', '明日 08:41'],
  ])('tomorrow in %s', (locale, expected) => {
    expect(formatWhen(at('2026-12-03T08:41:00Z'), { ...o, locale }).replace(/\s/g, ' ')).toBe(
      expected.replace(/\s/g, ' '),
    );
  });

  it('yesterday', () => {
    expect(formatWhen(at('2026-12-01T17:02:00Z'), { ...o, locale: 'en-GB' })).toBe(
      'yesterday 17:02',
    );
  });

  it.each([
    ['en-GB', /^4 Dec(,)? 08:41$/],
    ['en-US', /^Dec 4(,)? 8:41\sAM$/],
    ['de-DE', /^4\. Dez\.?(,)? 08:41$/],
    ['ja-JP', /^12月4日 08:41$/],
  ])('another day in %s: day, short month and time', (locale, expected) => {
    expect(formatWhen(at('2026-12-04T08:41:00Z'), { ...o, locale })).toMatch(expected);
  });

  it('adds the year when it is not this year', () => {
    expect(formatWhen(at('2027-01-05T08:41:00Z'), { ...o, locale: 'en-GB' })).toMatch(
      /^5 Jan 2027(,)? 08:41$/,
    );
  });

  it('decides "today" and "tomorrow" in the user\'s zone, not in UTC', () => {
    // 23:30 UTC on 2 Dec is already 3 Dec in Berlin and still 2 Dec in New York.
    const late = at('2026-12-02T23:30:00Z');
    expect(formatWhen(late, { now, locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe(
      'tomorrow 00:30',
    );
    expect(formatWhen(late, { now, locale: 'en-GB', timeZone: 'America/New_York' })).toBe('18:30');
  });

  it('gets "tomorrow" right across a DST change in Berlin (a 23-hour and a 25-hour day)', () => {
    // Spring forward: Sunday 29 March 2026, 02:00 → 03:00 local.
    const saturdayNight = at('2026-03-28T22:30:00Z'); // 23:30 CET Saturday
    const sundayMorning = at('2026-03-29T22:15:00Z'); // 00:15 CEST Monday: two days later
    expect(
      formatWhen(at('2026-03-29T21:59:00Z'), {
        now: saturdayNight,
        locale: 'en-GB',
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('tomorrow 23:59');
    expect(
      formatWhen(sundayMorning, { now: saturdayNight, locale: 'en-GB', timeZone: 'Europe/Berlin' }),
    ).toMatch(/^30 Mar(,)? 00:15$/);
    // Fall back: Sunday 25 October 2026, 03:00 → 02:00 local.
    const before = at('2026-10-24T21:30:00Z'); // 23:30 CEST Saturday
    expect(
      formatWhen(at('2026-10-25T22:59:00Z'), {
        now: before,
        locale: 'en-GB',
        timeZone: 'Europe/Berlin',
      }),
    ).toBe('tomorrow 23:59');
  });

  it('gets "tomorrow" right across a DST change in New York', () => {
    // Spring forward: Sunday 8 March 2026, 02:00 → 03:00 local.
    const now2 = at('2026-03-08T04:30:00Z'); // 23:30 EST Saturday 7 March
    expect(
      formatWhen(at('2026-03-09T03:45:00Z'), {
        now: now2,
        locale: 'en-US',
        timeZone: 'America/New_York',
      }).replace(/\s/g, ' '),
    ).toBe('tomorrow 11:45 PM');
    // Fall back: Sunday 1 November 2026, 02:00 → 01:00 local; 01:30 happens twice.
    const now3 = at('2026-11-01T03:30:00Z'); // 23:30 EDT Saturday 31 October
    expect(
      formatWhen(at('2026-11-01T06:30:00Z'), {
        now: now3,
        locale: 'en-US',
        timeZone: 'America/New_York',
      }).replace(/\s/g, ' '),
    ).toBe('tomorrow 1:30 AM');
  });

  it('says "out of range" for a time a Date cannot hold', () => {
    expect(formatWhen(8.7e15, o)).toBe('out of range');
  });
});

describe('formatRelative: the largest whole unit, never rounded up', () => {
  const now = at('2026-12-02T14:00:00Z');
  it.each([
    [at('2026-12-02T14:00:30Z'), 'in 30 seconds'],
    [at('2026-12-02T14:14:59Z'), 'in 14 minutes'],
    [at('2026-12-02T14:59:59Z'), 'in 59 minutes'],
    [at('2026-12-02T11:00:00Z'), '3 hours ago'],
    [at('2026-12-04T14:00:00Z'), 'in 2 days'],
    [now, 'now'],
  ])('%s', (t, expected) => {
    expect(formatRelative(t, { now, locale: 'en-GB' })).toBe(expected);
  });

  it('speaks the locale', () => {
    expect(formatRelative(at('2026-12-02T14:14:00Z'), { now, locale: 'de-DE' })).toBe(
      'in 14 Minuten',
    );
    expect(formatRelative(at('2026-12-02T14:14:00Z'), { now, locale: 'ja-JP' })).toBe('14 分後');
  });

  it('goes with the absolute time: "tomorrow 08:41 (in 18 hours)"', () => {
    expect(
      formatWhenRelative(at('2026-12-03T08:41:00Z'), { now, locale: 'en-GB', timeZone: 'UTC' }),
    ).toBe('tomorrow 08:41 (in 18 hours)');
  });
});
