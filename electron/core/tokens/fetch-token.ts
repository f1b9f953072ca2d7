import { createTlsDispatcher, hostPortOf, type TlsDispatcher } from '../http/dispatcher.js';
import { sendHttpRequest, tokenResponseLimitBytes, type HttpResponse } from '../http/send.js';
import { dpopNonceChallenge } from './dpop.js';
import { buildTokenHttpRequest, type TokenHttpRequest } from './request-builder.js';
import { normalizeTokenResponse } from './response.js';
import type { TokenRequestSpec } from './token-request-spec.js';
import type { TokenResult } from './token-result.js';

export interface FetchTokenOptions {
  signal?: AbortSignal | undefined;
  /** Injected clock (epoch ms) so tests can move time. */
  now?: (() => number) | undefined;
  /** Reuse a dispatcher (the engine's pool); otherwise one is created and closed. */
  dispatcher?: TlsDispatcher | undefined;
  /**
   * Sees the request as sent and the raw answer (when one came), e.g. for the connection test's
   * redacted HTTP exchange. Both hold credentials or tokens: redact before showing anything.
   */
  onExchange?:
    ((request: TokenHttpRequest, response: HttpResponse | undefined) => void) | undefined;
}

/**
 * One token request, uncached: build it, send it (no redirects, capped, with timeout and
 * cancellation), normalise the answer. Throws AppError with a category on any failure.
 */
export async function fetchToken(
  spec: TokenRequestSpec,
  options: FetchTokenOptions = {},
): Promise<TokenResult> {
  const now = options.now ?? Date.now;
  const obtainedAt = now();
  let request = await buildTokenHttpRequest(spec, obtainedAt);
  const own = options.dispatcher === undefined;
  const tls = options.dispatcher ?? createTlsDispatcher(spec.tls);
  let res: HttpResponse | undefined;
  const send = async (): Promise<HttpResponse> => {
    // A fresh DPoP proof for each attempt (RFC 9449 §4): new jti and iat, the latest nonce.
    if (spec.dpop !== undefined) {
      request.headers.dpop = await spec.dpop.proof({ htm: request.method, url: request.url });
    }
    return sendHttpRequest({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      dispatcher: tls.dispatcher,
      timeoutMs: spec.timeoutMs,
      signal: options.signal,
      maxResponseBytes: tokenResponseLimitBytes,
      redirect: 'error',
    });
  };
  try {
    res = await send();
    const nonce =
      spec.dpop === undefined ? undefined : dpopNonceChallenge(res.status, res.headers, res.body);
    if (nonce !== undefined) {
      // The server wants a nonce (RFC 9449 §8): answer once, with a new assertion as well.
      spec.dpop?.rememberNonce(request.url, nonce);
      options.onExchange?.(request, res);
      request = await buildTokenHttpRequest(spec, now());
      res = undefined;
      res = await send();
    }
    const fresh = res.headers['dpop-nonce'];
    if (spec.dpop !== undefined && fresh !== undefined) spec.dpop.rememberNonce(request.url, fresh);
    const token = normalizeTokenResponse(res, spec, {
      obtainedAt,
      peerCertificate:
        request.url.protocol === 'https:'
          ? tls.peerCertificate(hostPortOf(request.url))
          : undefined,
      insecureTls: request.url.protocol === 'https:' && tls.insecure,
    });
    return spec.dpop === undefined ? token : withDpop(token, spec.dpop);
  } finally {
    options.onExchange?.(request, res);
    if (own) void tls.destroy().catch(() => undefined);
  }
}

/** A token asked for with DPoP: the key rides along; a Bearer answer means the server ignored it. */
function withDpop(token: TokenResult, dpop: NonNullable<TokenRequestSpec['dpop']>): TokenResult {
  const warnings = [...token.warnings];
  if (!/^dpop$/i.test(token.tokenType)) {
    warnings.push(
      `The server answered token_type "${token.tokenType}", not DPoP: the token is not bound to the connection’s key.`,
    );
  }
  return { ...token, dpop, warnings };
}
