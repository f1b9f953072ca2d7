import { open, type FileHandle } from 'node:fs/promises';

/** Bytes read per step when scanning a body; each step is one await, so main stays responsive. */
export const SCAN_CHUNK_BYTES = 1024 * 1024;

/** An open body file for the duration of one operation. */
export interface BodyReader {
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Buffer>;
  /** Consecutive chunks from `from` to `to` (exclusive); each buffer is fresh. */
  chunks(
    from: number,
    to: number,
    chunkBytes?: number,
  ): AsyncGenerator<{ buf: Buffer; pos: number }>;
}

/** Open a body file, run `fn` with a reader, and close the file whatever happens. */
export async function withBody<T>(
  path: string,
  fn: (reader: BodyReader) => Promise<T>,
): Promise<T> {
  const fh: FileHandle = await open(path, 'r');
  const reader: BodyReader = {
    read: async (position, length) => {
      const buf = Buffer.allocUnsafe(Math.max(0, length));
      const { bytesRead } = await fh.read(buf, 0, length, position);
      return buf.subarray(0, bytesRead);
    },
    chunks: async function* (from, to, chunkBytes = SCAN_CHUNK_BYTES) {
      let pos = from;
      while (pos < to) {
        const length = Math.min(chunkBytes, to - pos);
        const buf = Buffer.allocUnsafe(length);
        const { bytesRead } = await fh.read(buf, 0, length, pos);
        if (bytesRead === 0) return;
        yield { buf: buf.subarray(0, bytesRead), pos };
        pos += bytesRead;
      }
    },
  };
  try {
    return await fn(reader);
  } finally {
    await fh.close();
  }
}

/** Where a UTF-8 text may be cut at or before `end` in `buf` without splitting a character. */
export function utf8Boundary(buf: Buffer, end: number): number {
  let cut = Math.min(end, buf.length);
  if (cut >= buf.length) return cut;
  // Step back over continuation bytes (10xxxxxx) to the start of the character at `cut`.
  let back = 0;
  while (cut > 0 && back < 4 && ((buf[cut] ?? 0) & 0xc0) === 0x80) {
    cut -= 1;
    back += 1;
  }
  return cut;
}
