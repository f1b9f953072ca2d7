import type { RawData } from 'ws';
import { callFrameSchema, type CallFrame } from '#shared/ipc/ws-frames.js';
import { DEFAULT_FRAME_LIMITS, type FrameLimits } from './frame-limits.js';

/** A frame that cannot be run; `id` is set when the caller can still be told which call failed. */
export type FrameVerdict =
  { ok: true; call: CallFrame } | { ok: false; id: number | undefined; message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }
const COMMA = 0x2c;

/**
 * One pass over the text counting nesting and values outside strings, stopping at the first limit
 * crossed. Strings are skipped with indexOf, so a frame that is one long string costs little. For
 * valid JSON the strings seen here are exactly the parser's; for invalid JSON the parser stops at
 * the first error, so it never builds more than this scan counted.
 */
export function jsonShapeProblem(text: string, limits: FrameLimits): string | undefined {
  let depth = 0;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end, i + 1)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined; // unterminated: JSON.parse refuses it cheaply
      i = end;
    } else if (OPEN.has(c)) {
      if (++depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
      if (++values > limits.maxValues) return `more than ${limits.maxValues} values`;
    } else if (CLOSE.has(c)) {
      depth--;
    } else if (c === COMMA && ++values > limits.maxValues) {
      return `more than ${limits.maxValues} values`;
    }
  }
  return undefined;
}

/** True when the quote at `at` is preceded by an odd run of backslashes (inside the string). */
function isEscaped(text: string, at: number, stringStart: number): boolean {
  let slashes = 0;
  for (let j = at - 1; j >= stringStart && text.charCodeAt(j) === BACKSLASH; j--) slashes++;
  return slashes % 2 === 1;
}

// The page's client writes `{"t":"call","id":N,…` first, so a refused frame's id is usually here.
const LEADING_ID = /^\s*\{\s*"t"\s*:\s*"call"\s*,\s*"id"\s*:\s*(\d{1,15})\s*,/;

function leadingId(text: string): number | undefined {
  const match = LEADING_ID.exec(text.slice(0, 80));
  return match ? Number(match[1]) : undefined;
}

function idOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'id')) return undefined;
  const id = (value as { id: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/** Decode one WebSocket message from a page into a call, or say why it cannot be run. */
export function parseCallFrame(
  data: RawData,
  isBinary: boolean,
  limits: FrameLimits = DEFAULT_FRAME_LIMITS,
): FrameVerdict {
  if (isBinary) return { ok: false, id: undefined, message: 'Binary messages are not accepted.' };
  const text = frameText(data);
  const problem = jsonShapeProblem(text, limits);
  if (problem !== undefined) {
    return { ok: false, id: leadingId(text), message: `The call was not run: it is ${problem}.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: undefined, message: 'Malformed message: not JSON.' };
  }
  const parsed = callFrameSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, id: idOf(value), message: 'Malformed message: not a call.' };
  }
  return { ok: true, call: parsed.data };
}
