import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPKCS8, SignJWT } from 'jose';
import { hmacSecretKey, parseKeyMaterial } from '../../../../../electron/core/jwt/key-material.js';
import { verifyTokenSignature } from '../../../../../electron/core/jwt/verify-signature.js';
import { RFC7515_EC_JWK, RFC7515_RSA_JWK } from '../../../../fixtures/jwt/samples.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('parseKeyMaterial', () => {
  it('reads a JWK and a JWKS, dropping private members', () => {
    const single = parseKeyMaterial(JSON.stringify({ ...RFC7515_EC_JWK, d: 'secret-part' }));
    expect(single.ok).toBe(true);
    if (!single.ok) return;
    expect(single.keys).toHaveLength(1);
    expect(single.keys[0]?.type === 'jwk' && single.keys[0].jwk.d).toBeUndefined();
    expect(single.notes.join(' ')).toMatch(/public half/);
    const set = parseKeyMaterial(
      JSON.stringify({ keys: [RFC7515_RSA_JWK, RFC7515_EC_JWK, { nope: 1 }] }),
    );
    expect(set.ok && set.keys).toHaveLength(2);
    expect(set.ok && set.notes.join(' ')).toMatch(/Entry 2 .* skipped/);
  });

  it('explains text that is no key', () => {
    expect(parseKeyMaterial('')).toEqual({ ok: false, reason: 'The key is empty.' });
    expect(parseKeyMaterial('my-hmac-secret')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/HMAC/),
    });
    expect(parseKeyMaterial('{"keys":[]}')).toMatchObject({ ok: false });
    expect(parseKeyMaterial('{broken')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not valid JSON/),
    });
    expect(
      parseKeyMaterial('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/No public key/) });
    expect(
      parseKeyMaterial(
        '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----',
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/encrypted/) });
  });

  it('turns a typed secret into bytes in each encoding', () => {
    const bytes = (key: ReturnType<typeof hmacSecretKey>) =>
      key.type === 'secret' ? [...key.bytes] : [];
    expect(bytes(hmacSecretKey('AB'))).toEqual([65, 66]);
    expect(bytes(hmacSecretKey('4142', 'hex'))).toEqual([65, 66]);
    expect(bytes(hmacSecretKey('QUI=', 'base64'))).toEqual([65, 66]);
    expect(bytes(hmacSecretKey('QUI', 'base64url'))).toEqual([65, 66]);
  });

  it.skipIf(!hasOpenssl())('verifies a token with a pasted X.509 certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grantline-cert-'));
    try {
      const keyFile = join(dir, 'key.pem');
      const certFile = join(dir, 'cert.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          keyFile,
          '-out',
          certFile,
          '-subj',
          '/CN=grantline-test',
          '-days',
          '1',
        ],
        { stdio: 'ignore' },
      );
      const privateKey = await importPKCS8(readFileSync(keyFile, 'utf8'), 'ES256');
      const token = await new SignJWT({ sub: 'x' })
        .setProtectedHeader({ alg: 'ES256', kid: 'cert-key' })
        .sign(privateKey);
      const report = await verifyTokenSignature(token, {
        type: 'key_text',
        text: readFileSync(certFile, 'utf8'),
        label: 'cert.pem',
      });
      expect(report).toMatchObject({ verified: true, keySource: 'cert.pem' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
