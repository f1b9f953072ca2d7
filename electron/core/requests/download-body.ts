import { createWriteStream, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { AppError } from '#shared/errors.js';
import type { HeaderPair } from '#shared/requests/resolve.js';
import { MAX_RESPONSE_BYTES_CEILING } from '#shared/requests/schemas.js';
import { decoderFor, isDecodeError } from '../http/decoders.js';
import type { HopRequest } from './http-exchange.js';
import { formatBytes } from './timeline.js';

const PROGRESS_EVERY_MS = 100;

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * Destroy the temp file's stream and wait until its descriptor is closed: the caller deletes the
 * file next, and a stream still opening would otherwise re-create it after the delete.
 */
async function closeFile(file: WriteStream): Promise<void> {
  if (file.closed) return;
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  file.on('error', () => undefined);
  file.destroy();
  await closed;
}

/**
 * Stream the final answer's body to its temp file: progress events at most every 100 ms, gzip,
 * deflate and br decoded on the way, the size cap applied to the bytes on the wire and to the
 * decoded bytes (a gzip bomb stops at the cap), and the download time recorded. On failure the
 * file is closed before the error goes up, so the caller can delete it.
 */
export async function download(
  req: HopRequest,
  res: Dispatcher.ResponseData,
  headers: readonly HeaderPair[],
  headersAt: number,
  classify: (err: unknown, received?: number) => AppError,
): Promise<{ size: number; wireSize: number; decoded: string | null }> {
  const limit = Math.min(req.maxResponseBytes, MAX_RESPONSE_BYTES_CEILING);
  const lengthHeader = Number(headerValue(headers, 'content-length'));
  const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : null;
  if (total !== null && total > limit && req.method !== 'HEAD') {
    discard(res.body);
    throw tooLarge(limit, { declared: total });
  }
  const decoder =
    req.method === 'HEAD' ? null : decoderFor(headerValue(headers, 'content-encoding'));
  let received = 0;
  let decodedBytes = 0;
  let lastProgress = 0;
  req.onProgress({ phase: 'downloading', received: 0, total, status: res.statusCode });
  const counter = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > limit) throw tooLarge(limit, {});
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        req.onProgress({ phase: 'downloading', received, total, status: res.statusCode });
      }
      yield chunk;
    }
  };
  // Counts what the decoder makes of the wire bytes: the cap is on what would land on disk.
  const decodedCounter = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      decodedBytes += chunk.length;
      if (decodedBytes > limit) throw tooLarge(limit, { decoder: decoder?.name, received });
      yield chunk;
    }
  };
  const file = createWriteStream(req.bodyPath, { mode: 0o600 });
  try {
    if (decoder === null) await pipeline(res.body, counter, file);
    else await pipeline(res.body, counter, decoder.stream, decodedCounter, file);
  } catch (err) {
    discard(res.body);
    await closeFile(file);
    if (decoder !== null && isDecodeError(err)) {
      throw new AppError('malformed_response', `The ${decoder.name} body could not be decoded.`, {
        hint: 'The server said the body is compressed, but it is not readable as such.',
      });
    }
    throw classify(err, received);
  }
  const done = performance.now();
  req.timings.download = done - headersAt;
  req.onProgress({
    phase: 'downloading',
    received,
    total: total ?? received,
    status: res.statusCode,
  });
  const seconds = (done - headersAt) / 1000;
  req.timeline.add(
    'response',
    `Body ${formatBytes(file.bytesWritten)}${decoder ? ` (${formatBytes(received)} ${decoder.name})` : ''} in ${
      seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`
    }`,
  );
  return { size: file.bytesWritten, wireSize: received, decoded: decoder?.name ?? null };
}

function tooLarge(
  limit: number,
  how: { declared?: number; decoder?: string | undefined; received?: number },
): AppError {
  const max = formatBytes(limit);
  const message =
    how.declared !== undefined
      ? `The response is ${formatBytes(how.declared)}, more than the maximum response size of ${max}; it was not downloaded.`
      : how.decoder !== undefined
        ? `The response expands to more than ${max} when decompressed (${how.decoder}, ${formatBytes(how.received ?? 0)} received); the download was stopped at the maximum response size.`
        : `The response is larger than the maximum response size of ${max}; the download was stopped.`;
  return new AppError('malformed_response', message, {
    hint: 'Raise the maximum response size under Options if you need the whole body, or ask the API for less (paging, filters).',
    details: {
      limitBytes: limit,
      ...(how.declared !== undefined ? { declaredBytes: how.declared } : {}),
      ...(how.decoder !== undefined ? { encoding: how.decoder } : {}),
    },
  });
}
