import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '#shared/errors.js';

/** application/x-www-form-urlencoded encoding of one value (spaces as "+"), as RFC 6749 App. B says. */
export function formUrlEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/**
 * The HTTP Basic value for a client. `encoded` follows RFC 6749 §2.3.1 (form-encode ID and secret,
 * then base64 "id:secret"); `raw` skips the form-encoding, as some servers (AppViewX) expect.
 */
export function basicAuthorization(
  clientId: string,
  secret: string,
  mode: 'encoded' | 'raw',
): string {
  const pair =
    mode === 'encoded'
      ? `${formUrlEncode(clientId)}:${formUrlEncode(secret)}`
      : `${clientId}:${secret}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** Read a PEM (PKCS#8, PKCS#1 or SEC1) or JWK private key; the message never quotes the key. */
export function importPrivateKey(text: string): { key: KeyObject; kid: string | undefined } {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as { kid?: unknown } & Record<string, unknown>;
      const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
      return { key, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
    }
    return { key: createPrivateKey(trimmed), kid: undefined };
  } catch {
    throw new AppError('validation', 'The private key for private_key_jwt could not be read.', {
      hint: 'Paste a PEM private key (-----BEGIN PRIVATE KEY----- …) or a private JWK, without a passphrase.',
    });
  }
}

/** Sign an RFC 7523 client assertion: iss = sub = client ID, aud = token endpoint, short-lived. */
export async function signClientAssertion(input: {
  clientId: string;
  tokenUrl: string;
  privateKey: string;
  alg: string;
  kid?: string | undefined;
  lifetimeSec?: number | undefined;
  nowMs: number;
}): Promise<string> {
  const { key, kid: jwkKid } = importPrivateKey(input.privateKey);
  const kid = input.kid ?? jwkKid;
  const iat = Math.floor(input.nowMs / 1000);
  try {
    return await new SignJWT({})
      .setProtectedHeader({ alg: input.alg, typ: 'JWT', ...(kid !== undefined ? { kid } : {}) })
      .setIssuer(input.clientId)
      .setSubject(input.clientId)
      .setAudience(input.tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + (input.lifetimeSec ?? 60))
      .sign(key);
  } catch {
    throw new AppError('validation', `The private key cannot sign with ${input.alg}.`, {
      hint: 'Pick the algorithm that matches the key type (RS256/PS256 for RSA, ES256 for P-256, EdDSA for Ed25519).',
    });
  }
}
