import type { JWTPayload } from 'jose';
import type { ClaimsSummary, TokenState, TokenStatus } from '#shared/connection.js';
import type { AppError } from '#shared/errors.js';
import type { TokenResult } from './token-result.js';

/** Timing policy of the engine; all durations in milliseconds. */
export interface RenewalPolicy {
  /** Upper bound of the renewal margin (the margin is the smaller of this and 10% of lifetime). */
  maxMarginMs: number;
  marginFraction: number;
  /** Extra allowance for the server's clock being ahead of ours (also capped at 10% of lifetime). */
  clockSkewMs: number;
  /** How long to reuse a token whose expiry is unknown before fetching a fresh one. */
  unknownExpiryReuseMs: number;
}

export const defaultRenewalPolicy: RenewalPolicy = {
  maxMarginMs: 60_000,
  marginFraction: 0.1,
  clockSkewMs: 10_000,
  unknownExpiryReuseMs: 300_000,
};

/** When to stop handing out a token and fetch its successor. */
export function renewAtFor(token: TokenResult, policy: RenewalPolicy): number {
  if (token.expiresAt === undefined) return token.obtainedAt + policy.unknownExpiryReuseMs;
  const lifetimeMs = Math.max(
    0,
    token.expiresIn !== undefined ? token.expiresIn * 1000 : token.expiresAt - token.obtainedAt,
  );
  const margin = Math.min(policy.maxMarginMs, lifetimeMs * policy.marginFraction);
  const skew = Math.min(policy.clockSkewMs, lifetimeMs * policy.marginFraction);
  return token.expiresAt - margin - skew;
}

/** A few claims for the status line; the full payload is available through getClaims. */
export function summarizeClaims(claims: JWTPayload | undefined): ClaimsSummary | null {
  if (claims === undefined) return null;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const aud = claims.aud;
  const scope =
    str(claims.scope) ?? (Array.isArray(claims.scp) ? claims.scp.join(' ') : str(claims.scp));
  const summary: ClaimsSummary = { claimCount: Object.keys(claims).length };
  const fields: Partial<ClaimsSummary> = {
    iss: str(claims.iss),
    sub: str(claims.sub),
    aud: typeof aud === 'string' || Array.isArray(aud) ? aud : undefined,
    clientId: str(claims.client_id) ?? str(claims.clientId) ?? str(claims.azp),
    scope,
    iat: num(claims.iat),
    nbf: num(claims.nbf),
    exp: num(claims.exp),
  };
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) (summary as Record<string, unknown>)[k] = v;
  }
  return summary;
}

export interface CacheEntry {
  token: TokenResult;
  renewAt: number;
}

export interface FailureState {
  count: number;
  retryAt: number;
  error: AppError;
}

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();

/** The status of one connection at `now`, built from what the engine holds. Never the token. */
export function buildStatus(input: {
  connectionId: string;
  now: number;
  entry: CacheEntry | undefined;
  fetching: boolean;
  failure: FailureState | undefined;
  resolveError: AppError | undefined;
}): TokenStatus {
  const { entry, now, failure } = input;
  const token = entry?.token;
  let state: TokenState;
  if (input.fetching) state = 'fetching';
  else if (token !== undefined && entry !== undefined) {
    if (token.expiresAt !== undefined && now >= token.expiresAt) state = 'expired';
    else if (now >= entry.renewAt) state = 'expiring';
    else state = 'valid';
  } else if (failure !== undefined || input.resolveError !== undefined) state = 'error';
  else state = 'none';
  const error = input.resolveError ?? failure?.error;
  return {
    connectionId: input.connectionId,
    state,
    tokenType: token?.tokenType ?? null,
    scope: token?.scope ?? null,
    obtainedAt: iso(token?.obtainedAt),
    expiresAt: iso(token?.expiresAt),
    expiresInSec:
      token?.expiresAt !== undefined
        ? Math.max(0, Math.floor((token.expiresAt - now) / 1000))
        : null,
    expirySource: token?.expirySource ?? null,
    claims: summarizeClaims(token?.claims),
    error: error?.toIpcError() ?? null,
    retryAt: failure !== undefined && failure.retryAt > now ? iso(failure.retryAt) : null,
    insecureTls: token?.insecureTls ?? false,
    warnings: token?.warnings ?? [],
  };
}
