import { AppError } from './errors.js';

// shared/ sees neither DOM nor Node types; both globals exist in browsers, Node and Electron.
declare function atob(data: string): string;
declare const TextDecoder: new (
  label?: string,
  options?: { fatal?: boolean },
) => { decode(input: Uint8Array): string };

/** Why a pasted credential deserves a second look. Messages never quote the value. */
export type SecretInputWarningCode =
  | 'empty'
  | 'leading-whitespace'
  | 'trailing-newline'
  | 'trailing-whitespace'
  | 'inner-whitespace'
  | 'invisible-characters'
  | 'wrapped-in-quotes'
  | 'looks-like-basic-header'
  | 'base64-line-breaks'
  | 'base64url-alphabet'
  | 'not-utf8'
  | 'decoded-trailing-newline'
  | 'decoded-whitespace'
  | 'empty-client-id'
  | 'empty-client-secret'
  | 'form-encoded'
  | 'not-form-encoded';

/** One finding about a pasted value, with words for the user. */
export interface SecretInputWarning {
  code: SecretInputWarningCode;
  message: string;
}

/** A pasted secret after trimming, with what was noticed. */
export interface PastedSecret {
  value: string;
  warnings: SecretInputWarning[];
}

/** Client credentials recovered from a pasted `Basic …` header. */
export interface BasicCredentials {
  clientId: string;
  clientSecret: string;
  warnings: SecretInputWarning[];
  /** Present when the pair looks form-encoded (RFC 6749 §2.3.1): the decoded pair. */
  formDecoded?: { clientId: string; clientSecret: string };
}

const ECHO_TIP = 'Use `echo -n` or `printf` when you encode credentials yourself.';
// Zero-width and formatting characters that survive trim() and are invisible on screen.
const INVISIBLE = new Set([0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

function hasInvisibleCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const control = (code < 0x20 && !/\s/.test(char)) || (code >= 0x7f && code <= 0x9f);
    if (control || INVISIBLE.has(code)) return true;
  }
  return false;
}

/** Trim a pasted secret and flag whitespace, line breaks and other paste accidents. */
export function inspectPastedSecret(raw: string): PastedSecret {
  const value = raw.trim();
  const warnings: SecretInputWarning[] = [];
  const add = (code: SecretInputWarningCode, message: string): void => {
    warnings.push({ code, message });
  };
  if (value === '') {
    add('empty', 'Nothing but whitespace was pasted.');
    return { value, warnings };
  }
  const leading = /^\s+/.exec(raw)?.[0] ?? '';
  const trailing = /\s+$/.exec(raw)?.[0] ?? '';
  if (leading !== '') {
    add('leading-whitespace', 'The value started with spaces or line breaks; they were removed.');
  }
  if (/[\r\n]/.test(trailing)) {
    add(
      'trailing-newline',
      'The value ended with a line break (as `echo` adds); it was removed. ' + ECHO_TIP,
    );
  } else if (trailing !== '') {
    add('trailing-whitespace', 'The value ended with spaces; they were removed.');
  }
  if (/\s/.test(value)) {
    add(
      'inner-whitespace',
      'The value has spaces or line breaks in the middle. Secrets rarely do: check that it was ' +
        'not wrapped or cut when copied.',
    );
  }
  if (hasInvisibleCharacters(value)) {
    add('invisible-characters', 'The value contains invisible or control characters.');
  }
  if (/^(["'`]).*\1$/s.test(value) && value.length >= 2) {
    add(
      'wrapped-in-quotes',
      'The value is wrapped in quotes; remove them unless they belong to it.',
    );
  }
  if (/^basic\s+[A-Za-z0-9+/_-]+=*$/i.test(value)) {
    add(
      'looks-like-basic-header',
      'This looks like a whole `Basic …` header, not a secret. Paste it into the Basic header ' +
        'field to split it into client id and secret.',
    );
  }
  return { value, warnings };
}

function invalid(message: string): AppError {
  return new AppError('validation', message, {
    hint: 'Paste the value after "Basic ", or the whole Authorization header.',
  });
}

// application/x-www-form-urlencoded leaves only these unescaped (space becomes '+').
const FORM_ENCODED = /^[A-Za-z0-9*._+%-]*$/;
const FORM_UNRESERVED = /^[A-Za-z0-9*._-]*$/;

function formDecode(value: string): string | undefined {
  if (!FORM_ENCODED.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) return undefined;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function looksFormEncoded(value: string): boolean {
  return /%[0-9A-Fa-f]{2}/.test(value) && formDecode(value) !== undefined;
}

function decodeBase64(text: string, add: (code: SecretInputWarningCode, m: string) => void) {
  if (/[\r\n]/.test(text)) {
    add(
      'base64-line-breaks',
      'The base64 text was split over several lines (as `base64` does for long input); the ' +
        'line breaks were ignored.',
    );
  }
  let compact = text.replace(/\s+/g, '');
  if (/[-_]/.test(compact)) {
    add('base64url-alphabet', 'The value uses the URL-safe base64 alphabet; it was read as such.');
    compact = compact.replace(/-/g, '+').replace(/_/g, '/');
  }
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    throw invalid('The value is not valid base64.');
  }
  let binary: string;
  try {
    binary = atob(compact);
  } catch {
    throw invalid('The value is not valid base64.');
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    add('not-utf8', 'The decoded value is not UTF-8 text; it was read as Latin-1.');
    return binary;
  }
}

/**
 * Split a pasted `Basic …` header (or its bare base64 part) into client id and secret, flagging
 * the usual traps: a trailing newline from `echo | base64`, and form-encoded or raw special
 * characters (RFC 6749 §2.3.1). Throws AppError('validation') when it cannot be decoded.
 */
export function decodeBasicHeader(raw: string): BasicCredentials {
  const warnings: SecretInputWarning[] = [];
  const add = (code: SecretInputWarningCode, message: string): void => {
    warnings.push({ code, message });
  };
  let text = raw.trim().replace(/^(["'])(.*)\1$/s, '$2');
  text = text.replace(/^authorization\s*:\s*/i, '');
  const scheme = /^([A-Za-z][A-Za-z0-9._~+-]*)[ \t]+(?=\S)/.exec(text);
  if (scheme) {
    if (scheme[1]!.toLowerCase() !== 'basic') {
      throw invalid(`This is a "${scheme[1]}" authorization value, not "Basic".`);
    }
    text = text.slice(scheme[0].length);
  }

  let decoded = decodeBase64(text.trim(), add);
  const newline = /[\r\n]+$/.exec(decoded);
  if (newline) {
    decoded = decoded.slice(0, newline.index);
    add(
      'decoded-trailing-newline',
      'The encoded value ends with a line break, the mark of `echo "id:secret" | base64`. It is ' +
        'not part of the secret and was removed. ' +
        ECHO_TIP,
    );
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalid('The decoded value has no ":" between client id and secret.');
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  const clientId = rawId.trim();
  const clientSecret = rawSecret.trim();
  if (clientId !== rawId || clientSecret !== rawSecret) {
    add(
      'decoded-whitespace',
      'The client id or secret had spaces or line breaks around it; they were removed.',
    );
  }
  if (clientId === '') add('empty-client-id', 'The client id is empty.');
  if (clientSecret === '') add('empty-client-secret', 'The client secret is empty.');

  const result: BasicCredentials = { clientId, clientSecret, warnings };
  if (looksFormEncoded(clientId) || looksFormEncoded(clientSecret)) {
    result.formDecoded = {
      clientId: formDecode(clientId) ?? clientId,
      clientSecret: formDecode(clientSecret) ?? clientSecret,
    };
    add(
      'form-encoded',
      'The client id or secret looks form-encoded (RFC 6749 §2.3.1 encodes both before base64). ' +
        'Servers that follow the RFC treat the decoded form as the real credential.',
    );
  } else if (!FORM_UNRESERVED.test(clientId) || !FORM_UNRESERVED.test(clientSecret)) {
    add(
      'not-form-encoded',
      'The client id or secret contains characters that RFC 6749 §2.3.1 would percent-encode, ' +
        'but they are sent raw here, as many servers expect.',
    );
  }
  return result;
}
