import { createTlsDispatcher, hostPortOf, type TlsDispatcher } from '../http/dispatcher.js';
import { sendHttpRequest, tokenResponseLimitBytes, type HttpResponse } from '../http/send.js';
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
  const request = await buildTokenHttpRequest(spec, obtainedAt);
  const own = options.dispatcher === undefined;
  const tls = options.dispatcher ?? createTlsDispatcher(spec.tls);
  let res: HttpResponse | undefined;
  try {
    res = await sendHttpRequest({
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
    return normalizeTokenResponse(res, spec, {
      obtainedAt,
      peerCertificate:
        request.url.protocol === 'https:'
          ? tls.peerCertificate(hostPortOf(request.url))
          : undefined,
      insecureTls: request.url.protocol === 'https:' && tls.insecure,
    });
  } finally {
    options.onExchange?.(request, res);
    if (own) void tls.destroy().catch(() => undefined);
  }
}
