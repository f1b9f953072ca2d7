import { explainClaims, explainHeader, type ClaimExplanation } from './claims.js';
import { decodeToken } from './decode.js';
import { inspectTokenInput, type InputErrorCode, type InputFix } from './input.js';
import { computeLifetime, isoFromSeconds, readTokenTimes, type Lifetime } from './time.js';
import type { DecodedToken, DecodeError, TokenKind } from './types.js';
import { securityWarnings, type TokenWarning, type WarningOptions } from './warnings.js';

/** Options for {@link inspectToken}: `now` (epoch ms) is required so results are reproducible. */
export interface InspectOptions extends WarningOptions {
  /** Remaining time below which the lifetime is "expires soon" (see computeLifetime). */
  soonSeconds?: number;
}

/** Everything the inspector shows about a token that decoded. */
export interface TokenInspection {
  ok: true;
  kind: TokenKind;
  /** The cleaned token (raw: keep it out of the renderer unless the user reveals it). */
  token: string;
  fixes: InputFix[];
  /** Where a pasted JSON or form response held the token, if it did. */
  field: string | null;
  decoded: DecodedToken;
  header: ClaimExplanation[];
  claims: ClaimExplanation[];
  /** ISO 8601 (UTC) for iat, nbf and exp; null when absent or unreadable. */
  times: { iat: string | null; nbf: string | null; exp: string | null };
  /** Null when the claims cannot be read (opaque or encrypted tokens). */
  lifetime: Lifetime | null;
  warnings: TokenWarning[];
}

/** Why pasted text could not be read as a token. */
export interface InputError {
  code: InputErrorCode;
  message: string;
}

/** Result of {@link inspectToken}. */
export type InspectionResult =
  TokenInspection | { ok: false; fixes: InputFix[]; error: DecodeError | InputError };

/**
 * The whole inspector pipeline on pasted text or a connection's token: clean the input, decode,
 * explain header and claims, compute the lifetime and the security warnings. Pure and total:
 * it never throws, and every time-dependent value is computed at `options.now`.
 */
export function inspectToken(raw: string, options: InspectOptions): InspectionResult {
  const input = inspectTokenInput(raw);
  if (!input.ok) return { ok: false, fixes: input.fixes, error: input.error };
  const decoded = decodeToken(input.token);
  if (!decoded.ok) return { ok: false, fixes: input.fixes, error: decoded.error };
  const token = decoded.token;
  const payload = token.payload;
  const times = payload === null ? { iat: null, nbf: null, exp: null } : readTokenTimes(payload);
  const lifetimeOptions = {
    now: options.now,
    skewSeconds: options.skewSeconds,
    soonSeconds: options.soonSeconds,
  };
  return {
    ok: true,
    kind: token.kind,
    token: input.token,
    fixes: input.fixes,
    field: input.field,
    decoded: token,
    header: token.header === null ? [] : explainHeader(token.header),
    claims: payload === null ? [] : explainClaims(payload, options.now),
    times: {
      iat: times.iat === null ? null : isoFromSeconds(times.iat),
      nbf: times.nbf === null ? null : isoFromSeconds(times.nbf),
      exp: times.exp === null ? null : isoFromSeconds(times.exp),
    },
    lifetime: payload === null ? null : computeLifetime(payload, lifetimeOptions),
    warnings: securityWarnings(token, options),
  };
}

/** A copy safe to send to the renderer: the raw token and its signature are blanked. */
export function withoutRawToken(inspection: TokenInspection): TokenInspection {
  const decoded: DecodedToken =
    inspection.decoded.kind === 'jws' || inspection.decoded.kind === 'unsecured'
      ? { ...inspection.decoded, token: '', signature: '' }
      : { ...inspection.decoded, token: '' };
  return { ...inspection, token: '', decoded };
}
