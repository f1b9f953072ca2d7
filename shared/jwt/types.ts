/** Any JSON value, as found in a JOSE header or a JWT claims set. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: a JOSE header or a JWT claims set. */
export type JsonObject = { [key: string]: JsonValue };

/** What a token turned out to be. */
export type TokenKind = 'jws' | 'jwe' | 'unsecured' | 'opaque';

/** The dot-separated parts of a compact JWS (3) or JWE (5), by name. */
export type TokenPartName =
  'header' | 'payload' | 'signature' | 'encrypted_key' | 'iv' | 'ciphertext' | 'tag';

/** Why a token could not be decoded. */
export type DecodeErrorCode =
  | 'empty'
  | 'too_large'
  | 'wrong_part_count'
  | 'empty_part'
  | 'invalid_character'
  | 'invalid_length'
  | 'invalid_utf8'
  | 'invalid_json'
  | 'not_an_object'
  | 'unreadable';

/** A precise decoding failure: which part, and where in the token and in the decoded bytes. */
export interface DecodeError {
  code: DecodeErrorCode;
  /** A complete sentence naming the part and the position. */
  message: string;
  part?: TokenPartName;
  /** 0-based index of the part among the dot-separated parts. */
  partIndex?: number;
  /** 0-based character offset in the token where the problem is (or starts). */
  offset?: number;
  /** 0-based character offset inside the part's base64url text. */
  partOffset?: number;
  /** 0-based byte offset inside the part's decoded bytes (UTF-8 and JSON errors). */
  byteOffset?: number;
  /** What the user can try. */
  hint?: string;
  /** The header, when it decoded before a later part failed. */
  header?: JsonObject;
}

/** Facts every decoded token has, whatever its kind. */
interface DecodedBase {
  /** The token that was decoded (after input clean-up). */
  token: string;
  /** Number of dot-separated parts (1 for opaque tokens without dots). */
  partCount: number;
  /** Things noticed while decoding that did not stop it (e.g. padding removed). */
  notes: string[];
}

/** A signed JWT (compact JWS, 3 parts). */
export interface DecodedJws extends DecodedBase {
  kind: 'jws';
  header: JsonObject;
  payload: JsonObject;
  /** The signature part, base64url as in the token ('' when stripped). */
  signature: string;
  /** Length of the decoded signature in bytes. */
  signatureBytes: number;
  alg: string | null;
  kid: string | null;
  typ: string | null;
}

/** A JWT with `alg: none`: anyone could have written it. */
export interface DecodedUnsecured extends DecodedBase {
  kind: 'unsecured';
  header: JsonObject;
  payload: JsonObject;
  signature: string;
  signatureBytes: number;
  alg: 'none';
  kid: string | null;
  typ: string | null;
}

/** An encrypted JWT (compact JWE, 5 parts): header readable, payload encrypted. */
export interface DecodedJwe extends DecodedBase {
  kind: 'jwe';
  header: JsonObject;
  payload: null;
  alg: string | null;
  /** Content encryption algorithm, e.g. `A256GCM`. */
  enc: string | null;
  kid: string | null;
  typ: string | null;
  /** Sizes in bytes of the binary parts, for display. */
  sizes: { encryptedKey: number; iv: number; ciphertext: number; tag: number };
}

/** A reference (opaque) token: meaningful only to the issuer that keeps its record. */
export interface DecodedOpaque extends DecodedBase {
  kind: 'opaque';
  header: null;
  payload: null;
  alg: null;
  kid: null;
  typ: null;
  /** A guess at its shape, for display. */
  format: 'uuid' | 'hex' | 'base64url' | 'base64' | 'other';
  /** Why it is not a JWT, in one sentence. */
  message: string;
}

/** A successfully decoded token of any kind. */
export type DecodedToken = DecodedJws | DecodedUnsecured | DecodedJwe | DecodedOpaque;

/** Result of {@link decodeToken}: never thrown, always one of these. */
export type DecodeResult = { ok: true; token: DecodedToken } | { ok: false; error: DecodeError };
