import type { JsonStep } from '#shared/requests/schemas.js';
import { utf8Boundary, withBody } from './body-file.js';
import type { JsonIndex } from './json-index.js';

/** One hit of a body search, before it is placed in the raw view or the JSON tree. */
export interface RawMatch {
  offset: number;
  preview: string;
}

const CONTEXT_BEFORE = 24;
const CONTEXT_AFTER = 64;

const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Lower-cased text with the same length (so string indexes still line up), ASCII-only if needed. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : asciiLower(text);
}

/**
 * Byte offsets where `query` occurs, case-insensitively, scanning the file in 1 MB steps cut at
 * character boundaries; each read overlaps the next by the query's length so no hit straddling a
 * step is lost, and each hit is counted by the step it starts in.
 */
export async function findInBody(
  path: string,
  size: number,
  query: string,
  limit: number,
): Promise<{ matches: RawMatch[]; truncated: boolean }> {
  const needle = lowerSameLength(query);
  const needleBytes = Buffer.byteLength(query);
  const offsets: number[] = [];
  let truncated = false;
  await withBody(path, async (reader) => {
    const step = 1024 * 1024;
    let pos = 0;
    while (pos < size && !truncated) {
      const buf = await reader.read(pos, Math.min(step + needleBytes + 4, size - pos));
      if (buf.length === 0) break;
      const last = pos + buf.length >= size;
      const usable = last ? buf.length : utf8Boundary(buf, buf.length);
      const advance = last ? buf.length : Math.max(1, utf8Boundary(buf, Math.min(step, usable)));
      const text = buf.toString('utf8', 0, usable);
      const hay = lowerSameLength(text);
      let from = 0;
      let seenIndex = 0;
      let seenBytes = 0;
      for (;;) {
        const hit = hay.indexOf(needle, from);
        if (hit < 0) break;
        seenBytes += Buffer.byteLength(text.slice(seenIndex, hit));
        seenIndex = hit;
        // Hits starting after this step's end belong to the next read.
        if (seenBytes >= advance) break;
        if (offsets.length === limit) {
          truncated = true;
          break;
        }
        offsets.push(pos + seenBytes);
        from = hit + 1;
      }
      pos += advance;
    }
  });
  const matches = await withBody(path, async (reader) => {
    const out: RawMatch[] = [];
    for (const offset of offsets) {
      const start = Math.max(0, offset - CONTEXT_BEFORE);
      const text = (await reader.read(start, offset - start + needleBytes + CONTEXT_AFTER))
        .toString('utf8')
        .replace(/^\uFFFD+|\uFFFD+$/g, '')
        .replace(/\s+/g, ' ');
      out.push({ offset, preview: text });
    }
    return out;
  });
  return { matches, truncated };
}

/** The largest i with sorted[i] <= value, or -1. */
function floorIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The JSON node a byte offset falls in, as steps from the root, found by descending through the
 * lazily scanned nodes (the same ones the tree shows, so expanding to a hit costs nothing more).
 * `in` says whether the offset is in a key or in a value.
 */
export async function jsonPathAt(
  index: JsonIndex,
  offset: number,
): Promise<{ path: JsonStep[]; in: 'key' | 'value' }> {
  const path: JsonStep[] = [];
  let at = await index.root();
  for (let depth = 0; depth < 512; depth++) {
    let node;
    try {
      node = await index.node(at);
    } catch {
      return { path, in: 'value' };
    }
    const i = floorIndex(node.starts, offset);
    if (i >= 0 && offset < (node.ends[i] as number)) {
      const start = node.starts[i] as number;
      path.push({ key: node.keys?.[i] ?? null, index: i, at: start });
      const type = offset > start ? await index.typeAt(start) : undefined;
      if (type === 'object' || type === 'array') {
        at = start;
        continue;
      }
      return { path, in: 'value' };
    }
    const next = i + 1;
    if (node.keys !== null && next < node.starts.length) {
      path.push({ key: node.keys[next] ?? null, index: next, at: node.starts[next] as number });
      return { path, in: 'key' };
    }
    return { path, in: 'value' };
  }
  return { path, in: 'value' };
}
