import { AppError } from '#shared/errors.js';
import type { JsonType } from '#shared/requests/schemas.js';
import type { BodyReader } from './body-file.js';

/** The direct children of one object or array: where each value starts and ends, and its key. */
export interface JsonNode {
  type: 'object' | 'array';
  at: number;
  end: number;
  keys: string[] | null;
  starts: number[];
  ends: number[];
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export const isSpace = (b: number): boolean => b === SPACE || b === LF || b === CR || b === TAB;

/** The error every structural problem becomes. */
export function malformed(detail: string): AppError {
  return new AppError('malformed_response', `The body is not valid JSON: ${detail}.`, {
    hint: 'Look at it in the Raw view; the server may have sent something else than its Content-Type says.',
  });
}

/** The JSON type a value starting with this byte has. */
export function typeOfByte(b: number | undefined): JsonType | undefined {
  if (b === OPEN_OBJECT) return 'object';
  if (b === OPEN_ARRAY) return 'array';
  if (b === QUOTE) return 'string';
  if (b === 0x74 || b === 0x66) return 'boolean';
  if (b === 0x6e) return 'null';
  if (b === 0x2d || (b !== undefined && b >= 0x30 && b <= 0x39)) return 'number';
  return undefined;
}

/** Where the scalar starting at `at` ends (exclusive). */
export async function scalarEnd(reader: BodyReader, at: number, size: number): Promise<number> {
  let inString = false;
  let escape = false;
  let first = true;
  for await (const { buf, pos } of reader.chunks(at, size, 64 * 1024)) {
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i] as number;
      if (first) {
        first = false;
        inString = b === QUOTE;
        continue;
      }
      if (inString) {
        if (escape) escape = false;
        else if (b === BACKSLASH) escape = true;
        else if (b === QUOTE) return pos + i + 1;
        continue;
      }
      if (isSpace(b) || b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT || b === COLON) {
        return pos + i;
      }
    }
  }
  if (inString) throw malformed('a string is never closed');
  return size;
}

type Expect = 'key' | 'colon' | 'value' | 'comma';

/**
 * One pass over an object or array, recording its direct children. Nested values are skipped by
 * counting brackets outside strings; keys are decoded as JSON strings.
 */
export async function scanContainer(
  reader: BodyReader,
  at: number,
  size: number,
): Promise<JsonNode> {
  const starts: number[] = [];
  const ends: number[] = [];
  let keys: string[] | null = null;
  let type: 'object' | 'array' | undefined;
  let depth = 0;
  let inString = false;
  let escape = false;
  let inKey = false;
  let keyEscaped = false;
  let keyParts: Buffer[] = [];
  let keyFrom = 0;
  let literal = false;
  let expect: Expect = 'value';

  for await (const { buf, pos } of reader.chunks(at, size)) {
    // Inside strings the scan jumps from quote to quote (long string values cost next to nothing).
    let nextBackslash = -1;
    for (let i = 0; i < buf.length; i++) {
      if (inString) {
        if (escape) {
          escape = false;
          continue;
        }
        if (nextBackslash < i) {
          const found = buf.indexOf(BACKSLASH, i);
          nextBackslash = found < 0 ? buf.length : found;
        }
        const quote = buf.indexOf(QUOTE, i);
        const stop = Math.min(quote < 0 ? buf.length : quote, nextBackslash);
        if (stop >= buf.length) break;
        i = stop;
        if (i === nextBackslash) {
          escape = true;
          if (inKey) keyEscaped = true;
        } else {
          inString = false;
          if (depth === 1) {
            if (inKey) {
              keyParts.push(buf.subarray(keyFrom, i + 1));
              keys?.push(decodeKey(keyParts, keyEscaped));
              keyParts = [];
              inKey = false;
              expect = 'colon';
            } else {
              ends.push(pos + i + 1);
              expect = 'comma';
            }
          }
        }
        continue;
      }
      const b = buf[i] as number;
      if (depth === 1 && literal) {
        if (isSpace(b) || b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
          ends.push(pos + i);
          literal = false;
          expect = 'comma';
        } else {
          continue;
        }
      }
      if (isSpace(b)) continue;
      if (depth === 0) {
        if (b === OPEN_OBJECT) {
          type = 'object';
          keys = [];
          expect = 'key';
        } else if (b === OPEN_ARRAY) {
          type = 'array';
          expect = 'value';
        } else {
          throw malformed(`byte ${at} does not start an object or array`);
        }
        depth = 1;
        continue;
      }
      switch (b) {
        case QUOTE:
          inString = true;
          if (depth === 1) {
            if (type === 'object' && expect === 'key') {
              inKey = true;
              keyEscaped = false;
              keyFrom = i;
            } else {
              starts.push(pos + i);
            }
          }
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (depth === 1) starts.push(pos + i);
          depth += 1;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          depth -= 1;
          if (depth === 0) {
            if (starts.length !== ends.length)
              throw malformed(`a value is cut short near byte ${pos + i}`);
            return { type: type as 'object' | 'array', at, end: pos + i + 1, keys, starts, ends };
          }
          if (depth === 1) {
            ends.push(pos + i + 1);
            expect = 'comma';
          }
          break;
        case COMMA:
          if (depth === 1) expect = type === 'object' ? 'key' : 'value';
          break;
        case COLON:
          if (depth === 1) expect = 'value';
          break;
        default:
          if (depth === 1) {
            if (expect !== 'value') throw malformed(`unexpected text at byte ${pos + i}`);
            starts.push(pos + i);
            literal = true;
          }
      }
    }
    // A key cut by the chunk boundary: keep its first part (a copy: the buffer is not reused, but small is cheaper).
    if (inKey) {
      keyParts.push(Buffer.from(buf.subarray(keyFrom)));
      keyFrom = 0;
    }
  }
  throw malformed('it ends before every object and array is closed');
}

function decodeKey(parts: Buffer[], escaped: boolean): string {
  const raw = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  if (!escaped) return raw.toString('utf8', 1, raw.length - 1);
  try {
    return JSON.parse(raw.toString('utf8')) as string;
  } catch {
    return raw.toString('utf8', 1, raw.length - 1);
  }
}
