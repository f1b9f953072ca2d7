import type { JSONWebKeySet } from 'jose';

/** Where an issuer's keys come from: its discovery document, or a JWKS (or discovery) URL. */
export type JwksLocation = { issuer: string } | { url: string };

/** Keys fetched (or served from cache), or why they could not be fetched. */
export type JwksResult =
  | { ok: true; jwks: JSONWebKeySet; url: string; fetchedAt: number; fromCache: boolean }
  | { ok: false; reason: string; url: string };

/** Options for {@link createJwksClient}; everything injectable for tests. */
export interface JwksClientOptions {
  /** The fetch to use: the main process passes one carrying the connection's TLS settings. */
  fetch?: typeof fetch;
  /** How long fetched keys are reused (default 10 min). */
  ttlMs?: number;
  /** A forced refresh (unknown kid) is skipped if the keys are younger than this (default 30 s). */
  minRefreshIntervalMs?: number;
  timeoutMs?: number;
  /** Documents larger than this are refused (default 1 MiB). */
  maxBytes?: number;
  now?: () => number;
}

/** Fetches and caches JWKS by URL, following discovery documents. */
export interface JwksClient {
  /** The key set for a location; `forceRefresh` re-fetches (rate-limited) when a kid is unknown. */
  getJwks(location: JwksLocation, options?: { forceRefresh?: boolean }): Promise<JwksResult>;
  /** Forgets every cached document. */
  clear(): void;
}

interface CacheEntry {
  jwks: JSONWebKeySet;
  url: string;
  fetchedAt: number;
}

type JsonFetch = { ok: true; body: unknown } | { ok: false; reason: string; status?: number };

/** Creates a JWKS client with its own cache (one per app or per CLI run). */
export function createJwksClient(options: JwksClientOptions = {}): JwksClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const ttl = options.ttlMs ?? 10 * 60_000;
  const minRefresh = options.minRefreshIntervalMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();
  const inflight = new Map<string, Promise<JwksResult>>();

  async function fetchJson(url: string): Promise<JsonFetch> {
    let parsedUrl: URL;
    try {
      parsedUrl = new URL(url);
    } catch {
      return { ok: false, reason: `"${url}" is not a valid URL` };
    }
    if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
      return {
        ok: false,
        reason: `${parsedUrl.protocol} URLs are not fetched (use http or https)`,
      };
    }
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: { accept: 'application/json, application/jwk-set+json' },
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, reason: describeFetchError(error, url, timeoutMs) };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        status: response.status,
        reason: `${url} answered HTTP ${response.status}`,
      };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        reason: `${url} sent ${declared} bytes, more than the ${maxBytes} accepted`,
      };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return { ok: false, reason: describeFetchError(error, url, timeoutMs) };
    }
    if (text.length > maxBytes) {
      return { ok: false, reason: `${url} sent more than the ${maxBytes} bytes accepted` };
    }
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      const html = /^\s*</.test(text) ? ' (it looks like an HTML page)' : '';
      return { ok: false, reason: `${url} did not answer with JSON${html}` };
    }
  }

  /** Fetches a JWKS, following a discovery document or an issuer URL once. */
  async function load(location: JwksLocation): Promise<JwksResult> {
    const first = 'issuer' in location ? discoveryUrlFor(location.issuer) : location.url;
    const fetched = await fetchJson(first);
    let url = first;
    let body: unknown;
    if (fetched.ok) {
      body = fetched.body;
    } else if ('url' in location && fetched.status === 404 && !first.includes('/.well-known/')) {
      // The user may have given the issuer URL: try its discovery document.
      const retry = await fetchJson(discoveryUrlFor(first));
      if (!retry.ok) return { ok: false, url: first, reason: fetched.reason };
      body = retry.body;
      url = discoveryUrlFor(first);
    } else {
      return { ok: false, url: first, reason: fetched.reason };
    }
    if (isRecord(body) && typeof body.jwks_uri === 'string') {
      const jwksUrl = body.jwks_uri;
      const keys = await fetchJson(jwksUrl);
      if (!keys.ok) return { ok: false, url: jwksUrl, reason: keys.reason };
      body = keys.body;
      url = jwksUrl;
    } else if ('issuer' in location) {
      return { ok: false, url, reason: `the discovery document at ${url} has no jwks_uri` };
    }
    if (!isRecord(body) || !Array.isArray(body.keys)) {
      return {
        ok: false,
        url,
        reason: `${url} is neither a JWKS (no "keys" array) nor a discovery document`,
      };
    }
    const entry = { jwks: body as unknown as JSONWebKeySet, url, fetchedAt: now() };
    cache.set(cacheKey(location), entry);
    return { ok: true, ...entry, fromCache: false };
  }

  return {
    async getJwks(location, getOptions = {}) {
      const key = cacheKey(location);
      const cached = cache.get(key);
      const age = cached === undefined ? Infinity : now() - cached.fetchedAt;
      const fresh = getOptions.forceRefresh === true ? age < minRefresh : age < ttl;
      if (cached !== undefined && fresh) return { ok: true, ...cached, fromCache: true };
      const running = inflight.get(key);
      if (running !== undefined) return running;
      const promise = load(location).finally(() => inflight.delete(key));
      inflight.set(key, promise);
      return promise;
    },
    clear() {
      cache.clear();
    },
  };
}

/** The OpenID discovery URL of an issuer (`<issuer>/.well-known/openid-configuration`). */
export function discoveryUrlFor(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function cacheKey(location: JwksLocation): string {
  return 'issuer' in location ? `issuer:${location.issuer}` : `url:${location.url}`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'the server uses a self-signed TLS certificate (add its CA or pin it)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the TLS certificate chain is self-signed (add its CA)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate is not trusted (add its CA)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate is for another host name',
};

function describeFetchError(error: unknown, url: string, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return `${url} did not answer within ${limit}`;
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code !== undefined) return `${url} could not be reached: ${NETWORK_CODES[code] ?? code}`;
  return `${url} could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
