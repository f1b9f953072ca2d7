import { compactVerify, errors, importJWK, type JWK } from 'jose';
import { decodeToken } from '#shared/jwt/decode.js';
import type { DecodedJws, DecodedToken } from '#shared/jwt/types.js';
import { createJwksClient, type JwksClient, type JwksLocation } from './jwks-client.js';
import {
  hmacSecretKey,
  keyTypeForAlg,
  keyUsableFor,
  parseKeyMaterial,
  type SecretEncoding,
  type VerificationKey,
} from './key-material.js';
import { signatureReport, type SignatureReport } from './signature-report.js';

export { notChecked, type SignatureReport } from './signature-report.js';

/** Where the verification key comes from. The HMAC secret is used for this check only. */
export type KeySource =
  | { type: 'issuer'; issuer: string }
  | { type: 'jwks_url'; url: string }
  | { type: 'key_text'; text: string; label?: string }
  | { type: 'hmac_secret'; secret: string; encoding?: SecretEncoding };

/** Dependencies of {@link verifyTokenSignature}. */
export interface VerifyDeps {
  /** Shared client so JWKS are cached across checks; one is created per call otherwise. */
  jwksClient?: JwksClient;
  /** Used when no client is given (e.g. carrying the connection's TLS settings). */
  fetch?: typeof fetch;
}

/** Checks a token's signature with keys from `source`; never throws. */
export async function verifyTokenSignature(
  tokenOrDecoded: string | DecodedToken,
  source: KeySource,
  deps: VerifyDeps = {},
): Promise<SignatureReport> {
  let token: DecodedToken;
  if (typeof tokenOrDecoded === 'string') {
    const decoded = decodeToken(tokenOrDecoded);
    if (!decoded.ok) {
      const reason = `The token could not be decoded: ${decoded.error.message}`;
      return signatureReport('not_applicable', reason);
    }
    token = decoded.token;
  } else {
    token = tokenOrDecoded;
  }
  try {
    return await verify(token, source, deps);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return signatureReport('not_checked', `The check could not run: ${why}`, token);
  }
}

async function verify(
  token: DecodedToken,
  source: KeySource,
  deps: VerifyDeps,
): Promise<SignatureReport> {
  if (token.kind === 'opaque') {
    const reason =
      'An opaque token has no signature to check; only its issuer can vouch for it (introspection).';
    return signatureReport('not_applicable', reason);
  }
  if (token.kind === 'jwe') {
    const reason =
      "The token is encrypted (JWE): checking it needs the recipient's private key to decrypt it first.";
    return signatureReport('not_applicable', reason, token);
  }
  if (token.kind === 'unsecured') {
    const reason =
      'The token is unsecured (alg "none"): it has no signature, so nothing vouches for it.';
    return signatureReport('unsigned', reason, token);
  }
  const { alg } = token;
  if (alg === null) {
    const reason = 'The header has no "alg", so the signature cannot be checked.';
    return signatureReport('unsupported_alg', reason, token);
  }
  const kty = keyTypeForAlg(alg);
  if (kty === undefined) {
    const reason = `The algorithm "${alg}" is not one this inspector verifies.`;
    return signatureReport('unsupported_alg', reason, token);
  }
  if (token.signature === '') {
    const reason = 'The signature part is empty: there is nothing to verify.';
    return signatureReport('invalid_signature', reason, token);
  }
  const symmetric = kty === 'oct';
  if (source.type === 'hmac_secret' && !symmetric) {
    const reason = `The token is signed with ${alg}, a public-key algorithm: an HMAC secret cannot check it. Use the issuer's JWKS or public key.`;
    return signatureReport('wrong_key_type', reason, { ...token, keySource: 'HMAC secret' });
  }
  if ((source.type === 'issuer' || source.type === 'jwks_url') && symmetric) {
    const reason = `The token is signed with ${alg}, a shared-secret algorithm; issuers never publish that secret in a JWKS. Enter the secret to check it.`;
    return signatureReport('wrong_key_type', reason, token);
  }
  if (source.type === 'hmac_secret') {
    return tryKeys(token, [hmacSecretKey(source.secret, source.encoding)], 'HMAC secret', false);
  }
  if (source.type === 'key_text') {
    const label = source.label ?? 'pasted key';
    const parsed = parseKeyMaterial(source.text, label);
    if (!parsed.ok)
      return signatureReport('bad_key', parsed.reason, { ...token, keySource: label });
    return tryKeys(token, parsed.keys, label, true);
  }
  const location: JwksLocation =
    source.type === 'issuer' ? { issuer: source.issuer } : { url: source.url };
  return verifyWithJwks(token, location, deps);
}

async function verifyWithJwks(
  token: DecodedJws,
  location: JwksLocation,
  deps: VerifyDeps,
): Promise<SignatureReport> {
  const client =
    deps.jwksClient ?? createJwksClient(deps.fetch === undefined ? {} : { fetch: deps.fetch });
  let fetched = await client.getJwks(location);
  if (!fetched.ok) {
    const reason = `Could not fetch the keys: ${fetched.reason}.`;
    return signatureReport('fetch_failed', reason, { ...token, keySource: fetched.url });
  }
  const known = (keys: readonly JWK[]): boolean => keys.some((jwk) => jwk.kid === token.kid);
  if (token.kid !== null && fetched.fromCache && !known(fetched.jwks.keys)) {
    // An unknown kid may mean the issuer rotated its keys since they were cached.
    const refreshed = await client.getJwks(location, { forceRefresh: true });
    if (refreshed.ok) fetched = refreshed;
  }
  const keys: VerificationKey[] = fetched.jwks.keys.map((jwk) => ({
    type: 'jwk',
    jwk,
    label: `key "${jwk.kid ?? '(no kid)'}"`,
  }));
  return tryKeys(token, keys, fetched.url, false);
}

/** Tries every candidate key with jose; `pasted` keys without a kid are tried on any token. */
async function tryKeys(
  token: DecodedJws,
  keys: VerificationKey[],
  sourceLabel: string,
  pasted: boolean,
): Promise<SignatureReport> {
  const alg = token.alg ?? '';
  const { kid } = token;
  const details = { kid, alg, keySource: sourceLabel };
  const usable = keys.filter((key) => keyUsableFor(key, alg));
  const byKid = (key: VerificationKey): boolean => key.type === 'secret' || key.jwk.kid === kid;
  let candidates = kid === null ? usable : usable.filter(byKid);
  // A pasted PEM or kid-less JWK cannot name the kid: try it rather than refuse.
  if (candidates.length === 0 && pasted) {
    candidates = usable.filter((key) => key.type === 'jwk' && key.jwk.kid === undefined);
  }
  if (candidates.length === 0) {
    const names = keys.map((key) => (key.type === 'jwk' ? (key.jwk.kid ?? '(no kid)') : 'secret'));
    const have = names.length > 0 ? ` (it has: ${names.join(', ')})` : ' (it is empty)';
    const reason =
      kid !== null
        ? `No key with kid "${kid}" for ${alg} in ${sourceLabel}${have}: the issuer may have rotated its keys, or the token comes from another issuer.`
        : `No ${alg} key in ${sourceLabel}${have}.`;
    return signatureReport('no_matching_key', reason, details);
  }
  const failures: string[] = [];
  for (const candidate of candidates) {
    try {
      const key =
        candidate.type === 'secret' ? candidate.bytes : await importJWK(candidate.jwk, alg);
      await compactVerify(token.token, key, { algorithms: [alg] });
      const keyKid = candidate.type === 'jwk' ? (candidate.jwk.kid ?? kid) : kid;
      const reason = `Signature verified with ${candidate.label} (${alg}) from ${sourceLabel}.`;
      return signatureReport('verified', reason, { ...details, kid: keyKid });
    } catch (error) {
      failures.push(describeFailure(error, candidate.label));
    }
  }
  const reason = `The signature does not match: ${failures.join('; ')}. The token was altered, or signed with another key.`;
  return signatureReport('invalid_signature', reason, details);
}

function describeFailure(error: unknown, label: string): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return `${label} does not verify it`;
  const message = error instanceof Error ? error.message : String(error);
  return `${label} could not be used (${message})`;
}
