import { randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { TokenStatus } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { DispatcherPool } from '../http/dispatcher-pool.js';
import { tokenCacheKey } from './cache-key.js';
import {
  buildStatus,
  defaultRenewalPolicy,
  renewAtFor,
  type CacheEntry,
  type FailureState,
  type RenewalPolicy,
} from './engine-status.js';
import type { AcquireOptions, StatusListener, TokenEngineOptions } from './engine-options.js';
import { nextFailure, waitingError, defaultBackoff, type BackoffPolicy } from './backoff.js';
import { cancelledError, toAppError } from './engine-errors.js';
import { fetchToken } from './fetch-token.js';
import type { BearerCredential, RevealedToken } from './handed-out-tokens.js';
import { raceSignal } from './race-signal.js';
import { defaultSchedule, joinFlight, type Flight } from './single-flight.js';
import type { TokenRequestSpec } from './token-request-spec.js';
import type { TokenResult } from './token-result.js';
import { runWithToken, type WithTokenOptions } from './with-token.js';

export type * from './engine-options.js';
export type * from './handed-out-tokens.js';
export type { WithTokenOptions } from './with-token.js';

/**
 * The token engine: cache keyed by everything that changes the token, renewal before expiry,
 * single flight per key, bounded backoff after failures, one retry after a 401, cancellation,
 * and status events that never carry the token.
 */
export class TokenEngine {
  private readonly hmacKey = randomBytes(32);
  private readonly cache = new Map<string, CacheEntry>();
  private readonly flights = new Map<string, Flight>();
  private readonly failures = new Map<string, FailureState>();
  private readonly keyOf = new Map<string, string>();
  private readonly resolveErrors = new Map<string, AppError>();
  private readonly resolving = new Map<string, Promise<TokenRequestSpec>>();
  /** Resolved spec and cache key per connection, kept until forget() (option rememberSpecs). */
  private readonly remembered = new Map<string, { spec: TokenRequestSpec; key: string }>();
  private readonly timers = new Map<string, (() => void)[]>();
  private readonly listeners = new Set<StatusListener>();
  private readonly pool = new DispatcherPool();
  private readonly now: () => number;
  private readonly policy: RenewalPolicy;
  private readonly backoff: BackoffPolicy;
  private closed = false;

  constructor(private readonly options: TokenEngineOptions) {
    this.now = options.now ?? Date.now;
    this.policy = { ...defaultRenewalPolicy, ...options.policy };
    this.backoff = { ...defaultBackoff, ...options.backoff };
    if (options.onStatus !== undefined) this.listeners.add(options.onStatus);
  }

  /** Listen to status changes (the lead forwards them as `tokens:status-changed`). */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Make sure a valid token is cached (fetching if needed) and return its status. */
  async ensureToken(connectionId: string, options: AcquireOptions = {}): Promise<TokenStatus> {
    await this.acquire(connectionId, options);
    return this.getStatus(connectionId);
  }

  /** The only way to get the raw token out of the engine: an explicit user or CLI request. */
  async revealToken(connectionId: string, options: AcquireOptions = {}): Promise<RevealedToken> {
    const t = await this.acquire(connectionId, options);
    return {
      accessToken: t.accessToken,
      tokenType: t.tokenType,
      scope: t.scope ?? null,
      expiresAt: t.expiresAt === undefined ? null : new Date(t.expiresAt).toISOString(),
      expirySource: t.expirySource,
    };
  }

  /**
   * Run an API call with a token. If it answers 401 (result with status 401 or an error with status
   * 401), the token is dropped, a new one fetched and the call retried once; a second 401 is returned
   * (or thrown) as is, never retried again.
   */
  withToken<R>(
    connectionId: string,
    call: (credential: BearerCredential, signal: AbortSignal | undefined) => Promise<R>,
    options: WithTokenOptions<R> = {},
  ): Promise<R> {
    return runWithToken(
      {
        acquire: (signal) => this.acquire(connectionId, { signal }),
        invalidate: (accessToken) => this.invalidateIfCurrent(connectionId, accessToken),
      },
      call,
      options,
    );
  }

  /** The status of a connection now (state moves with the clock: valid → expiring → expired). */
  getStatus(connectionId: string): TokenStatus {
    const key = this.keyOf.get(connectionId);
    return buildStatus({
      connectionId,
      now: this.now(),
      entry: key === undefined ? undefined : this.cache.get(key),
      fetching: key !== undefined && this.flights.has(key),
      failure: key === undefined ? undefined : this.failures.get(key),
      resolveError: this.resolveErrors.get(connectionId),
    });
  }

  /** The decoded (unverified) JWT payload of the cached token, for the inspector. */
  getClaims(connectionId: string): JWTPayload | null {
    const key = this.keyOf.get(connectionId);
    return (key === undefined ? undefined : this.cache.get(key))?.token.claims ?? null;
  }

  /** Drop the cached token of a connection; the next use fetches a new one. */
  invalidate(connectionId: string): void {
    const key = this.keyOf.get(connectionId);
    if (key === undefined) return;
    this.cache.delete(key);
    this.clearTimers(key);
    this.emitFor(key);
  }

  /** Abort the token request in flight for a connection; its waiters get `cancelled`. */
  cancel(connectionId: string): void {
    const key = this.keyOf.get(connectionId);
    if (key !== undefined) this.flights.get(key)?.controller.abort();
  }

  /** Forget everything about a connection (deleted, or its settings or secret changed). */
  forget(connectionId: string): void {
    const key = this.keyOf.get(connectionId);
    this.keyOf.delete(connectionId);
    this.resolveErrors.delete(connectionId);
    this.remembered.delete(connectionId);
    if (key !== undefined && ![...this.keyOf.values()].includes(key)) {
      this.flights.get(key)?.controller.abort();
      this.cache.delete(key);
      this.failures.delete(key);
      this.clearTimers(key);
    }
    this.emit(this.getStatus(connectionId));
  }

  /** Cancel everything in flight and release sockets. */
  async close(): Promise<void> {
    this.closed = true;
    for (const flight of this.flights.values()) flight.controller.abort();
    for (const key of [...this.timers.keys()]) this.clearTimers(key);
    this.listeners.clear();
    await this.pool.close();
  }

  private async acquire(
    connectionId: string,
    options: AcquireOptions,
    chain: readonly string[] = [],
  ): Promise<TokenResult> {
    const { signal } = options;
    if (this.closed) throw new AppError('cancelled', 'The token engine is shut down.');
    if (signal?.aborted === true) throw cancelledError();
    let spec: TokenRequestSpec;
    try {
      const remembered = this.remembered.get(connectionId);
      spec = remembered?.spec ?? (await raceSignal(this.resolveSpec(connectionId), signal));
      this.resolveErrors.delete(connectionId);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.category !== 'cancelled') {
        this.resolveErrors.set(connectionId, appError);
        this.emit(this.getStatus(connectionId));
      }
      throw appError;
    }
    const key = this.remembered.get(connectionId)?.key ?? tokenCacheKey(spec, this.hmacKey);
    if (this.options.rememberSpecs) this.remembered.set(connectionId, { spec, key });
    this.bind(connectionId, key);
    const now = this.now();
    const entry = this.cache.get(key);
    if (options.force !== true && entry !== undefined && now < entry.renewAt) return entry.token;
    const failure = this.failures.get(key);
    let flight = this.flights.get(key);
    if (
      flight === undefined &&
      options.force !== true &&
      failure !== undefined &&
      now < failure.retryAt
    ) {
      if (entry !== undefined && this.usable(entry, now)) return entry.token;
      throw waitingError(failure, now);
    }
    flight ??= this.startFlight(key, spec, [...chain, connectionId]);
    try {
      return await joinFlight(flight, signal);
    } catch (error) {
      const appError = toAppError(error);
      // A failed renewal does not take away a token that is still valid.
      if (
        appError.category !== 'cancelled' &&
        entry !== undefined &&
        this.cache.get(key) === entry &&
        this.usable(entry, this.now())
      ) {
        return entry.token;
      }
      throw appError;
    }
  }

  private resolveSpec(connectionId: string): Promise<TokenRequestSpec> {
    let pending = this.resolving.get(connectionId);
    if (pending === undefined) {
      pending = Promise.resolve()
        .then(() => this.options.resolve(connectionId))
        .finally(() => this.resolving.delete(connectionId));
      this.resolving.set(connectionId, pending);
    }
    return pending;
  }

  private bind(connectionId: string, key: string): void {
    const previous = this.keyOf.get(connectionId);
    if (previous === key) return;
    this.keyOf.set(connectionId, key);
    // Settings changed (e.g. the scope): the old token must never be handed out again.
    if (previous !== undefined && ![...this.keyOf.values()].includes(previous)) {
      this.cache.delete(previous);
      this.failures.delete(previous);
      this.clearTimers(previous);
    }
  }

  private usable(entry: CacheEntry, now: number): boolean {
    const expiresAt = entry.token.expiresAt;
    return expiresAt !== undefined && now < expiresAt - this.policy.clockSkewMs;
  }

  private startFlight(key: string, spec: TokenRequestSpec, chain: readonly string[]): Flight {
    const controller = new AbortController();
    const fetcher = this.options.fetch ?? fetchToken;
    const promise = Promise.resolve()
      .then(() => this.withSubjectToken(spec, chain, controller.signal))
      .then((ready) =>
        fetcher(ready, {
          signal: controller.signal,
          now: this.now,
          dispatcher: this.pool.get(ready.tls),
        }),
      );
    const flight: Flight = { promise, controller, waiters: 0 };
    this.flights.set(key, flight);
    // Registered before any waiter's handlers, so the cache is filled before they resume.
    promise.then(
      (token) => {
        this.flights.delete(key);
        if (this.closed) return;
        this.cache.set(key, { token, renewAt: renewAtFor(token, this.policy) });
        this.failures.delete(key);
        this.scheduleTransitions(key);
        this.emitFor(key);
      },
      (error: unknown) => {
        this.flights.delete(key);
        const appError = toAppError(error);
        if (appError.category !== 'cancelled' && !this.closed) {
          this.failures.set(
            key,
            nextFailure(this.failures.get(key), appError, this.now(), this.backoff),
          );
        }
        this.emitFor(key);
      },
    );
    this.emitFor(key);
    return flight;
  }

  /**
   * Token exchange from another connection: get that connection's token first (from the cache, or
   * renewed through its own flight), so a renewal of this token renews the subject when needed.
   */
  private async withSubjectToken(
    spec: TokenRequestSpec,
    chain: readonly string[],
    signal: AbortSignal,
  ): Promise<TokenRequestSpec> {
    const exchange = spec.tokenExchange;
    const subjectId = exchange?.subjectConnectionId;
    if (exchange === undefined || subjectId === undefined || exchange.subjectToken !== undefined) {
      return spec;
    }
    if (chain.includes(subjectId)) {
      throw new AppError(
        'validation',
        'These connections exchange each other’s tokens in a loop.',
        {
          hint: 'Pick a subject connection that gets its token on its own (client credentials, key file…).',
        },
      );
    }
    let subject: TokenResult;
    try {
      subject = await this.acquire(subjectId, { signal }, chain);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.category === 'cancelled') throw appError;
      throw new AppError(
        appError.category,
        `The subject token could not be obtained: ${appError.message}`,
        {
          ...(appError.hint !== undefined ? { hint: appError.hint } : {}),
          ...(appError.status !== undefined ? { status: appError.status } : {}),
        },
      );
    }
    return { ...spec, tokenExchange: { ...exchange, subjectToken: subject.accessToken } };
  }

  private invalidateIfCurrent(connectionId: string, accessToken: string): void {
    const key = this.keyOf.get(connectionId);
    if (key !== undefined && this.cache.get(key)?.token.accessToken === accessToken) {
      this.invalidate(connectionId);
    }
  }

  private scheduleTransitions(key: string): void {
    this.clearTimers(key);
    const schedule = this.options.schedule === undefined ? defaultSchedule : this.options.schedule;
    const entry = this.cache.get(key);
    if (schedule === null || entry === undefined) return;
    const now = this.now();
    const at = [entry.renewAt, entry.token.expiresAt].filter(
      (t): t is number => t !== undefined && t > now,
    );
    this.timers.set(
      key,
      at.map((t) => schedule(() => this.cache.get(key) === entry && this.emitFor(key), t - now)),
    );
  }

  private clearTimers(key: string): void {
    for (const clear of this.timers.get(key) ?? []) clear();
    this.timers.delete(key);
  }

  private emitFor(key: string): void {
    for (const [connectionId, k] of this.keyOf)
      if (k === key) this.emit(this.getStatus(connectionId));
  }

  private emit(status: TokenStatus): void {
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A broken listener must not break token handling for everyone else.
      }
    }
  }
}
