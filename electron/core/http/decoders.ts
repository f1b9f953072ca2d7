import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A decoder for a Content-Encoding we understand, or null (identity or unknown: bytes as sent). */
export function decoderFor(
  encoding: string | undefined,
): { name: string; stream: Transform } | null {
  const value = (encoding ?? '').trim().toLowerCase();
  if (value === 'gzip' || value === 'x-gzip') return { name: 'gzip', stream: createGunzip() };
  if (value === 'deflate') return { name: 'deflate', stream: createInflate() };
  if (value === 'br') return { name: 'br', stream: createBrotliDecompress() };
  return null;
}

/** True for zlib's own failures (a body that claims a compression it does not have). */
export function isDecodeError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR_BROTLI'));
}
