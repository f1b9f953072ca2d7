import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** A key a signature can be checked with: a public JWK (or `oct` JWK), or raw HMAC secret bytes. */
export type VerificationKey =
  { type: 'jwk'; jwk: JWK; label: string } | { type: 'secret'; bytes: Uint8Array; label: string };

/** Result of parsing pasted or loaded key material. */
export type KeyMaterialResult =
  { ok: true; keys: VerificationKey[]; notes: string[] } | { ok: false; reason: string };

/** How a typed HMAC secret is written. */
export type SecretEncoding = 'utf8' | 'base64' | 'base64url' | 'hex';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]+?)-----END \1-----/g;

/**
 * Reads a pasted or loaded key: a JWK, a JWKS, or one or more PEM blocks (public key,
 * certificate, or a private key whose public half is used). Private JWK members are dropped:
 * verifying needs only the public key, and jose refuses a private key for verification.
 */
export function parseKeyMaterial(text: string, label = 'pasted key'): KeyMaterialResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'The key is empty.' };
  if (trimmed.startsWith('{')) return parseJwkText(trimmed, label);
  if (trimmed.includes('-----BEGIN ')) return parsePem(trimmed, label);
  return {
    ok: false,
    reason: `The ${label} is neither a JWK, a JWKS nor a PEM key. For an HMAC (HS256…) secret, enter it as a secret instead.`,
  };
}

/** Turns a typed HMAC secret into key bytes (used for this check only, never stored). */
export function hmacSecretKey(secret: string, encoding: SecretEncoding = 'utf8'): VerificationKey {
  let bytes: Uint8Array;
  if (encoding === 'utf8') bytes = new TextEncoder().encode(secret);
  else if (encoding === 'hex') bytes = Uint8Array.from(Buffer.from(secret.trim(), 'hex'));
  else bytes = Uint8Array.from(Buffer.from(secret.trim(), encoding));
  return { type: 'secret', bytes, label: `HMAC secret (${encoding})` };
}

const KTY_FOR_ALG: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(RS|PS)\d+$/, 'RSA'],
  [/^ES(256|384|512|256K)$/, 'EC'],
  [/^(EdDSA|Ed25519|Ed448)$/, 'OKP'],
  [/^HS\d+$/, 'oct'],
];
const CRV_FOR_ALG: Readonly<Record<string, string>> = {
  ES256: 'P-256',
  ES384: 'P-384',
  ES512: 'P-521',
  ES256K: 'secp256k1',
};

/** The JWK key type a JWS algorithm needs (`oct` for HMAC), or undefined if unknown. */
export function keyTypeForAlg(alg: string): string | undefined {
  return KTY_FOR_ALG.find(([pattern]) => pattern.test(alg))?.[1];
}

/** Whether a key may verify `alg`: matching kty and curve, and no alg/use/key_ops saying no. */
export function keyUsableFor(key: VerificationKey, alg: string): boolean {
  const kty = keyTypeForAlg(alg);
  if (key.type === 'secret') return kty === 'oct';
  const { jwk } = key;
  if (jwk.kty !== kty) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify')) return false;
  const crv = CRV_FOR_ALG[alg];
  return crv === undefined || jwk.crv === crv;
}

function parseJwkText(text: string, label: string): KeyMaterialResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: `The ${label} starts like JSON but is not valid JSON.` };
  }
  if (!isRecord(parsed)) return { ok: false, reason: `The ${label} is not a JSON object.` };
  const notes: string[] = [];
  const list: unknown[] = Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  const keys: VerificationKey[] = [];
  list.forEach((entry, index) => {
    if (!isRecord(entry) || typeof entry.kty !== 'string') {
      notes.push(`Entry ${index} of the ${label} is not a JWK (no "kty"); skipped.`);
      return;
    }
    const jwk = publicPart(entry as JWK, notes);
    keys.push({ type: 'jwk', jwk, label: describeJwk(jwk, label) });
  });
  if (keys.length === 0) {
    return { ok: false, reason: `The ${label} holds no usable JWK (each needs a "kty").` };
  }
  return { ok: true, keys, notes };
}

function parsePem(text: string, label: string): KeyMaterialResult {
  const keys: VerificationKey[] = [];
  const notes: string[] = [];
  const problems: string[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const [block, type = ''] = match;
    try {
      const keyObject = pemToPublicKey(block, type, notes);
      const jwk = keyObject.export({ format: 'jwk' }) as JWK;
      keys.push({ type: 'jwk', jwk, label: `${label} (${type.toLowerCase()})` });
    } catch (error) {
      problems.push(`${type}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (keys.length === 0) {
    const why = problems.length > 0 ? ` (${problems.join('; ')})` : '';
    return { ok: false, reason: `No public key could be read from the PEM ${label}${why}.` };
  }
  notes.push(...problems.map((problem) => `Skipped a PEM block: ${problem}.`));
  return { ok: true, keys, notes };
}

function pemToPublicKey(block: string, type: string, notes: string[]): KeyObject {
  if (type === 'CERTIFICATE') return new X509Certificate(block).publicKey;
  if (type === 'ENCRYPTED PRIVATE KEY') {
    throw new Error('the private key is encrypted; paste the public key or certificate instead');
  }
  if (type.endsWith('PRIVATE KEY')) {
    notes.push('A private key was given; only its public half is used (the public key is enough).');
  }
  return createPublicKey(block);
}

function publicPart(jwk: JWK, notes: string[]): JWK {
  if (jwk.kty === 'oct') return jwk;
  const copy: Record<string, unknown> = { ...jwk };
  let dropped = false;
  for (const member of PRIVATE_MEMBERS) {
    if (member in copy) {
      delete copy[member];
      dropped = true;
    }
  }
  if (dropped)
    notes.push(
      `Key ${jwk.kid ?? '(no kid)'} included private members; only its public half is used.`,
    );
  return copy as JWK;
}

function describeJwk(jwk: JWK, label: string): string {
  const parts = [jwk.kty, jwk.crv, jwk.alg, jwk.kid === undefined ? undefined : `kid ${jwk.kid}`];
  return `${label}: ${parts.filter((part) => part !== undefined).join(' ')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
