import { describe, expect, it } from 'vitest';
import type { TokenStatus } from '#shared/connection.js';
import {
  describeStatus,
  formatClock,
} from '../../../../renderer/src/views/connections/model/status.js';

const base: TokenStatus = {
  connectionId: 'c',
  state: 'none',
  tokenType: null,
  scope: null,
  obtainedAt: null,
  expiresAt: null,
  expiresInSec: null,
  expirySource: null,
  claims: null,
  error: null,
  retryAt: null,
  insecureTls: false,
  warnings: [],
};
const now = Date.parse('2025-06-01T12:00:00Z');

describe('token status in the connections list', () => {
  it('says when a token was never fetched', () => {
    expect(describeStatus(base, now)).toEqual({
      tone: 'muted',
      label: 'Never fetched',
      short: 'Never fetched',
      detail: undefined,
    });
  });

  it('counts down a valid token, second by second', () => {
    const valid = { ...base, state: 'valid' as const, expiresAt: '2025-06-01T12:29:30.000Z' };
    expect(describeStatus(valid, now).label).toMatch(/^Token valid until .+ \(29 min 30 s left\)$/);
    expect(describeStatus(valid, now + 1000).label).toMatch(/\(29 min 29 s left\)$/);
    expect(describeStatus(valid, now).tone).toBe('ok');
  });

  it('says a token past its expiry renews on next use, as the engine does, not "expired"', () => {
    const valid = { ...base, state: 'valid' as const, expiresAt: '2025-06-01T11:58:00.000Z' };
    expect(describeStatus(valid, now)).toMatchObject({
      tone: 'muted',
      label: 'Token expired 2 min ago; renews on next use',
      short: 'Renews on next use',
    });
    expect(describeStatus({ ...valid, state: 'expired' }, now).short).toBe('Renews on next use');
  });

  it('adds the day to a time that is not today', () => {
    const local = (y: number, m: number, d: number, h: number, min: number): number =>
      new Date(y, m, d, h, min).getTime();
    const at = local(2025, 11, 2, 10, 0);
    const clock = (t: number): string =>
      new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const today = local(2025, 11, 2, 23, 30);
    expect(formatClock(new Date(today).toISOString(), at)).toBe(clock(today));
    const tomorrow = local(2025, 11, 3, 8, 41);
    expect(formatClock(new Date(tomorrow).toISOString(), at)).toBe(`tomorrow ${clock(tomorrow)}`);
    const later = local(2025, 11, 9, 8, 41);
    expect(formatClock(new Date(later).toISOString(), at)).toMatch(/9.*Dec.* |Dec.*9.* /);
    expect(formatClock(new Date(later).toISOString(), at)).not.toMatch(/2025/);
    const nextYear = local(2026, 0, 5, 8, 41);
    expect(formatClock(new Date(nextYear).toISOString(), at)).toMatch(/2026/);
  });

  it('shows a failing connection with the error message', () => {
    const failing = {
      ...base,
      state: 'error' as const,
      error: {
        category: 'invalid_client' as const,
        message: 'Amplience did not accept the API key.',
      },
    };
    expect(describeStatus(failing, now)).toEqual({
      tone: 'error',
      label: 'Failing',
      short: 'Failing',
      detail: 'Amplience did not accept the API key.',
    });
  });

  it('keeps a valid token valid when only its renewal failed, and says so', () => {
    const renewalFailed = {
      ...base,
      state: 'expiring' as const,
      expiresAt: '2025-06-01T12:01:00.000Z',
      error: { category: 'timeout' as const, message: 'No answer within 30 s.' },
    };
    expect(describeStatus(renewalFailed, now)).toMatchObject({
      tone: 'warn',
      detail: 'Last renewal failed: No answer within 30 s.',
    });
  });
});
