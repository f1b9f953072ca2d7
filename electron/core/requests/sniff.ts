import type { BodyKind } from '#shared/requests/schemas.js';
import { withBody } from './body-file.js';

const SAMPLE_BYTES = 64 * 1024;
const TEXT_TYPES =
  /^(text\/|application\/(?:xml|javascript|ecmascript|x-www-form-urlencoded|yaml|x-yaml|graphql|csv|x-ndjson|problem\+xml)\b)|\+xml\b/i;
const JSON_TYPES = /^application\/(?:[\w.-]+\+)?json\b|\/json\b|\+json\b/i;

function looksLikeUtf8Text(sample: Buffer): boolean {
  if (sample.includes(0)) return false;
  // Do not judge a character cut off by the end of the sample.
  let end = sample.length;
  for (let back = 0; back < 3 && end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80; back++) end--;
  if (end > 0 && ((sample[end - 1] ?? 0) & 0xc0) === 0xc0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * How the viewer should show a body: as JSON (tree), text (raw) or binary (hex). The content type
 * decides when it is clear; otherwise the first 64 KB are looked at.
 */
export async function sniffBodyKind(
  path: string,
  size: number,
  contentType: string | null,
): Promise<BodyKind> {
  if (size === 0) return 'empty';
  const sample = await withBody(path, (reader) => reader.read(0, Math.min(size, SAMPLE_BYTES)));
  const first = sample.toString('latin1').trimStart()[0];
  const jsonStart = first === '{' || first === '[';
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (JSON_TYPES.test(type)) {
    return looksLikeUtf8Text(sample) ? (jsonStart || first === '"' ? 'json' : 'text') : 'binary';
  }
  if (TEXT_TYPES.test(type)) return looksLikeUtf8Text(sample) ? 'text' : 'binary';
  if (!looksLikeUtf8Text(sample)) return 'binary';
  return jsonStart && type === '' ? 'json' : 'text';
}
