import { describe, expect, it } from 'vitest';
import type { TokenStatus } from '#shared/connection.js';
import {
  defaultRenewalPolicy,
  renewAtFor,
} from '../../../../electron/core/tokens/engine-status.js';
import { renewalTime, tokenTiming } from '../../../../renderer/src/lib/token-timing.js';

const base: TokenStatus = {
  connectionId: 'c',
  state: 'valid',
  tokenType: 'Bearer',
  scope: null,
  obtainedAt: '2026-12-02T14:00:00.000Z',
  expiresAt: '2026-12-02T15:00:00.000Z',
  expiresInSec: 3600,
  expirySource: 'expires_in',
  claims: null,
  error: null,
  retryAt: null,
  insecureTls: false,
  warnings: [],
};
const obtained = Date.parse(base.obtainedAt!);

describe('renews on next use: the views agree with the engine', () => {
  it.each([
    ['one hour', 3_600_000],
    ['ten minutes', 600_000],
    ['one minute', 60_000],
    ['five seconds', 5_000],
    ['already expired', 0],
  ])('renews a token that lives %s when the engine does', (_, lifetime) => {
    const expiresAt = obtained + lifetime;
    const engine = renewAtFor(
      { obtainedAt: obtained, expiresAt, expiresIn: lifetime / 1000 } as Parameters<
        typeof renewAtFor
      >[0],
      defaultRenewalPolicy,
    );
    expect(renewalTime(obtained, expiresAt)).toBe(engine);
  });

  it('a token of unknown expiry is reused as long as the engine reuses it', () => {
    const engine = renewAtFor(
      { obtainedAt: obtained, expiresAt: undefined } as Parameters<typeof renewAtFor>[0],
      defaultRenewalPolicy,
    );
    expect(renewalTime(obtained, null)).toBe(engine);
  });

  it('valid until the renewal time, then "renews on next use", also past expiry', () => {
    const renewAt = renewalTime(obtained, Date.parse(base.expiresAt!));
    expect(tokenTiming(base, renewAt - 1).phase).toBe('valid');
    expect(tokenTiming(base, renewAt).phase).toBe('renews-on-next-use');
    expect(tokenTiming({ ...base, state: 'expired' }, Date.parse(base.expiresAt!) + 1).phase).toBe(
      'renews-on-next-use',
    );
  });

  it('"waiting" only while the engine backs off after a failure', () => {
    const expired = { ...base, state: 'expired' as const, retryAt: '2026-12-02T15:05:00.000Z' };
    expect(tokenTiming(expired, Date.parse('2026-12-02T15:01:00Z')).phase).toBe('waiting');
    expect(tokenTiming(expired, Date.parse('2026-12-02T15:06:00Z')).phase).toBe(
      'renews-on-next-use',
    );
  });

  it('no token and failures read as such', () => {
    expect(tokenTiming({ ...base, state: 'none' }, obtained).phase).toBe('none');
    expect(tokenTiming({ ...base, state: 'error' }, obtained).phase).toBe('failing');
    expect(tokenTiming({ ...base, state: 'fetching' }, obtained).phase).toBe('fetching');
  });
});
