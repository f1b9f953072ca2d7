import { decodeJwt, type JWTPayload } from 'jose';
import type { ExpirySource } from '#shared/connection.js';

/** A positive number of seconds from a number or a numeric string ("3600"), else undefined. */
export function parseSeconds(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** An absolute time from epoch seconds, epoch milliseconds or an ISO 8601 string, as epoch ms. */
export function parseTimestamp(value: unknown): number | undefined {
  const numeric = parseSeconds(value);
  if (numeric !== undefined) {
    // Epoch seconds stay below 1e11 until the year 5138; larger values are milliseconds.
    return numeric < 1e11 ? numeric * 1000 : numeric;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

/** The payload of a JWT (unverified: for display and expiry only), or undefined. */
export function decodeClaims(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

export interface Expiry {
  expiresAt: number | undefined;
  /** The token's lifetime in seconds (used for the renewal margin). */
  expiresIn: number | undefined;
  source: ExpirySource;
}

/**
 * When a token expires: from expires_in (number or numeric string), else expires_at, else the JWT
 * exp claim, else unknown. `obtainedAt` is when the request was sent, so expires_in errs early.
 */
export function computeExpiry(
  input: { expiresIn: unknown; expiresAt: unknown; claims: JWTPayload | undefined },
  obtainedAt: number,
): Expiry {
  const lifetime = parseSeconds(input.expiresIn);
  if (lifetime !== undefined) {
    return { expiresAt: obtainedAt + lifetime * 1000, expiresIn: lifetime, source: 'expires_in' };
  }
  const at = parseTimestamp(input.expiresAt);
  if (at !== undefined) {
    return {
      expiresAt: at,
      expiresIn: Math.max(0, Math.round((at - obtainedAt) / 1000)),
      source: 'expires_at',
    };
  }
  const exp = input.claims?.exp;
  if (typeof exp === 'number' && Number.isFinite(exp)) {
    const iat = input.claims?.iat;
    // exp - iat is the lifetime the issuer meant, immune to the skew between our clocks.
    const issued = typeof iat === 'number' && iat < exp ? exp - iat : undefined;
    return {
      expiresAt: exp * 1000,
      expiresIn: issued ?? Math.max(0, Math.round((exp * 1000 - obtainedAt) / 1000)),
      source: 'jwt_exp',
    };
  }
  return { expiresAt: undefined, expiresIn: undefined, source: 'unknown' };
}
