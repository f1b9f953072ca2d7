import type { TokenStatus } from '#shared/connection.js';
import type { DpopSigner } from './dpop.js';
import type { RenewalPolicy } from './engine-status.js';
import type { FetchTokenOptions } from './fetch-token.js';
import type { TokenRequestSpec, TokenResult } from './types.js';

/** Turns a connection id into a complete request spec, secret included (see buildTokenRequestSpec). */
export type SpecResolver = (connectionId: string) => Promise<TokenRequestSpec>;
export type StatusListener = (status: TokenStatus) => void;

/** What `withToken` hands to the API call. */
export interface BearerCredential {
  /** Ready for the Authorization header, e.g. "Bearer eyJ…". */
  authorization: string;
  accessToken: string;
  tokenType: string;
  /** For a DPoP-bound token: the key that signs the proof each request must carry. */
  dpop?: DpopSigner | undefined;
}

/** The raw token, for an explicit "copy" or "reveal" by the user, or the CLI. */
export interface RevealedToken {
  accessToken: string;
  tokenType: string;
  scope: string | null;
  expiresAt: string | null;
  expirySource: TokenResult['expirySource'];
}

/** How to build a TokenEngine; only `resolve` is required. */
export interface TokenEngineOptions {
  resolve: SpecResolver;
  /** Epoch milliseconds; injected so tests move time without sleeping. */
  now?: () => number;
  policy?: Partial<RenewalPolicy>;
  backoff?: { initialMs?: number; maxMs?: number; factor?: number };
  /** Schedules status refreshes at renewal/expiry time; pass null to disable (tests). */
  schedule?: ((fn: () => void, delayMs: number) => () => void) | null;
  /** Replaces the network fetch (tests only). */
  fetch?: (spec: TokenRequestSpec, options: FetchTokenOptions) => Promise<TokenResult>;
  onStatus?: StatusListener;
  /**
   * Keep each connection's resolved spec and cache key until forget(), instead of resolving on
   * every call. For callers that forget() on every change of settings or secrets (the app does).
   */
  rememberSpecs?: boolean;
}

/** Per-call options of the engine's token methods. */
export interface AcquireOptions {
  signal?: AbortSignal | undefined;
  /** Skip the cache and the backoff wait (an explicit "get a new token" by the user). */
  force?: boolean | undefined;
}
