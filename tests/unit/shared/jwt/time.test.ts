import { describe, expect, it } from 'vitest';
import {
  computeLifetime,
  formatDuration,
  isoFromSeconds,
  readNumericDate,
  relativeTime,
} from '#shared/jwt/time.js';
import { NOW, NOW_S } from '../../../fixtures/jwt/samples.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.9, '0 s'],
    [42, '42 s'],
    [60, '1 min'],
    [252, '4 min 12 s'],
    [252.99, '4 min 12 s'],
    [-252, '4 min 12 s'],
    [3600, '1 h'],
    [7500, '2 h 5 min'],
    [86400 * 3 + 3600 * 4, '3 d 4 h'],
    [86400 * 365 + 86400 * 12, '1 y 12 d'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('relativeTime', () => {
  it('phrases each time claim', () => {
    expect(relativeTime('exp', NOW_S + 252, NOW)).toBe('expires in 4 min 12 s');
    expect(relativeTime('exp', NOW_S - 185, NOW)).toBe('expired 3 min 5 s ago');
    expect(relativeTime('exp', NOW_S + 0.2, NOW)).toBe('expires now');
    expect(relativeTime('iat', NOW_S - 7200, NOW)).toBe('issued 2 h ago');
    expect(relativeTime('iat', NOW_S + 120, NOW)).toBe('issued 2 min in the future');
    expect(relativeTime('nbf', NOW_S + 30, NOW)).toBe('becomes valid in 30 s');
    expect(relativeTime('nbf', NOW_S - 30, NOW)).toBe('became valid 30 s ago');
    expect(relativeTime('auth_time', NOW_S - 60, NOW)).toBe('authenticated 1 min ago');
    expect(relativeTime('custom', NOW_S + 60, NOW)).toBe('in 1 min');
  });
});

describe('readNumericDate and isoFromSeconds', () => {
  it('accepts floats and numeric strings, flags milliseconds, refuses the rest', () => {
    expect(readNumericDate(1700000000.5)).toEqual({
      ok: true,
      seconds: 1700000000.5,
      fromString: false,
      looksLikeMilliseconds: false,
    });
    expect(readNumericDate('1700000000')).toMatchObject({
      ok: true,
      seconds: 1700000000,
      fromString: true,
    });
    expect(readNumericDate(1669920901070)).toMatchObject({ ok: true, looksLikeMilliseconds: true });
    expect(readNumericDate('tomorrow')).toMatchObject({ ok: false });
    expect(readNumericDate(null)).toMatchObject({ ok: false });
    expect(readNumericDate([1])).toMatchObject({ ok: false });
  });

  it('renders ISO 8601 UTC with fractions, and null beyond the Date range', () => {
    expect(isoFromSeconds(1300819380)).toBe('2011-03-22T18:43:00.000Z');
    expect(isoFromSeconds(1700000000.25)).toBe('2023-11-14T22:13:20.250Z');
    expect(isoFromSeconds(1e300)).toBeNull();
  });
});

describe('computeLifetime', () => {
  const life = (
    claims: Record<string, number>,
    extra: { skewSeconds?: number; soonSeconds?: number } = {},
  ) => computeLifetime(claims, { now: NOW, ...extra });

  it('is valid in the middle of a lifetime, with the bar position', () => {
    const result = life({ iat: NOW_S - 900, exp: NOW_S + 900 });
    expect(result.status).toBe('valid');
    expect(result.summary).toBe('expires in 15 min');
    expect(result.progress).toBeCloseTo(0.5);
    expect(result.totalSeconds).toBe(1800);
    expect(result.remainingSeconds).toBe(900);
    expect(result.skewSeconds).toBe(60);
  });

  it('expires soon in the last 10% (at least 60 s)', () => {
    expect(life({ iat: NOW_S - 1700, exp: NOW_S + 100 }).status).toBe('expires_soon');
    expect(life({ iat: NOW_S - 250, exp: NOW_S + 50 }).status).toBe('expires_soon');
    expect(life({ iat: NOW_S - 200, exp: NOW_S + 100 }).status).toBe('valid');
    expect(life({ exp: NOW_S + 100 }, { soonSeconds: 200 }).status).toBe('expires_soon');
  });

  it('is expired past exp plus the skew allowance', () => {
    const result = life({ iat: NOW_S - 2000, exp: NOW_S - 200 });
    expect(result.status).toBe('expired');
    expect(result.summary).toBe('expired 3 min 20 s ago');
    expect(result.progress).toBe(1);
  });

  it('says when only the skew allowance keeps a token alive', () => {
    const result = life({ exp: NOW_S - 20 });
    expect(result.status).toBe('expires_soon');
    expect(result.withinSkew).toBe(true);
    expect(result.summary).toMatch(/expired 20 s ago, still inside the 60 s clock-skew allowance/);
    expect(life({ exp: NOW_S - 20 }, { skewSeconds: 0 }).status).toBe('expired');
  });

  it('is not yet valid before nbf minus the skew', () => {
    const result = life({ nbf: NOW_S + 300, exp: NOW_S + 900 });
    expect(result.status).toBe('not_yet_valid');
    expect(result.summary).toBe('not valid for another 5 min');
    const early = life({ nbf: NOW_S + 30, exp: NOW_S + 900 });
    expect(early.status).toBe('valid');
    expect(early.withinSkew).toBe(true);
  });

  it('has no expiry without exp', () => {
    const result = life({ iat: NOW_S - 10 });
    expect(result.status).toBe('no_expiry');
    expect(result.remainingSeconds).toBeNull();
    expect(result.progress).toBeNull();
  });

  it('handles float dates', () => {
    const result = life({ iat: NOW_S - 0.5, exp: NOW_S + 299.5 });
    expect(result.status).toBe('valid');
    expect(result.totalSeconds).toBe(300);
    expect(result.summary).toBe('expires in 4 min 59 s');
  });

  it('ignores unusable time values', () => {
    expect(computeLifetime({ exp: 'soon' }, { now: NOW }).status).toBe('no_expiry');
  });
});
