import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '#shared/errors.js';
import { importPrivateKey } from './client-auth.js';

/** What the engine needs to sign a JWT bearer grant assertion (RFC 7523 §2.1). */
export interface JwtBearerAssertionSpec {
  /** PEM or JWK text of the signing key (the key file's `private_key`). */
  key: string;
  alg: string;
  kid?: string | undefined;
  issuer: string;
  subject?: string | undefined;
  audience: string;
  /** Sent inside the assertion (Google) rather than as the `scope` parameter. */
  scope?: string | undefined;
  lifetimeSec: number;
}

/**
 * Sign the assertion of a JWT bearer grant. Google's service accounts want iss = client_email,
 * aud = token_uri, kid = private_key_id, the scope as a claim and exp − iat ≤ 3600; other servers
 * follow RFC 7523 §3 (sub required, scope as a parameter). Both are covered by the spec's fields.
 */
export async function signJwtBearerAssertion(
  spec: JwtBearerAssertionSpec,
  nowMs: number,
): Promise<string> {
  const { key, kid: jwkKid } = importPrivateKey(spec.key);
  const kid = spec.kid ?? jwkKid;
  const iat = Math.floor(nowMs / 1000);
  const claims: Record<string, string> = {};
  if (spec.scope !== undefined && spec.scope !== '') claims.scope = spec.scope;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: spec.alg, typ: 'JWT', ...(kid !== undefined ? { kid } : {}) })
    .setIssuer(spec.issuer)
    .setAudience(spec.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + spec.lifetimeSec);
  if (spec.subject !== undefined) jwt = jwt.setSubject(spec.subject);
  try {
    return await jwt.sign(key);
  } catch {
    throw new AppError('validation', `The private key cannot sign with ${spec.alg}.`, {
      hint: 'Pick the algorithm that matches the key type (RS256 for a Google key file or any RSA key, ES256 for P-256, EdDSA for Ed25519).',
    });
  }
}

/** HS256 wants a key of at least 256 bits (RFC 7518 §3.2). */
export const MIN_HMAC_BYTES = 32;

/**
 * Sign an RFC 7523 §2.2 client assertion with the client secret (client_secret_jwt): HS256,
 * iss = sub = client ID, aud = token endpoint, a fresh jti, one minute of life.
 */
export async function signClientSecretAssertion(input: {
  clientId: string;
  tokenUrl: string;
  secret: string;
  nowMs: number;
}): Promise<string> {
  const key = new TextEncoder().encode(input.secret);
  if (key.byteLength < MIN_HMAC_BYTES) {
    throw new AppError(
      'validation',
      `The client secret is too short to sign a client_secret_jwt assertion (${key.byteLength} bytes; HS256 needs at least ${MIN_HMAC_BYTES}).`,
      {
        hint: 'Check that the whole secret was entered, or use client_secret_basic or client_secret_post with this provider.',
      },
    );
  }
  const iat = Math.floor(input.nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.tokenUrl)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(key);
}
