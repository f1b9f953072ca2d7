import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher } from 'undici';
import { AppError } from '#shared/errors.js';
import type { HttpMethod } from '#shared/requests/schemas.js';
import type { HeaderPair } from '#shared/requests/resolve.js';
import { toTransportError } from '../http/transport-errors.js';
import { describeUrl, isLoopbackHost } from '../http/url-policy.js';
import type { TimedDispatcher } from './timed-dispatcher.js';
import { download } from './download-body.js';
import { insecureUrl, MAX_REDIRECTS, timeoutError, tooManyRedirects } from './exchange-errors.js';
import type { HopTimings, Timeline } from './timeline.js';

/** Headers that carry credentials or only make sense for the first origin: dropped on a cross-origin redirect. */
const ORIGIN_BOUND = new Set(['authorization', 'proxy-authorization', 'cookie', 'host']);
/** Headers undici computes from the body; a user-typed one could only disagree. */
const COMPUTED = new Set(['content-length', 'transfer-encoding']);

export interface HopProgress {
  phase: 'connecting' | 'waiting' | 'downloading';
  received: number;
  total: number | null;
  status: number | null;
}

/** One send (with its redirects) of a resolved request. */
export interface HopRequest {
  url: URL;
  method: HttpMethod;
  headers: readonly HeaderPair[];
  /** Authorization or the custom auth header: sent to the first origin only. */
  credentials: readonly HeaderPair[];
  /** Names the credential in the timeline ("the connection's token"). */
  credentialLabel: string;
  body: string | null;
  followRedirects: boolean;
  /** The deadline for the whole send: every hop, the headers and the full body. */
  timeoutMs: number;
  /** The body is stopped past this many bytes (on the wire or decoded). */
  maxResponseBytes: number;
  signal: AbortSignal;
  dispatcher: TimedDispatcher;
  /** The connection allows credentials over plain http to non-loopback hosts. */
  allowHttp: boolean;
  bodyPath: string;
  timeline: Timeline;
  /** Filled in with the last hop's phases. */
  timings: HopTimings;
  onProgress(progress: HopProgress): void;
}

/** What came back on the last hop; the body is in `bodyPath`. */
export interface HopResponse {
  status: number;
  statusText: string;
  headers: HeaderPair[];
  url: string;
  contentType: string | null;
  /** The credentials went with the request that got this answer. */
  sentCredentials: boolean;
  size: number;
  wireSize: number;
  decoded: string | null;
}

function headerPairs(raw: Dispatcher.ResponseData['headers']): HeaderPair[] {
  const out: HeaderPair[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push({ name, value: v });
  }
  return out;
}

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** The method and body after a redirect, as browsers and curl -L do it. */
function redirected(
  status: number,
  method: HttpMethod,
  body: string | null,
): { method: HttpMethod; body: string | null } {
  if (status === 303 && method !== 'HEAD') return { method: 'GET', body: null };
  if ((status === 301 || status === 302) && method === 'POST') return { method: 'GET', body: null };
  return { method, body };
}

/**
 * Send a request, follow redirects (credentials go to the first origin only: a hop to another
 * origin gets no Authorization, custom auth header, Cookie or Host) and stream the final body to
 * disk, decoding gzip/deflate/br. Every failure is an AppError with a category.
 */
export async function runHops(req: HopRequest): Promise<HopResponse> {
  const origin = req.url.origin;
  let url = req.url;
  let method = req.method;
  let body = req.body;
  let credentialsAllowed = true;
  const userHeaders = req.headers.filter((h) => !COMPUTED.has(h.name.toLowerCase()));
  const visited = [url];
  // One deadline for the whole send: an idle timeout alone never stops a body that trickles in
  // one byte at a time, and undici's signal also aborts the body stream once headers are in.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), req.timeoutMs);
  const signal = AbortSignal.any([req.signal, deadline.signal]);
  try {
    for (let hop = 0; ; hop++) {
      const sameOrigin = credentialsAllowed && url.origin === origin;
      if (!sameOrigin) credentialsAllowed = false;
      const credentials = sameOrigin ? req.credentials : [];
      const headers = sameOrigin
        ? userHeaders
        : userHeaders.filter((h) => !ORIGIN_BOUND.has(h.name.toLowerCase()));
      if (
        credentials.length > 0 &&
        url.protocol === 'http:' &&
        !isLoopbackHost(url.hostname) &&
        !req.allowHttp
      ) {
        throw insecureUrl(url, req.credentialLabel);
      }
      const sent = mergeHeaders(headers, credentials);

      req.onProgress({ phase: 'connecting', received: 0, total: null, status: null });
      req.timeline.add(
        'request',
        `${method} ${describeUrl(url)}${credentials.length > 0 ? ` with ${req.credentialLabel}` : ''}`,
      );
      const hopStart = performance.now();
      const classify = (err: unknown, received?: number): AppError => {
        if (req.signal.aborted) return new AppError('cancelled', 'The request was cancelled.');
        if (
          deadline.signal.aborted ||
          (err as { code?: string } | null)?.code === 'UND_ERR_BODY_TIMEOUT'
        ) {
          return timeoutError(url, req.timeoutMs, received);
        }
        if (err instanceof AppError) return err;
        return toTransportError(err, { host: url.host, url: describeUrl(url) });
      };

      req.dispatcher.onRequestSent(() =>
        req.onProgress({ phase: 'waiting', received: 0, total: null, status: null }),
      );
      let res: Dispatcher.ResponseData;
      try {
        res = await request(url, {
          method,
          headers: sent,
          body: body ?? undefined,
          dispatcher: req.dispatcher.dispatcher,
          signal,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
        });
      } catch (err) {
        const sockets = req.dispatcher.takeSockets();
        if (sockets.length > 0 && !req.signal.aborted)
          req.timeline.add('connect', `Could not connect to ${url.host}`);
        throw classify(err);
      } finally {
        req.dispatcher.onRequestSent(undefined);
      }
      const headersAt = performance.now();
      recordConnection(req, url, hopStart, headersAt);
      const responseHeaders = headerPairs(res.headers);
      const statusText = res.statusText || STATUS_CODES[res.statusCode] || '';
      req.timeline.add('response', `${res.statusCode} ${statusText}`.trim());
      const retryAfter = headerValue(responseHeaders, 'retry-after');
      if (retryAfter !== undefined && (res.statusCode === 429 || res.statusCode >= 500)) {
        // Shown, not obeyed: the composer never retries on its own; the user decides when.
        req.timeline.add(
          'info',
          `The server asks to wait before trying again (Retry-After: ${retryAfter.slice(0, 60)})`,
        );
      }

      const location = headerValue(responseHeaders, 'location');
      if (
        req.followRedirects &&
        res.statusCode >= 300 &&
        res.statusCode < 400 &&
        location !== undefined
      ) {
        discard(res.body);
        if (hop + 1 > MAX_REDIRECTS) throw tooManyRedirects(visited);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new AppError('redirect', `The server redirected to an invalid URL.`, {
            hint: 'Turn off following redirects under Options to see the answer as it is.',
          });
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new AppError(
            'redirect',
            `The server redirected to a ${next.protocol} URL, which is not followed.`,
          );
        }
        const after = redirected(res.statusCode, method, body);
        const leaving = credentialsAllowed && next.origin !== origin && req.credentials.length > 0;
        req.timeline.add(
          'redirect',
          `Redirect ${res.statusCode} to ${describeUrl(next)}${after.method !== method ? ` as ${after.method}` : ''}${
            leaving
              ? ` — ${req.credentials.map((c) => c.name).join(' and ')} not sent: another origin`
              : ''
          }`,
        );
        url = next;
        visited.push(next);
        method = after.method;
        body = after.body;
        continue;
      }

      return {
        ...(await download(req, res, responseHeaders, headersAt, classify)),
        status: res.statusCode,
        statusText,
        headers: responseHeaders,
        url: url.href,
        contentType: headerValue(responseHeaders, 'content-type') ?? null,
        sentCredentials: credentials.length > 0,
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** User headers (repeated names joined with ", "), then the credentials, which replace any same-named header. */
function mergeHeaders(
  headers: readonly HeaderPair[],
  credentials: readonly HeaderPair[],
): Record<string, string> {
  const sent = new Map<string, HeaderPair>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    const existing = sent.get(key);
    sent.set(key, existing ? { name: existing.name, value: `${existing.value}, ${h.value}` } : h);
  }
  for (const c of credentials) sent.set(c.name.toLowerCase(), c);
  return Object.fromEntries([...sent.values()].map((h) => [h.name, h.value]));
}

/** Put the new socket's DNS/TCP/TLS times (or "reused") on the timeline and in the timings. */
function recordConnection(req: HopRequest, url: URL, hopStart: number, headersAt: number): void {
  const sockets = req.dispatcher.takeSockets();
  const socket = sockets.at(-1);
  const t = req.timings;
  t.download = null;
  if (socket === undefined) {
    t.dns = null;
    t.connect = null;
    t.tls = null;
    t.ttfb = headersAt - hopStart;
    req.timeline.add('connect', `Reused the open connection to ${url.host}`);
    return;
  }
  const tcpFrom = socket.lookup ?? socket.start;
  t.dns = socket.lookup === null ? null : socket.lookup - socket.start;
  t.connect = socket.connect === null ? null : socket.connect - tcpFrom;
  t.tls = socket.secure === null || socket.connect === null ? null : socket.secure - socket.connect;
  const ready = socket.secure ?? socket.connect ?? hopStart;
  t.ttfb = headersAt - ready;
  const parts = [
    t.dns !== null ? `DNS ${t.dns.toFixed(1)} ms` : null,
    t.connect !== null ? `TCP ${t.connect.toFixed(1)} ms` : null,
    t.tls !== null ? `TLS ${t.tls.toFixed(1)} ms` : null,
  ].filter((p) => p !== null);
  req.timeline.add(
    'connect',
    `Connected to ${url.host}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`,
  );
}
