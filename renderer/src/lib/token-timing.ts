import type { TokenStatus } from '#shared/connection.js';

/**
 * What the token engine will do with a connection's cached token at a given moment, read from its
 * status, so no view says "expired" where the composer would simply get a new token.
 *
 * The engine (electron/core/tokens/engine.ts) hands out its cached token until `renewAt`, then
 * fetches a new one on the next use; only while it waits after failures (`retryAt`) does an
 * expired token stay expired. `renewAt` is computed here with the engine's default policy
 * (electron/core/tokens/engine-status.ts, `renewAtFor`); a unit test keeps the two equal.
 */

const MAX_MARGIN_MS = 60_000;
const MARGIN_FRACTION = 0.1;
const CLOCK_SKEW_MS = 10_000;
const UNKNOWN_EXPIRY_REUSE_MS = 300_000;

/** When the engine stops handing out a token obtained at `obtainedAt` and renews it (epoch ms). */
export function renewalTime(obtainedAt: number, expiresAt: number | null): number {
  if (expiresAt === null) return obtainedAt + UNKNOWN_EXPIRY_REUSE_MS;
  const lifetimeMs = Math.max(0, expiresAt - obtainedAt);
  const margin = Math.min(MAX_MARGIN_MS, lifetimeMs * MARGIN_FRACTION);
  const skew = Math.min(CLOCK_SKEW_MS, lifetimeMs * MARGIN_FRACTION);
  return expiresAt - margin - skew;
}

export type TokenPhase =
  /** No token yet, or none cached. */
  | 'none'
  | 'fetching'
  /** Handed out as it is until `renewAt`. */
  | 'valid'
  /** The next use fetches a new token (the current one may still be valid until `expiresAt`). */
  | 'renews-on-next-use'
  /** The token expired and the engine waits before trying again, until `retryAt`. */
  | 'waiting'
  /** The last fetch failed and no token is cached. */
  | 'failing';

export interface TokenTiming {
  phase: TokenPhase;
  expiresAt: number | null;
  renewAt: number | null;
  retryAt: number | null;
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The phase of a connection's token at `now` (epoch ms); re-run every second for a countdown. */
export function tokenTiming(status: TokenStatus, now: number): TokenTiming {
  const expiresAt = ms(status.expiresAt);
  const obtainedAt = ms(status.obtainedAt);
  const retryAt = ms(status.retryAt);
  const renewAt = obtainedAt === null ? null : renewalTime(obtainedAt, expiresAt);
  const base = { expiresAt, renewAt, retryAt };
  switch (status.state) {
    case 'none':
      return { ...base, phase: 'none' };
    case 'fetching':
      return { ...base, phase: 'fetching' };
    case 'error':
      return { ...base, phase: 'failing' };
    case 'valid':
    case 'expiring':
    case 'expired': {
      const expired = expiresAt !== null && now >= expiresAt;
      if (expired && retryAt !== null && retryAt > now) return { ...base, phase: 'waiting' };
      const due = status.state !== 'valid' || expired || (renewAt !== null && now >= renewAt);
      return { ...base, phase: due ? 'renews-on-next-use' : 'valid' };
    }
  }
}
