import { base64url } from 'jose';
import { locateJsonError } from './json-locate.js';
import type { DecodeError, JsonObject, TokenPartName } from './types.js';
import { decodeUtf8Strict, utf8ByteLength } from './utf8.js';

/** One dot-separated part of a compact token and where it starts in the token. */
export interface Segment {
  name: TokenPartName;
  index: number;
  text: string;
  /** Character offset of the part's first character in the token. */
  start: number;
}

/** Splits a compact token at its dots, remembering where each part starts. */
export function splitSegments(token: string, names: readonly TokenPartName[]): Segment[] {
  const texts = token.split('.');
  const segments: Segment[] = [];
  let start = 0;
  texts.forEach((text, index) => {
    segments.push({ name: names[index] ?? 'payload', index, text, start });
    start += text.length + 1;
  });
  return segments;
}

/** What each part of a JWS or JWE is called in sentences for the user. */
export const partLabels: Readonly<Record<TokenPartName, string>> = {
  header: 'header',
  payload: 'payload',
  signature: 'signature',
  encrypted_key: 'encrypted key',
  iv: 'initialization vector',
  ciphertext: 'ciphertext',
  tag: 'authentication tag',
};

/** Human name of a part, e.g. "payload (part 2 of 3)". */
export function describePart(segment: Segment, total: number): string {
  return `${partLabels[segment.name]} (part ${segment.index + 1} of ${total})`;
}

/** Result of decoding one part's base64url text. */
export type BytesResult =
  { ok: true; bytes: Uint8Array; notes: string[] } | { ok: false; error: DecodeError };

/**
 * Checks a part is unpadded base64url (RFC 7515 §2) and decodes it with jose. The character
 * check comes first because decoders silently skip whitespace and accept standard base64, and
 * the user deserves to hear exactly which character is wrong.
 */
export function decodeSegmentBytes(segment: Segment, total: number): BytesResult {
  const notes: string[] = [];
  let text = segment.text;
  const where = describePart(segment, total);
  const padding = /=+$/.exec(text);
  if (padding !== null) {
    text = text.slice(0, padding.index);
    notes.push(`The ${where} ended with '=' padding, which JWTs omit; it was ignored.`);
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isBase64UrlChar(code)) continue;
    const char = text[i] ?? '';
    const standard = char === '+' || char === '/';
    return {
      ok: false,
      error: {
        code: 'invalid_character',
        part: segment.name,
        partIndex: segment.index,
        partOffset: i,
        offset: segment.start + i,
        message: `The ${where} has ${describeChar(char)} at offset ${segment.start + i} of the token (offset ${i} in the part), which base64url does not use.`,
        hint: standard
          ? "'+' and '/' belong to standard base64; JWTs use base64url ('-' and '_'). The token may have been re-encoded or altered."
          : 'The token was probably altered while copying; copy it again from its source.',
      },
    };
  }
  if (text.length % 4 === 1) {
    const offset = segment.start + text.length;
    return {
      ok: false,
      error: {
        code: 'invalid_length',
        part: segment.name,
        partIndex: segment.index,
        partOffset: text.length,
        offset,
        message: `The ${where} is ${text.length} characters long, a length no base64url text can have: it looks cut off at offset ${offset} of the token.`,
        hint: 'The token is probably truncated; copy the whole token again.',
      },
    };
  }
  try {
    return { ok: true, bytes: base64url.decode(text), notes };
  } catch {
    // Unreachable after the checks above, but a decoder surprise must not escape as a throw.
    return {
      ok: false,
      error: {
        code: 'invalid_character',
        part: segment.name,
        partIndex: segment.index,
        offset: segment.start,
        message: `The ${where} is not valid base64url.`,
      },
    };
  }
}

/** Result of decoding a part that must hold a JSON object (header or payload). */
export type JsonResult =
  { ok: true; value: JsonObject; notes: string[] } | { ok: false; error: DecodeError };

/** Decodes a header or payload part: base64url, then strict UTF-8, then a JSON object. */
export function decodeJsonSegment(segment: Segment, total: number): JsonResult {
  const where = describePart(segment, total);
  if (segment.text.length === 0) {
    return {
      ok: false,
      error: {
        code: 'empty_part',
        part: segment.name,
        partIndex: segment.index,
        offset: segment.start,
        partOffset: 0,
        message: `The ${where} is empty (at offset ${segment.start} of the token).`,
        hint: 'A JWT needs a header and a payload; the token may be cut or mangled.',
      },
    };
  }
  const decoded = decodeSegmentBytes(segment, total);
  if (!decoded.ok) return decoded;
  const utf8 = decodeUtf8Strict(decoded.bytes);
  if (!utf8.ok) {
    return {
      ok: false,
      error: {
        ...positionOfByte(segment, utf8.byteOffset),
        code: 'invalid_utf8',
        message: `The ${where} is not valid UTF-8 text: ${utf8.reason} at byte offset ${utf8.byteOffset} of the decoded part (around offset ${segment.start + byteToChar(utf8.byteOffset)} of the token).`,
        hint: 'The part is corrupt, or it is binary data rather than a JSON header or claims set.',
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(utf8.text);
  } catch {
    const located = locateJsonError(utf8.text) ?? { index: 0, expected: 'valid JSON' };
    const byteOffset = utf8ByteLength(utf8.text, located.index);
    const truncated = located.index >= utf8.text.length;
    return {
      ok: false,
      error: {
        ...positionOfByte(segment, byteOffset),
        code: 'invalid_json',
        message: truncated
          ? `The ${where} decodes to JSON that stops early (after ${byteOffset} bytes): expected ${located.expected}.`
          : `The ${where} decodes to invalid JSON at byte offset ${byteOffset} of the decoded part (around offset ${segment.start + byteToChar(byteOffset)} of the token): expected ${located.expected}.`,
        hint: truncated
          ? 'The token looks truncated; copy the whole token again.'
          : 'The token is corrupt or was edited by hand.',
      },
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      error: {
        code: 'not_an_object',
        part: segment.name,
        partIndex: segment.index,
        offset: segment.start,
        partOffset: 0,
        message: `The ${where} decodes to JSON ${Array.isArray(value) ? 'array' : typeof value}, not the JSON object a ${segment.name === 'header' ? 'JOSE header' : 'JWT claims set'} must be.`,
      },
    };
  }
  return { ok: true, value: value as JsonObject, notes: decoded.notes };
}

function positionOfByte(
  segment: Segment,
  byteOffset: number,
): Pick<DecodeError, 'part' | 'partIndex' | 'byteOffset' | 'offset' | 'partOffset'> {
  const partOffset = Math.min(byteToChar(byteOffset), segment.text.length);
  return {
    part: segment.name,
    partIndex: segment.index,
    byteOffset,
    partOffset,
    offset: segment.start + partOffset,
  };
}

/** Base64url character holding the first bits of decoded byte `byte` (3 bytes per 4 chars). */
function byteToChar(byte: number): number {
  return Math.floor((byte * 4) / 3);
}

function isBase64UrlChar(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f
  );
}

/** Names a character so invisible ones are visible in a message. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === ' ') return 'a space';
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0xa0) || code === 0xfeff) {
    return `an invisible character (${hex})`;
  }
  return `'${char}' (${hex})`;
}
