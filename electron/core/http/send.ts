import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';
import { AppError } from '#shared/errors.js';
import { decoderFor, isDecodeError } from './decoders.js';
import { toTransportError } from './transport-errors.js';
import { describeUrl } from './url-policy.js';

/** Token responses are small; anything bigger is not a token response. */
export const tokenResponseLimitBytes = 1024 * 1024;
export const defaultRequestTimeoutMs = 30_000;

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  dispatcher: Dispatcher;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  maxResponseBytes?: number | undefined;
  /** 'error': a 3xx is reported as a `redirect` error (credentials never follow). */
  redirect: 'error' | 'manual';
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Drop an unread body; undici reports that as an error event, which nobody needs to hear. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function cancelledError(): AppError {
  return new AppError('cancelled', 'The request was cancelled.');
}

function timeoutError(where: string, timeoutMs: number, received: number): AppError {
  const seconds = `${timeoutMs / 1000} s`;
  // A stalled or trickling body is a different story from silence: say which one it was.
  return received > 0
    ? new AppError(
        'timeout',
        `The answer from ${where} did not finish within ${seconds} (${received} bytes arrived).`,
        {
          hint: 'The server sends very slowly or stalled half-way; try again later, or raise the timeout of this connection.',
          details: { timeoutMs, receivedBytes: received },
        },
      )
    : new AppError('timeout', `No complete answer from ${where} within ${seconds}.`, {
        hint: 'The server may be overloaded or unreachable; try again, or raise the timeout of this connection.',
        details: { timeoutMs },
      });
}

function tooLarge(where: string, limit: number, decoded?: string): AppError {
  const size = `${Math.round(limit / 1024)} KiB`;
  return new AppError(
    'malformed_response',
    decoded === undefined
      ? `The answer from ${where} is larger than ${size}.`
      : `The answer from ${where} expands to more than ${size} when decompressed (${decoded}); reading stopped there.`,
    {
      hint: 'A token response is a few kilobytes. Is this the token endpoint?',
      details: { limitBytes: limit },
    },
  );
}

type Body = Dispatcher.ResponseData['body'];

/**
 * Read a body into memory, decoding gzip/deflate/br, and stop as soon as either the bytes on the
 * wire or the decoded bytes pass `limit`: a compressed bomb is never inflated beyond the cap.
 * `onBytes` sees the wire count (for the timeout message).
 */
async function readCapped(
  body: Body,
  encoding: string | undefined,
  limit: number,
  where: string,
  onBytes: (wire: number) => void,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let wire = 0;
  const decoder = decoderFor(encoding);
  if (decoder === null) {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      wire += chunk.length;
      onBytes(wire);
      if (wire > limit) {
        discard(body);
        throw tooLarge(where, limit);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
  let size = 0;
  const counted = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      wire += chunk.length;
      onBytes(wire);
      if (wire > limit) throw tooLarge(where, limit);
      yield chunk;
    }
  };
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw tooLarge(where, limit, decoder.name);
      chunks.push(chunk);
    }
  };
  try {
    await pipeline(body, counted, decoder.stream, collect);
  } catch (err) {
    discard(body);
    if (isDecodeError(err)) {
      throw new AppError(
        'malformed_response',
        `The answer from ${where} says it is ${decoder.name}-compressed but cannot be decoded.`,
        { hint: 'The server or a proxy in between sent a broken body; try again.' },
      );
    }
    throw err;
  }
  return Buffer.concat(chunks);
}

/**
 * Send one HTTP request with a total deadline (headers and body: a trickling body cannot keep
 * it alive), cancellation, a response-size cap that holds after decompression, and no redirects
 * followed. Every failure is an AppError with a category; nothing is left hanging.
 */
export async function sendHttpRequest(req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? defaultRequestTimeoutMs;
  const limit = req.maxResponseBytes ?? tokenResponseLimitBytes;
  const where = describeUrl(req.url);
  if (req.signal?.aborted === true) throw cancelledError();

  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  const signal =
    req.signal === undefined ? timer.signal : AbortSignal.any([req.signal, timer.signal]);
  const started = performance.now();
  let received = 0;
  const classify = (err: unknown): AppError => {
    if (req.signal?.aborted === true) return cancelledError();
    if (timer.signal.aborted) return timeoutError(where, timeoutMs, received);
    if (err instanceof AppError) return err;
    return toTransportError(err, { host: req.url.host, url: where });
  };

  try {
    let res: Dispatcher.ResponseData;
    try {
      res = await request(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: req.dispatcher,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (err) {
      throw classify(err);
    }
    const headers = flattenHeaders(res.headers);
    if (req.redirect === 'error' && res.statusCode >= 300 && res.statusCode < 400) {
      discard(res.body);
      const location = headers.location;
      const to = location !== undefined ? ` to ${location}` : '';
      throw new AppError(
        'redirect',
        `${where} answered with a redirect (${res.statusCode})${to}; credentials are not sent after a redirect.`,
        {
          hint: 'Use the final token URL directly. A redirect often means http instead of https, a missing or extra trailing slash, or a login page.',
          status: res.statusCode,
          details: { location: location ?? null },
        },
      );
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discard(res.body);
      throw tooLarge(where, limit);
    }
    let body: Buffer;
    try {
      body = await readCapped(
        res.body,
        headers['content-encoding'],
        limit,
        where,
        (n) => (received = n),
      );
    } catch (err) {
      throw classify(err);
    }
    return {
      status: res.statusCode,
      headers,
      body,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(handle);
  }
}
