import { describe, expect, it } from 'vitest';
import { decodeToken } from '#shared/jwt/decode.js';
import { securityWarnings, type WarningOptions } from '#shared/jwt/warnings.js';
import {
  compactToken,
  NOW,
  NOW_S,
  RFC7519_JWE,
  RFC7519_UNSECURED,
} from '../../../fixtures/jwt/samples.js';

const fresh = { iss: 'https://idp', iat: NOW_S - 60, exp: NOW_S + 1740 };

function warningsFor(token: string, options: Partial<WarningOptions> = {}) {
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return securityWarnings(decoded.token, { now: NOW, ...options });
}

function codes(token: string, options: Partial<WarningOptions> = {}): string[] {
  return warningsFor(token, options).map((warning) => warning.code);
}

describe('securityWarnings', () => {
  it('raises nothing for a well-formed short-lived RS256 token', () => {
    expect(codes(compactToken({ alg: 'RS256' }, fresh))).toEqual([]);
  });

  it('flags alg none as critical', () => {
    const [first] = warningsFor(RFC7519_UNSECURED);
    expect(first).toMatchObject({ code: 'alg_none', severity: 'critical' });
  });

  it('flags alg none with a signature attached', () => {
    const token = compactToken({ alg: 'none' }, fresh, 'c2ln');
    expect(warningsFor(token).filter((w) => w.code === 'alg_none')).toHaveLength(2);
  });

  it('flags a symmetric algorithm on a third-party token', () => {
    const found = warningsFor(compactToken({ alg: 'HS256' }, fresh));
    expect(found).toEqual([
      expect.objectContaining({ code: 'symmetric_alg', severity: 'warning', claim: 'alg' }),
    ]);
  });

  it('stays quiet about HS256 when the token is known to be first-party', () => {
    const token = compactToken({ alg: 'HS256' }, fresh);
    expect(codes(token, { symmetricExpected: true })).toEqual([]);
  });

  it('flags a stripped signature and a missing alg', () => {
    expect(codes(compactToken({ alg: 'RS256' }, fresh, ''))).toContain('signature_missing');
    expect(codes(compactToken({ typ: 'JWT' }, fresh))).toContain('missing_alg');
  });

  it('flags a missing exp', () => {
    expect(codes(compactToken({ alg: 'RS256' }, { iat: NOW_S }))).toEqual(['missing_exp']);
  });

  it('flags a very long lifetime, measured from iat or from now', () => {
    expect(codes(compactToken({ alg: 'RS256' }, { iat: NOW_S, exp: NOW_S + 30 * 86400 }))).toEqual([
      'long_lifetime',
    ]);
    expect(codes(compactToken({ alg: 'RS256' }, { exp: NOW_S + 2 * 86400 }))).toEqual([
      'long_lifetime',
    ]);
    expect(
      codes(compactToken({ alg: 'RS256' }, { iat: NOW_S, exp: NOW_S + 7200 }), {
        maxLifetimeSeconds: 3600,
      }),
    ).toEqual(['long_lifetime']);
  });

  it('flags nbf and iat in the future, milder inside the skew allowance', () => {
    const far = warningsFor(
      compactToken({ alg: 'RS256' }, { nbf: NOW_S + 600, iat: NOW_S + 600, exp: NOW_S + 1200 }),
    );
    expect(far.map((w) => w.code).sort()).toEqual(['iat_in_future', 'nbf_in_future']);
    expect(far.find((w) => w.code === 'nbf_in_future')?.severity).toBe('warning');
    const near = warningsFor(
      compactToken({ alg: 'RS256' }, { nbf: NOW_S + 10, exp: NOW_S + 1200 }),
    );
    expect(near).toEqual([expect.objectContaining({ code: 'nbf_in_future', severity: 'info' })]);
  });

  it('flags exp before iat, non-numeric times and millisecond times', () => {
    expect(codes(compactToken({ alg: 'RS256' }, { iat: NOW_S, exp: NOW_S - 10 }))).toContain(
      'exp_before_start',
    );
    expect(codes(compactToken({ alg: 'RS256' }, { exp: 'tomorrow' }))).toEqual([
      'time_not_numeric',
      'missing_exp',
    ]);
    expect(codes(compactToken({ alg: 'RS256' }, { exp: (NOW_S + 600) * 1000 }))).toEqual(
      expect.arrayContaining(['time_in_milliseconds']),
    );
  });

  it('flags header keys a verifier must not trust', () => {
    const found = codes(
      compactToken(
        {
          alg: 'RS256',
          jwk: { kty: 'RSA' },
          jku: 'https://evil',
          x5u: 'https://evil',
          crit: ['exp'],
        },
        fresh,
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining(['embedded_key', 'key_url_in_header', 'crit_header']),
    );
    expect(found.filter((code) => code === 'key_url_in_header')).toHaveLength(2);
  });

  it('compares aud, scope and iss with what the connection asked for', () => {
    const token = compactToken(
      { alg: 'RS256' },
      { ...fresh, aud: ['api-a', 'api-b'], scope: 'email profile' },
    );
    expect(
      codes(token, {
        expected: { audience: 'api-a', scope: 'email profile', issuer: 'https://idp' },
      }),
    ).toEqual([]);
    const found = warningsFor(token, {
      expected: { audience: 'api-c', scope: ['email', 'read:api'], issuer: 'https://other' },
    });
    expect(found.map((w) => w.code).sort()).toEqual([
      'audience_mismatch',
      'issuer_mismatch',
      'scope_broader',
      'scope_mismatch',
    ]);
    expect(found.find((w) => w.code === 'scope_mismatch')?.message).toContain('"read:api" missing');
  });

  it('reads scp lists and says when no scope claim can confirm the request', () => {
    const scp = compactToken({ alg: 'RS256' }, { ...fresh, scp: ['read', 'write'] });
    expect(codes(scp, { expected: { scope: 'read write' } })).toEqual([]);
    const none = warningsFor(compactToken({ alg: 'RS256' }, fresh), {
      expected: { scope: 'read' },
    });
    expect(none).toEqual([expect.objectContaining({ code: 'scope_mismatch', severity: 'info' })]);
  });

  it('says an encrypted payload cannot be checked, and nothing for opaque tokens', () => {
    expect(codes(RFC7519_JWE)).toEqual(['encrypted_payload']);
    expect(codes('2YotnFZFEjr1zCsicMWpAA')).toEqual([]);
  });

  it('orders warnings by severity', () => {
    const found = warningsFor(compactToken({ alg: 'none', crit: ['x'] }, { iat: NOW_S }, ''));
    const order = found.map((w) => w.severity);
    expect(order).toEqual(
      [...order].sort(
        (a, b) =>
          ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(order[0]).toBe('critical');
  });
});
