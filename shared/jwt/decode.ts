import {
  decodeJsonSegment,
  decodeSegmentBytes,
  describeChar,
  splitSegments,
  type Segment,
} from './segments.js';
import type {
  DecodedOpaque,
  DecodeError,
  DecodeResult,
  JsonObject,
  TokenPartName,
} from './types.js';

/** Longest token decodeToken accepts (characters); far above any real token, below a DoS. */
export const MAX_TOKEN_LENGTH = 16 * 1024 * 1024;

const JWS_PARTS: readonly TokenPartName[] = ['header', 'payload', 'signature'];
const JWE_PARTS: readonly TokenPartName[] = ['header', 'encrypted_key', 'iv', 'ciphertext', 'tag'];

/**
 * Decodes a compact token without verifying it: a signed JWT (JWS), an encrypted JWT (JWE,
 * header only), an unsecured JWT (`alg: none`), or an opaque reference token. Never throws: a
 * truncated or corrupt token comes back as `{ ok: false, error }` naming the part and offset.
 * Expects a cleaned token (see inspectTokenInput); stray whitespace is reported, not skipped.
 */
export function decodeToken(token: string): DecodeResult {
  try {
    return decode(token);
  } catch {
    // Every path above returns; this keeps a bug from surfacing as a blank screen.
    return {
      ok: false,
      error: { code: 'unreadable', message: 'The token could not be read.' },
    };
  }
}

function decode(token: string): DecodeResult {
  if (typeof token !== 'string' || token.length === 0) {
    return fail({ code: 'empty', message: 'There is no token to decode.' });
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return fail({
      code: 'too_large',
      message: `The token is ${token.length} characters long, more than the ${MAX_TOKEN_LENGTH} this inspector reads.`,
    });
  }
  const texts = token.split('.');
  if (!looksLikeJwt(texts)) return opaque(token, texts.length);
  if (texts.length === 3) return decodeJws(token, splitSegments(token, JWS_PARTS));
  if (texts.length === 5) return decodeJwe(token, splitSegments(token, JWE_PARTS));
  return wrongPartCount(token, splitSegments(token, JWS_PARTS));
}

/** A JOSE header is a JSON object, so its base64url starts with "ey" ("{"), usually "eyJ" ('{"'). */
function looksLikeJwt(texts: string[]): boolean {
  const [first = '', second = ''] = texts;
  if (texts.length === 3 || texts.length === 5) {
    return first.startsWith('ey') || second.startsWith('eyJ');
  }
  return first.startsWith('eyJ');
}

function decodeJws(token: string, segments: Segment[]): DecodeResult {
  const [headerSeg, payloadSeg, signatureSeg] = segments as [Segment, Segment, Segment];
  const header = decodeJsonSegment(headerSeg, 3);
  if (!header.ok) return fail(header.error);
  const payload = decodeJsonSegment(payloadSeg, 3);
  if (!payload.ok) return fail({ ...payload.error, header: header.value });
  const notes = [...header.notes, ...payload.notes];
  let signatureBytes = 0;
  if (signatureSeg.text.length > 0) {
    const signature = decodeSegmentBytes(signatureSeg, 3);
    if (!signature.ok) return fail({ ...signature.error, header: header.value });
    signatureBytes = signature.bytes.length;
    notes.push(...signature.notes);
  }
  const alg = stringField(header.value, 'alg');
  const common = {
    token,
    partCount: 3,
    notes,
    header: header.value,
    payload: payload.value,
    signature: signatureSeg.text,
    signatureBytes,
    kid: stringField(header.value, 'kid'),
    typ: stringField(header.value, 'typ'),
  };
  if (alg !== null && alg.toLowerCase() === 'none') {
    if (alg !== 'none') {
      notes.push(
        `The header says alg "${alg}", a spelling of "none" some libraries used to accept.`,
      );
    }
    return { ok: true, token: { ...common, kind: 'unsecured', alg: 'none' } };
  }
  if (alg === null) notes.push('The header has no "alg": the signing algorithm is unknown.');
  return { ok: true, token: { ...common, kind: 'jws', alg } };
}

function decodeJwe(token: string, segments: Segment[]): DecodeResult {
  const [headerSeg, ...binary] = segments as [Segment, Segment, Segment, Segment, Segment];
  const header = decodeJsonSegment(headerSeg, 5);
  if (!header.ok) return fail(header.error);
  const notes = [...header.notes];
  const sizes: number[] = [];
  for (const segment of binary) {
    if (segment.text.length === 0) {
      sizes.push(0);
      continue;
    }
    const bytes = decodeSegmentBytes(segment, 5);
    if (!bytes.ok) return fail({ ...bytes.error, header: header.value });
    sizes.push(bytes.bytes.length);
    notes.push(...bytes.notes);
  }
  const enc = stringField(header.value, 'enc');
  if (enc === null) notes.push('The header has no "enc", which a JWE header must have.');
  if (stringField(header.value, 'cty')?.toUpperCase() === 'JWT') {
    notes.push(
      'The encrypted payload is itself a JWT (cty: JWT); decrypt it to inspect its claims.',
    );
  }
  const [encryptedKey = 0, iv = 0, ciphertext = 0, tag = 0] = sizes;
  return {
    ok: true,
    token: {
      kind: 'jwe',
      token,
      partCount: 5,
      notes,
      header: header.value,
      payload: null,
      alg: stringField(header.value, 'alg'),
      enc,
      kid: stringField(header.value, 'kid'),
      typ: stringField(header.value, 'typ'),
      sizes: { encryptedKey, iv, ciphertext, tag },
    },
  };
}

function wrongPartCount(token: string, segments: Segment[]): DecodeResult {
  const count = segments.length;
  const header =
    count > 1 && segments[0] !== undefined ? decodeJsonSegment(segments[0], count) : undefined;
  const withHeader = header?.ok === true ? { header: header.value } : {};
  if (count === 1) {
    return fail({
      code: 'wrong_part_count',
      offset: token.length,
      message: `The token starts like a JWT header but has no '.': only ${token.length} characters of it are here.`,
      hint: 'The token is truncated, or only its first part was copied.',
    });
  }
  if (count === 2) {
    // A token cut inside its payload: the cut, not the missing signature, is the news.
    const payload = segments[1] === undefined ? undefined : decodeJsonSegment(segments[1], 3);
    if (header?.ok === true && payload?.ok === false)
      return fail({ ...payload.error, ...withHeader });
    return fail({
      ...withHeader,
      code: 'wrong_part_count',
      offset: token.length,
      message: `The token has 2 parts; a signed JWT has 3 (header.payload.signature). The third part and the '.' before it are missing at offset ${token.length}.`,
      hint: 'The token is probably truncated; copy the whole token again.',
    });
  }
  const extraDot = (segments[3]?.start ?? 1) - 1;
  return fail({
    ...withHeader,
    code: 'wrong_part_count',
    offset: count === 4 ? extraDot : token.length,
    message: `The token has ${count} parts: a signed JWT (JWS) has 3 and an encrypted one (JWE) has 5.`,
    hint:
      count === 4
        ? 'Two tokens may have been pasted together, or a part of a JWE is missing.'
        : 'Two tokens may have been pasted together.',
  });
}

/** Characters RFC 6750 allows in a bearer token (b64token), plus '.' which it also allows. */
const BEARER_CHARS = /^[A-Za-z0-9\-._~+/]+=*$/;

function opaque(token: string, partCount: number): DecodeResult {
  if (!BEARER_CHARS.test(token)) {
    const index = firstNonBearerChar(token);
    return fail({
      code: 'invalid_character',
      offset: index,
      message: `The token has ${describeChar(token[index] ?? '')} at offset ${index}, which a bearer token cannot contain.`,
      hint: 'Paste the token alone; quotes, spaces and line breaks are removed when the token is pasted.',
    });
  }
  const decoded: DecodedOpaque = {
    kind: 'opaque',
    token,
    partCount,
    notes: [],
    header: null,
    payload: null,
    alg: null,
    kid: null,
    typ: null,
    format: opaqueFormat(token),
    message:
      'Not a JWT: this provider issues reference tokens, opaque strings that only the issuer can look up (for example through its RFC 7662 introspection endpoint).',
  };
  return { ok: true, token: decoded };
}

function firstNonBearerChar(token: string): number {
  const body = token.replace(/=+$/, '');
  for (let i = 0; i < body.length; i += 1) {
    if (!/[A-Za-z0-9\-._~+/]/.test(body[i] ?? '')) return i;
  }
  return body.length;
}

function opaqueFormat(token: string): DecodedOpaque['format'] {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) return 'uuid';
  if (/^[0-9a-f]+$/i.test(token)) return 'hex';
  if (/^[A-Za-z0-9_-]+$/.test(token)) return 'base64url';
  if (/^[A-Za-z0-9+/]+=*$/.test(token)) return 'base64';
  return 'other';
}

function stringField(object: JsonObject, name: string): string | null {
  const value = object[name];
  return typeof value === 'string' ? value : null;
}

function fail(error: DecodeError): DecodeResult {
  return { ok: false, error };
}
