import { decodeUtf8Strict } from '../jwt/utf8.js';
import { base64ToBytes, bytesToLatin1 } from './encoding.js';
import { findPlaceholders } from './placeholders.js';
import type { CurlBasicAuth } from './types.js';

/** What an `Authorization` header value holds, as far as import cares. */
export type AuthorizationReading =
  | { kind: 'basic'; auth: CurlBasicAuth; latin1: boolean }
  | { kind: 'basic-placeholder'; placeholders: string[] }
  | { kind: 'basic-invalid'; reason: string }
  | { kind: 'bearer'; placeholders: string[] }
  | { kind: 'other'; scheme: string };

/** Read an Authorization header value; a Basic value is decoded into user and password. */
export function readAuthorization(value: string): AuthorizationReading {
  const m = /^\s*(\S+)\s*(.*)$/s.exec(value);
  const scheme = m?.[1] ?? '';
  const credentials = (m?.[2] ?? '').trim();
  if (/^bearer$/i.test(scheme))
    return { kind: 'bearer', placeholders: findPlaceholders(credentials) };
  if (!/^basic$/i.test(scheme)) return { kind: 'other', scheme };
  const placeholders = findPlaceholders(credentials);
  if (placeholders.length > 0) return { kind: 'basic-placeholder', placeholders };
  if (credentials === '') return { kind: 'basic-invalid', reason: 'the Basic value is empty' };
  const bytes = base64ToBytes(credentials);
  if (bytes === undefined)
    return { kind: 'basic-invalid', reason: 'the Basic value is not base64' };
  const utf8 = decodeUtf8Strict(bytes);
  // RFC 7617 leaves the charset open; Latin-1 is the historical default when UTF-8 fails.
  const text = utf8.ok ? utf8.text : bytesToLatin1(bytes);
  const colon = text.indexOf(':');
  if (colon < 0) {
    return {
      kind: 'basic-invalid',
      reason: 'the decoded Basic value has no ":" between id and secret',
    };
  }
  return {
    kind: 'basic',
    auth: {
      user: text.slice(0, colon),
      password: text.slice(colon + 1),
      source: 'authorization-header',
      trailingNewline: /\r?\n$/.test(text),
    },
    latin1: !utf8.ok,
  };
}

/** Split a -u/--user value the way curl does: at the first colon. */
export function readUserOption(value: string): { auth: CurlBasicAuth; passwordMissing: boolean } {
  const colon = value.indexOf(':');
  const user = colon < 0 ? value : value.slice(0, colon);
  const password = colon < 0 ? '' : value.slice(colon + 1);
  return {
    auth: { user, password, source: 'user-option', trailingNewline: /\n$/.test(password) },
    passwordMissing: colon < 0,
  };
}
