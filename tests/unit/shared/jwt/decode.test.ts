import { describe, expect, it } from 'vitest';
import { decodeToken } from '#shared/jwt/decode.js';
import type { DecodeError, DecodedToken } from '#shared/jwt/types.js';
import {
  APPVIEWX_TOKEN_WITH_SPACES,
  b64u,
  compactToken,
  RFC7515_ES256,
  RFC7515_RS256,
  RFC7519_HS256,
  RFC7519_JWE,
  RFC7519_UNSECURED,
  WSO2_TOKEN,
} from '../../../fixtures/jwt/samples.js';

function decoded(token: string): DecodedToken {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.token;
}

function failure(token: string): DecodeError {
  const result = decodeToken(token);
  if (result.ok) throw new Error(`expected an error, got kind ${result.token.kind}`);
  return result.error;
}

const RFC_CLAIMS = { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true };

describe('decodeToken: RFC examples', () => {
  it('decodes the RFC 7519 §3.1 HS256 JWT (header with CRLF inside)', () => {
    const token = decoded(RFC7519_HS256);
    expect(token.kind).toBe('jws');
    expect(token.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(token.payload).toEqual(RFC_CLAIMS);
    expect(token.alg).toBe('HS256');
    expect(token.typ).toBe('JWT');
    if (token.kind === 'jws') expect(token.signatureBytes).toBe(32);
  });

  it('decodes the RFC 7515 A.2 RS256 and A.3 ES256 examples', () => {
    const rs = decoded(RFC7515_RS256);
    expect(rs.kind).toBe('jws');
    expect(rs.alg).toBe('RS256');
    expect(rs.payload).toEqual(RFC_CLAIMS);
    if (rs.kind === 'jws') expect(rs.signatureBytes).toBe(256);
    const es = decoded(RFC7515_ES256);
    expect(es.alg).toBe('ES256');
    if (es.kind === 'jws') expect(es.signatureBytes).toBe(64);
  });

  it('recognises the RFC 7519 §6.1 unsecured JWT', () => {
    const token = decoded(RFC7519_UNSECURED);
    expect(token.kind).toBe('unsecured');
    expect(token.alg).toBe('none');
    expect(token.payload).toEqual(RFC_CLAIMS);
  });

  it('treats odd spellings of "none" as unsecured and says so', () => {
    const token = decoded(compactToken({ alg: 'nOnE' }, { sub: 'x' }, ''));
    expect(token.kind).toBe('unsecured');
    expect(token.notes.join(' ')).toMatch(/nOnE/);
  });

  it('shows the header of the RFC 7519 A.1 JWE and keeps the payload encrypted', () => {
    const token = decoded(RFC7519_JWE);
    expect(token.kind).toBe('jwe');
    expect(token.header).toEqual({ alg: 'RSA1_5', enc: 'A128CBC-HS256' });
    expect(token.payload).toBeNull();
    if (token.kind !== 'jwe') return;
    expect(token.enc).toBe('A128CBC-HS256');
    expect(token.sizes).toEqual({ encryptedKey: 256, iv: 16, ciphertext: 80, tag: 16 });
  });

  it('notes a nested JWT inside a JWE', () => {
    const header = b64u([...new TextEncoder().encode('{"alg":"dir","enc":"A256GCM","cty":"JWT"}')]);
    const token = decoded(`${header}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(token.kind).toBe('jwe');
    expect(token.notes.join(' ')).toMatch(/nested|itself a JWT/);
  });
});

describe('decodeToken: seed tokens', () => {
  it('decodes the complete WSO2 APK sample token', () => {
    const token = decoded(WSO2_TOKEN);
    expect(token.kind).toBe('jws');
    expect(token.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'gateway_certificate_alias' });
    expect(token.kid).toBe('gateway_certificate_alias');
    expect(token.payload).toEqual({
      iss: 'https://idp.am.wso2.com/token',
      sub: '45f1c5c8-a92e-11ed-afa1-0242ac120002',
      exp: 1688131444,
      nbf: 1688127844,
      iat: 1688127844,
      jti: '01ee1741-0046-18a6-aa21-bd0a98f63790',
      clientId: '45f1c5c8-a92e-11ed-afa1-0242ac120002',
      scope: 'default',
    });
  });

  it('points at the stray space in the AppViewX sample when it is not cleaned first', () => {
    const error = failure(APPVIEWX_TOKEN_WITH_SPACES);
    const space = APPVIEWX_TOKEN_WITH_SPACES.indexOf(' ');
    expect(error.code).toBe('invalid_character');
    expect(error.part).toBe('payload');
    expect(error.offset).toBe(space);
    expect(error.partOffset).toBe(space - APPVIEWX_TOKEN_WITH_SPACES.indexOf('.') - 1);
    expect(error.message).toContain('a space');
    expect(error.message).toContain(`offset ${space}`);
    expect(error.header).toEqual({ typ: 'JWT', alg: 'HS256' });
  });

  it('decodes the AppViewX sample once its spaces are gone, "grant type" claim included', () => {
    const token = decoded(APPVIEWX_TOKEN_WITH_SPACES.replace(/ /g, ''));
    expect(token.alg).toBe('HS256');
    expect(token.payload).toEqual({
      sub: 'platform',
      aud: 'avx',
      clientId: '97074e41-8af9-456d-9a64-f0c4bb908048',
      iss: 'avx',
      exp: 1650369367,
      'grant type': 'client_credentials',
    });
  });
});

describe('decodeToken: opaque tokens', () => {
  it.each([
    ['a UUID', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'uuid'],
    ['hex', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', 'hex'],
    ['base64url (RFC 6749 example)', '2YotnFZFEjr1zCsicMWpAA', 'base64url'],
    ['dotted (Google style)', 'ya29.a0AfH6SMBx-example_token', 'other'],
    ['base64 with padding', 'dGhpcyBpcyBub3QgYSBKV1Q=', 'base64'],
  ])('says %s is not a JWT', (_name, token, format) => {
    const result = decoded(token);
    expect(result.kind).toBe('opaque');
    if (result.kind !== 'opaque') return;
    expect(result.format).toBe(format);
    expect(result.message).toMatch(/^Not a JWT: this provider issues reference tokens/);
    expect(result.header).toBeNull();
  });

  it('names the offending character of an opaque token a bearer header cannot carry', () => {
    const error = failure('abc{def');
    expect(error.code).toBe('invalid_character');
    expect(error.offset).toBe(3);
    expect(error.message).toContain("'{'");
  });
});

describe('decodeToken: content', () => {
  it('keeps non-ASCII claims intact', () => {
    const claims = { name: 'Zoë Ångström', city: '東京', emoji: '🎉🔐', rtl: 'שלום' };
    expect(decoded(compactToken({ alg: 'RS256' }, claims)).payload).toEqual(claims);
  });

  it('keeps float dates', () => {
    const token = decoded(
      compactToken({ alg: 'RS256' }, { iat: 1700000000.25, exp: 1700000300.75 }),
    );
    expect(token.payload).toEqual({ iat: 1700000000.25, exp: 1700000300.75 });
  });

  it('decodes a 1 MB token quickly', () => {
    const big = {
      sub: 'x',
      blob: 'é'.repeat(400_000),
      list: Array.from({ length: 5000 }, (_, i) => `role-${i}`),
    };
    const token = compactToken({ alg: 'RS256' }, big);
    expect(token.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const result = decoded(token);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.payload).toEqual(big);
  });

  it('does not let claim names such as __proto__ or constructor change objects', () => {
    const token = decoded(
      compactToken({ alg: 'RS256' }, '{"__proto__":{"polluted":true},"constructor":1}'),
    );
    expect(Object.hasOwn(token.payload ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
