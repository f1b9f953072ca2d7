/** Result of {@link decodeUtf8Strict}: the text, or the byte offset of the first bad sequence. */
export type Utf8Result =
  { ok: true; text: string } | { ok: false; byteOffset: number; reason: string };

const CHUNK = 8192;

/**
 * Strict UTF-8 decoding that says where it failed. Written out because shared/ compiles against
 * the ES library only (no TextDecoder type), and TextDecoder's fatal mode gives no offset anyway.
 */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  const units: number[] = [];
  const chunks: string[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i] as number;
    let need: number;
    let cp: number;
    let min: number;
    if (b0 < 0x80) {
      need = 0;
      cp = b0;
      min = 0;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if ((b0 & 0xf0) === 0xe0) {
      need = 2;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      return {
        ok: false,
        byteOffset: i,
        reason: `byte 0x${hex(b0)} cannot start a UTF-8 character`,
      };
    }
    if (i + need >= n) {
      return { ok: false, byteOffset: i, reason: 'a multi-byte UTF-8 character is cut off' };
    }
    for (let k = 1; k <= need; k += 1) {
      const b = bytes[i + k] as number;
      if ((b & 0xc0) !== 0x80) {
        return {
          ok: false,
          byteOffset: i + k,
          reason: `byte 0x${hex(b)} should continue the UTF-8 character started at byte ${i}`,
        };
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return {
        ok: false,
        byteOffset: i,
        reason: 'an invalid (overlong or surrogate) UTF-8 sequence',
      };
    }
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= CHUNK) {
      chunks.push(String.fromCharCode(...units));
      units.length = 0;
    }
    i += need + 1;
  }
  chunks.push(String.fromCharCode(...units));
  return { ok: true, text: chunks.join('') };
}

/** Number of UTF-8 bytes the first `length` UTF-16 units of `text` take. */
export function utf8ByteLength(text: string, length = text.length): number {
  let bytes = 0;
  for (let i = 0; i < length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
