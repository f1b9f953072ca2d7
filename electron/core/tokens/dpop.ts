import { createHash, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { AppError } from '#shared/errors.js';

/** The algorithm of the DPoP keys Grantline generates (P-256: small, fast, accepted everywhere). */
export const DPOP_ALG = 'ES256';

/**
 * A connection's DPoP key (RFC 9449) in main: it signs proofs and remembers the nonce each origin
 * asked for (token endpoint and resource servers alike). The private key never leaves it.
 */
export interface DpopSigner {
  /** JWK SHA-256 thumbprint of the public key (RFC 7638): what a bound token's cnf.jkt holds. */
  readonly jkt: string;
  readonly publicJwk: JWK;
  /** A fresh proof for one request; `accessToken` adds `ath` (requests to resource servers). */
  proof(input: { htm: string; url: string | URL; accessToken?: string }): Promise<string>;
  /** Remember the nonce an origin sent (DPoP-Nonce header), for the next proofs to it. */
  rememberNonce(url: string | URL, nonce: string): void;
}

/** Generate a DPoP key pair; returns the private JWK as JSON text, for the secret store. */
export async function generateDpopKey(): Promise<string> {
  const { privateKey } = await generateKeyPair(DPOP_ALG, { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), alg: DPOP_ALG });
}

/** RFC 9449 §4.2: htu is the URL without query and fragment. */
export function dpopHtu(url: string | URL): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** base64url(SHA-256(token)): the proof's `ath` for a resource request. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** A signer for a stored private JWK (JSON text). */
export async function createDpopSigner(privateJwkText: string): Promise<DpopSigner> {
  let jwk: JWK;
  let key: KeyObject;
  try {
    jwk = JSON.parse(privateJwkText) as JWK;
    key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    if (key.asymmetricKeyType !== 'ec' || jwk.crv !== 'P-256') throw new Error('not P-256');
  } catch {
    throw new AppError('validation', 'The connection’s DPoP key cannot be read.', {
      hint: 'Turn DPoP off and on again for this connection: Grantline then makes a new key (tokens bound to the old one stop working).',
    });
  }
  const { kty, crv, x, y } = jwk;
  const publicJwk: JWK = { kty, crv, x, y };
  const jkt = await calculateJwkThumbprint(publicJwk, 'sha256');
  const nonces = new Map<string, string>();
  return {
    jkt,
    publicJwk,
    proof: async ({ htm, url, accessToken }) => {
      const claims: Record<string, string> = { htm: htm.toUpperCase(), htu: dpopHtu(url) };
      if (accessToken !== undefined) claims.ath = accessTokenHash(accessToken);
      const nonce = nonces.get(new URL(url).origin);
      if (nonce !== undefined) claims.nonce = nonce;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: DPOP_ALG, typ: 'dpop+jwt', jwk: publicJwk })
        .setJti(randomUUID())
        .setIssuedAt()
        .sign(key);
    },
    rememberNonce: (url, nonce) => {
      nonces.set(new URL(url).origin, nonce);
    },
  };
}

/**
 * The nonce a server demands (RFC 9449 §8 and §9): a 400 (token endpoint) or 401 (resource) whose
 * error is `use_dpop_nonce`, with the nonce in `DPoP-Nonce`. Undefined when it is not that.
 */
export function dpopNonceChallenge(
  status: number,
  headers: Record<string, string>,
  body: Buffer | string | undefined,
): string | undefined {
  const nonce = headers['dpop-nonce'];
  if (nonce === undefined || (status !== 400 && status !== 401)) return undefined;
  const challenge = headers['www-authenticate'] ?? '';
  if (/error="?use_dpop_nonce/i.test(challenge)) return nonce;
  try {
    const text = typeof body === 'string' ? body : (body?.toString('utf8') ?? '');
    const parsed = JSON.parse(text) as { error?: unknown };
    return parsed.error === 'use_dpop_nonce' ? nonce : undefined;
  } catch {
    return undefined;
  }
}
