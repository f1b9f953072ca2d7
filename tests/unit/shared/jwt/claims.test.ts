import { describe, expect, it } from 'vitest';
import { CLAIM_CATALOG } from '#shared/jwt/claim-catalog.js';
import { displayValue, explainClaims, explainHeader } from '#shared/jwt/claims.js';
import { NOW, NOW_S } from '../../../fixtures/jwt/samples.js';

describe('claim catalog', () => {
  it('explains every RFC 7519 registered claim', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']) {
      expect(CLAIM_CATALOG.get(name)?.source, name).toBe('RFC 7519');
    }
  });

  it('explains the common OIDC, Keycloak, Axway, WSO2 and AppViewX claims in one line each', () => {
    const names = [
      'azp',
      'scope',
      'client_id',
      'clientId',
      'typ',
      'realm_access',
      'resource_access',
      'sid',
      'acr',
      'amr',
      'preferred_username',
      'email',
      'tenant',
      'auth_time',
      'cnf',
      'grant type',
      'aut',
      'scp',
      'allowed-origins',
      'session_state',
    ];
    for (const name of names) {
      const info = CLAIM_CATALOG.get(name);
      expect(info, name).toBeDefined();
      expect(info?.meaning, name).not.toContain('\n');
      expect(info?.meaning.length, name).toBeLessThan(140);
    }
  });
});

describe('explainClaims', () => {
  it('keeps token order, labels known claims and leaves unknown ones unlabelled', () => {
    const rows = explainClaims(
      { custom: 'x', iss: 'https://idp', 'grant type': 'client_credentials' },
      NOW,
    );
    expect(rows.map((row) => row.name)).toEqual(['custom', 'iss', 'grant type']);
    expect(rows[0]).toMatchObject({
      label: null,
      meaning: null,
      source: null,
      display: 'x',
      time: null,
    });
    expect(rows[1]).toMatchObject({ label: 'Issuer', source: 'RFC 7519' });
    expect(rows[2]).toMatchObject({ label: 'Grant type', source: 'AppViewX' });
  });

  it('renders time claims as ISO and relative text', () => {
    const [exp] = explainClaims({ exp: NOW_S + 252 }, NOW);
    expect(exp?.time).toEqual({
      seconds: NOW_S + 252,
      iso: '2024-01-01T00:04:12.000Z',
      relative: 'expires in 4 min 12 s',
    });
    expect(exp?.display).toBe('2024-01-01T00:04:12.000Z (expires in 4 min 12 s)');
  });

  it('notes time values in milliseconds or as text', () => {
    const [ms, text] = explainClaims({ exp: 1669920901070, iat: '1669920000' }, NOW);
    expect(ms?.time?.note).toMatch(/milliseconds/);
    expect(text?.time?.note).toMatch(/text/);
  });

  it('does not mistake claim names that exist on Object.prototype for known claims', () => {
    const rows = explainClaims({ constructor: 1, toString: 'x', __proto__: 2 } as never, NOW);
    expect(rows.every((row) => row.label === null)).toBe(true);
  });

  it('displays lists and objects on one line', () => {
    expect(displayValue(['a', 'b'])).toBe('a, b');
    expect(displayValue({ roles: ['x'] })).toBe('{"roles":["x"]}');
    expect(displayValue(42)).toBe('42');
    expect(displayValue(null)).toBe('null');
  });
});

describe('explainHeader', () => {
  it('explains JOSE header parameters', () => {
    const rows = explainHeader({
      alg: 'RS256',
      typ: 'at+jwt',
      kid: 'k1',
      'x5t#S256': 'abc',
      zzz: 1,
    });
    expect(rows.map((row) => row.label)).toEqual([
      'Algorithm',
      'Type',
      'Key ID',
      'Certificate SHA-256 thumbprint',
      null,
    ]);
  });
});
