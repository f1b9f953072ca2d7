import { describe, expect, it } from 'vitest';
import { inspectionAppError } from '#shared/jwt/app-error.js';
import { inspectToken, withoutRawToken, type TokenInspection } from '#shared/jwt/inspect.js';
import {
  APPVIEWX_RESPONSE,
  compactToken,
  NOW,
  NOW_S,
  RFC7519_JWE,
  RFC7519_UNSECURED,
  WSO2_RESPONSE,
  WSO2_TOKEN,
} from '../../../fixtures/jwt/samples.js';

function inspected(raw: string, now = NOW): TokenInspection {
  const result = inspectToken(raw, { now });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('inspectToken', () => {
  it('runs the whole pipeline on the pasted WSO2 token response', () => {
    const wso2IssuedAt = 1688127844 * 1000;
    const result = inspected(WSO2_RESPONSE, wso2IssuedAt + 30 * 60_000);
    expect(result.kind).toBe('jws');
    expect(result.token).toBe(WSO2_TOKEN);
    expect(result.fixes.map((fix) => fix.code)).toEqual(['json_field']);
    expect(result.field).toBe('access_token');
    expect(result.times).toEqual({
      iat: '2023-06-30T12:24:04.000Z',
      nbf: '2023-06-30T12:24:04.000Z',
      exp: '2023-06-30T13:24:04.000Z',
    });
    expect(result.lifetime).toMatchObject({
      status: 'valid',
      summary: 'expires in 30 min',
      totalSeconds: 3600,
    });
    expect(result.claims.find((row) => row.name === 'clientId')?.label).toBe('Client ID');
    expect(result.header.find((row) => row.name === 'kid')?.display).toBe(
      'gateway_certificate_alias',
    );
    expect(result.warnings).toEqual([]);
  });

  it('shows the same token as expired today', () => {
    const result = inspected(WSO2_TOKEN, Date.UTC(2025, 0, 1));
    expect(result.lifetime?.status).toBe('expired');
    expect(result.lifetime?.summary).toMatch(/^expired 1 y \d+ d ago$/);
  });

  it('inspects the AppViewX sample response: fixes, HS256 warning, no expires_in needed', () => {
    const result = inspected(APPVIEWX_RESPONSE, 1650369367 * 1000 - 252_000);
    expect(result.fixes.map((fix) => fix.code)).toEqual(['json_field', 'inner_whitespace']);
    expect(result.lifetime?.summary).toBe('expires in 4 min 12 s');
    expect(result.warnings.map((w) => w.code)).toEqual(['symmetric_alg']);
    expect(result.claims.find((row) => row.name === 'grant type')?.meaning).toMatch(/grant/);
  });

  it('returns no lifetime for JWE and opaque tokens', () => {
    expect(inspected(RFC7519_JWE)).toMatchObject({ kind: 'jwe', lifetime: null, claims: [] });
    expect(inspected('2YotnFZFEjr1zCsicMWpAA')).toMatchObject({
      kind: 'opaque',
      lifetime: null,
      header: [],
    });
  });

  it('flags an unsecured token', () => {
    expect(inspected(RFC7519_UNSECURED).warnings[0]?.code).toBe('alg_none');
  });

  it('passes expectations and skew through', () => {
    const token = compactToken({ alg: 'RS256' }, { aud: 'a', exp: NOW_S - 30 });
    const result = inspectToken(token, { now: NOW, skewSeconds: 0, expected: { audience: 'b' } });
    expect(result.ok && result.lifetime?.status).toBe('expired');
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(['audience_mismatch']);
  });

  it('reports input and decoding errors with the fixes made so far', () => {
    const truncated = inspectToken(`Bearer ${WSO2_TOKEN.slice(0, 120)}`, { now: NOW });
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) {
      expect(truncated.fixes.map((fix) => fix.code)).toEqual(['bearer_prefix']);
      expect(truncated.error.code).toMatch(/invalid_json|invalid_length|wrong_part_count/);
    }
    expect(inspectToken('', { now: NOW })).toMatchObject({ ok: false, error: { code: 'empty' } });
  });

  it('withoutRawToken blanks the token and its signature but keeps the claims', () => {
    const safe = withoutRawToken(inspected(WSO2_TOKEN));
    expect(JSON.stringify(safe)).not.toContain(WSO2_TOKEN.split('.')[2]);
    expect(JSON.stringify(safe)).not.toContain(WSO2_TOKEN.split('.')[1]);
    expect(safe.decoded.payload?.clientId).toBe('45f1c5c8-a92e-11ed-afa1-0242ac120002');
  });

  it('turns an inspection error into a validation AppError carrying the position', () => {
    const result = inspectToken(`${WSO2_TOKEN.slice(0, 40)}*${WSO2_TOKEN.slice(41)}`, { now: NOW });
    if (result.ok) throw new Error('expected an error');
    const error = inspectionAppError(result.error).toIpcError();
    expect(error).toMatchObject({ category: 'validation', message: result.error.message });
    expect(error.details).toEqual({
      code: 'invalid_character',
      part: 'header',
      partIndex: 0,
      offset: 40,
      partOffset: 40,
    });
    expect(error.hint).toMatch(/copy it again/);
  });
});
