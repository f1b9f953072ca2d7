import { createWriteStream } from 'node:fs';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors.js';
import type { HeaderPair } from '../../../shared/requests/resolve.js';
import type { HopRequest } from './http-exchange.js';
import { formatBytes } from './timeline.js';

/** A body bigger than this is not kept (the download stops with an error). */
export const MAX_RESPONSE_BYTES = 1024 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function decoderFor(encoding: string | undefined): { name: string; stream: Transform } | null {
  const value = (encoding ?? '').trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return { name: 'gzip', stream: createGunzip() };
  if (value === 'deflate') return { name: 'deflate', stream: createInflate() };
  if (value === 'br') return { name: 'br', stream: createBrotliDecompress() };
  return null;
}

/**
 * Stream the final answer's body to its temp file: progress events at most every 100 ms, gzip,
 * deflate and br decoded on the way, a hard size cap, and the download time recorded.
 */
export async function download(
  req: HopRequest,
  res: Dispatcher.ResponseData,
  headers: readonly HeaderPair[],
  headersAt: number,
  classify: (err: unknown) => AppError,
): Promise<{ size: number; wireSize: number; decoded: string | null }> {
  const lengthHeader = Number(headerValue(headers, 'content-length'));
  const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : null;
  if (total !== null && total > MAX_RESPONSE_BYTES) {
    discard(res.body);
    throw tooLarge();
  }
  let received = 0;
  let lastProgress = 0;
  req.onProgress({ phase: 'downloading', received: 0, total, status: res.statusCode });
  const counter = async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > MAX_RESPONSE_BYTES) throw tooLarge();
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        req.onProgress({ phase: 'downloading', received, total, status: res.statusCode });
      }
      yield chunk;
    }
  };
  const decoder =
    req.method === 'HEAD' ? null : decoderFor(headerValue(headers, 'content-encoding'));
  const file = createWriteStream(req.bodyPath, { mode: 0o600 });
  try {
    if (decoder === null) await pipeline(res.body, counter, file);
    else await pipeline(res.body, counter, decoder.stream, file);
  } catch (err) {
    discard(res.body);
    file.destroy();
    if (decoder !== null && (err as { code?: string }).code?.startsWith('Z_')) {
      throw new AppError('malformed_response', `The ${decoder.name} body could not be decoded.`, {
        hint: 'The server said the body is compressed, but it is not readable as such.',
      });
    }
    throw classify(err);
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

function tooLarge(): AppError {
  return new AppError(
    'malformed_response',
    `The body is larger than ${formatBytes(MAX_RESPONSE_BYTES)}; the download was stopped.`,
    {
      hint: 'Ask the API for less (paging, filters), or use curl for bulk downloads.',
    },
  );
}
