import { createPrivateKey, createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, decodeProtectedHeader } from 'jose';
import { createJwksClient } from '../../../../../electron/core/jwt/jwks-client.js';
import { verifyTokenSignature } from '../../../../../electron/core/jwt/verify-signature.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import {
  APPVIEWX_TOKEN_WITH_SPACES,
  compactToken,
  RFC7515_EC_JWK,
  RFC7515_ES256,
  RFC7515_HMAC_JWK,
  RFC7515_RS256,
  RFC7515_RSA_JWK,
  RFC7519_HS256,
  RFC7519_JWE,
  RFC7519_UNSECURED,
} from '../../../../fixtures/jwt/samples.js';
import { countingFetch, fixtureToken } from './fixture-tokens.js';

describe('verifyTokenSignature against the oidc fixture', () => {
  let fixture: OidcFixture;
  beforeAll(async () => {
    fixture = await startOidcFixture({ privateKeyJwtClient: false });
  });
  afterAll(async () => {
    await fixture.close();
  });

  it('verifies an RS256 access token with keys found by discovery', async () => {
    const token = await fixtureToken(fixture);
    const report = await verifyTokenSignature(token, { type: 'issuer', issuer: fixture.issuer });
    expect(report).toMatchObject({
      checked: true,
      verified: true,
      outcome: 'verified',
      alg: 'RS256',
    });
    expect(report.kid).toBe(fixture.signingKeys()[0]?.kid);
    expect(report.keySource).toBe(fixture.jwksUri);
    expect(report.reason).toContain(`key "${report.kid}" (RS256)`);
  });

  it('verifies an ES256 token with the second key, from the JWKS URL or the issuer URL', async () => {
    const token = await fixtureToken(fixture, { resource: fixture.resources.es256 });
    const esKid = fixture.signingKeys().find((key) => key.alg === 'ES256')?.kid;
    for (const url of [fixture.jwksUri, fixture.discoveryUrl, fixture.issuer]) {
      const report = await verifyTokenSignature(token, { type: 'jwks_url', url });
      expect(report, url).toMatchObject({ verified: true, alg: 'ES256', kid: esKid });
    }
  });

  it('says clearly that a token from before a key rotation has no matching key', async () => {
    const token = await fixtureToken(fixture);
    const oldKid = decodeProtectedHeader(token).kid ?? '';
    const newKeys = await fixture.rotateKeys();
    const report = await verifyTokenSignature(token, { type: 'issuer', issuer: fixture.issuer });
    expect(report).toMatchObject({
      checked: true,
      verified: false,
      outcome: 'no_matching_key',
      kid: oldKid,
    });
    expect(report.reason).toContain(`No key with kid "${oldKid}"`);
    expect(report.reason).toContain('rotated');
    expect(report.reason).toContain(newKeys[0]?.kid ?? 'missing');
  });

  it('re-fetches cached keys once when a token names an unknown kid', async () => {
    const { fetch, urls } = countingFetch();
    const client = createJwksClient({ fetch });
    const before = await fixtureToken(fixture);
    expect(
      await verifyTokenSignature(
        before,
        { type: 'issuer', issuer: fixture.issuer },
        { jwksClient: client },
      ),
    ).toMatchObject({ verified: true });
    expect(
      await verifyTokenSignature(
        before,
        { type: 'issuer', issuer: fixture.issuer },
        { jwksClient: client },
      ),
    ).toMatchObject({ verified: true });
    expect(urls).toHaveLength(2);
    const longAgo = createJwksClient({ fetch, minRefreshIntervalMs: 0 });
    await longAgo.getJwks({ issuer: fixture.issuer });
    await fixture.rotateKeys();
    const after = await fixtureToken(fixture);
    const report = await verifyTokenSignature(
      after,
      { type: 'issuer', issuer: fixture.issuer },
      { jwksClient: longAgo },
    );
    expect(report).toMatchObject({ verified: true, kid: decodeProtectedHeader(after).kid });
  });

  it('reports a tampered payload as an invalid signature', async () => {
    const [h, , s] = (await fixtureToken(fixture)).split('.');
    const forged = `${h}.${base64url.encode(JSON.stringify({ sub: 'admin', scope: 'everything' }))}.${s}`;
    const report = await verifyTokenSignature(forged, { type: 'jwks_url', url: fixture.jwksUri });
    expect(report).toMatchObject({ checked: true, verified: false, outcome: 'invalid_signature' });
    expect(report.reason).toMatch(/does not match/);
  });

  it('verifies with a pasted PEM public key or a PEM private key, and a pasted JWKS', async () => {
    const token = await fixtureToken(fixture);
    const [rsa] = fixture.signingKeys();
    if (rsa === undefined) throw new Error('no key');
    const publicPem = createPublicKey({ key: rsa.publicJwk, format: 'jwk' } as never)
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const privatePem = createPrivateKey({ key: rsa.privateJwk, format: 'jwk' } as never)
      .export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(await verifyTokenSignature(token, { type: 'key_text', text: publicPem })).toMatchObject({
      verified: true,
    });
    expect(await verifyTokenSignature(token, { type: 'key_text', text: privatePem })).toMatchObject(
      { verified: true },
    );
    expect(
      await verifyTokenSignature(token, { type: 'key_text', text: JSON.stringify(fixture.jwks()) }),
    ).toMatchObject({ verified: true, kid: rsa.kid });
  });

  it('refuses to check an HS256 token against a JWKS, and an RS256 token with a secret', async () => {
    const hs = await verifyTokenSignature(RFC7519_HS256, {
      type: 'jwks_url',
      url: fixture.jwksUri,
    });
    expect(hs).toMatchObject({ verified: null, outcome: 'wrong_key_type' });
    const rs = await verifyTokenSignature(await fixtureToken(fixture), {
      type: 'hmac_secret',
      secret: 'x',
    });
    expect(rs).toMatchObject({ verified: null, outcome: 'wrong_key_type' });
  });
});

describe('verifyTokenSignature with RFC keys and edge cases', () => {
  it('verifies the RFC 7515 RS256 and ES256 examples with their published JWKs', async () => {
    expect(
      await verifyTokenSignature(RFC7515_RS256, {
        type: 'key_text',
        text: JSON.stringify(RFC7515_RSA_JWK),
      }),
    ).toMatchObject({ verified: true, alg: 'RS256' });
    expect(
      await verifyTokenSignature(RFC7515_ES256, {
        type: 'key_text',
        text: JSON.stringify(RFC7515_EC_JWK),
      }),
    ).toMatchObject({ verified: true, alg: 'ES256' });
  });

  it('verifies the RFC 7519 HS256 example with an oct JWK or the secret typed as base64url', async () => {
    expect(
      await verifyTokenSignature(RFC7519_HS256, {
        type: 'key_text',
        text: JSON.stringify(RFC7515_HMAC_JWK),
      }),
    ).toMatchObject({ verified: true });
    const typed = await verifyTokenSignature(RFC7519_HS256, {
      type: 'hmac_secret',
      secret: RFC7515_HMAC_JWK.k ?? '',
      encoding: 'base64url',
    });
    expect(typed).toMatchObject({ verified: true, outcome: 'verified' });
    expect(typed.reason).not.toContain(RFC7515_HMAC_JWK.k ?? 'never');
    const wrong = await verifyTokenSignature(RFC7519_HS256, {
      type: 'hmac_secret',
      secret: 'not the secret',
    });
    expect(wrong).toMatchObject({ verified: false, outcome: 'invalid_signature' });
  });

  it('cannot verify the AppViewX sample without its secret, and says so', async () => {
    const token = APPVIEWX_TOKEN_WITH_SPACES.replace(/ /g, '');
    expect(
      await verifyTokenSignature(token, { type: 'hmac_secret', secret: 'guess' }),
    ).toMatchObject({ verified: false, outcome: 'invalid_signature' });
  });

  it('never calls an unsecured, encrypted or opaque token verified', async () => {
    const key = { type: 'key_text', text: JSON.stringify(RFC7515_RSA_JWK) } as const;
    expect(await verifyTokenSignature(RFC7519_UNSECURED, key)).toMatchObject({
      checked: true,
      verified: false,
      outcome: 'unsigned',
    });
    expect(await verifyTokenSignature(RFC7519_JWE, key)).toMatchObject({
      checked: false,
      verified: null,
      outcome: 'not_applicable',
    });
    expect(await verifyTokenSignature('2YotnFZFEjr1zCsicMWpAA', key)).toMatchObject({
      verified: null,
      outcome: 'not_applicable',
    });
    expect(await verifyTokenSignature('eyJhbGc.broken', key)).toMatchObject({
      verified: null,
      outcome: 'not_applicable',
    });
  });

  it('reports a stripped signature, a kid-less mismatch and unusable key text', async () => {
    const [h, p] = RFC7515_RS256.split('.');
    expect(
      await verifyTokenSignature(`${h}.${p}.`, {
        type: 'key_text',
        text: JSON.stringify(RFC7515_RSA_JWK),
      }),
    ).toMatchObject({ verified: false, outcome: 'invalid_signature' });
    expect(
      await verifyTokenSignature(RFC7515_RS256, {
        type: 'key_text',
        text: JSON.stringify(RFC7515_EC_JWK),
      }),
    ).toMatchObject({ verified: false, outcome: 'no_matching_key' });
    expect(
      await verifyTokenSignature(RFC7515_RS256, { type: 'key_text', text: 'hello' }),
    ).toMatchObject({ verified: null, outcome: 'bad_key' });
    const unknownAlg = compactToken({ alg: 'XS999' }, { a: 1 });
    expect(await verifyTokenSignature(unknownAlg, { type: 'key_text', text: '{}' })).toMatchObject({
      verified: null,
      outcome: 'unsupported_alg',
    });
  });

  it('says why keys could not be fetched', async () => {
    const refused = await verifyTokenSignature(RFC7515_RS256, {
      type: 'jwks_url',
      url: 'http://127.0.0.1:9/certs',
    });
    expect(refused).toMatchObject({ checked: true, verified: null, outcome: 'fetch_failed' });
    expect(refused.reason).toMatch(/Could not fetch the keys: .*could not be reached/);
  });
});
