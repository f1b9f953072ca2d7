import { describe, expect, it } from 'vitest';
import type { TokenStatus } from '#shared/connection.js';
import { describeStatus } from '../../../../renderer/src/views/connections/model/status.js';

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
    const shown = describeStatus(valid, now);
    expect(shown).toMatchObject({
      tone: 'ok',
      label: 'Renews on next use',
      short: 'Renews on next use',
    });
    expect(shown.detail).toMatch(/^The last token expired .+ \(2 minutes ago\)\.$/);
  });

  it('says "renews on next use" once the engine would renew, before the token expires', () => {
    // A 10-minute token: the engine renews it 70 s before expiry (60 s margin + 10 s skew).
    const obtainedAt = '2025-06-01T11:50:30.000Z';
    const expiresAt = '2025-06-01T12:00:30.000Z';
    const status = { ...base, state: 'valid' as const, obtainedAt, expiresAt };
    expect(describeStatus(status, Date.parse(expiresAt) - 71_000).label).toMatch(/^Token valid/);
    expect(describeStatus(status, Date.parse(expiresAt) - 70_000).label).toBe('Renews on next use');
  });

  it('says "expired" only while the engine waits after failures, with the next try', () => {
    const waiting = {
      ...base,
      state: 'expired' as const,
      expiresAt: '2025-06-01T11:58:00.000Z',
      retryAt: '2025-06-01T12:00:30.000Z',
      error: { category: 'timeout' as const, message: 'No answer within 30 s.' },
    };
    const shown = describeStatus(waiting, now);
    expect(shown).toMatchObject({ tone: 'warn', label: 'Token expired 2 min ago' });
    expect(shown.detail).toMatch(
      /Last renewal failed: No answer within 30 s\. Next try .+\(in 30 seconds\)\.$/,
    );
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
