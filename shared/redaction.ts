/**
 * The one place that decides what is a credential and how it is hidden, for everything that
 * shows or keeps text that could hold one: the HTTP exchange view, token errors and status
 * events, inspector errors, history, saved requests, snippets and logs. One marker, one list of
 * sensitive names, and one list of the encodings a secret can come back in.
 */

import { bytesToBase64, formEncode, utf8Bytes } from './curl/encoding.js';
import { paramsFromUrl, urlWithParams } from './requests/query.js';
import type { RequestDraft, Row } from './requests/schemas.js';

/** What replaces a credential everywhere. */
export const REDACTED = '[redacted]';

// Names (headers, params, form fields, JSON keys, variables) whose values are credentials.
const SENSITIVE_NAME =
  /authori[sz]ation|token|secret|passw(?:or)?d|pwd|api[-_.]?key|[-_.]key$|^key$|cookie|session|credential|signature|^sig$|assertion|^jwt$|^code$|^code_verifier$/i;
// Names the list above catches that only describe a credential, and are worth seeing.
const DESCRIPTIVE_NAME =
  /^(token_type|issued_token_type|requested_token_type|subject_token_type|actor_token_type|[\w-]*_endpoint(_[\w-]+)?|[\w-]*expires_in)$/i;
// A Bearer/Basic/Token credential value, or a compact JWS/JWE.
const TOKEN_LIKE = /^\s*(?:bearer|basic|token)\s+\S+|eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/i;
// Compact JWS/JWE anywhere in text (three or five base64url segments starting with eyJ).
const JWT_IN_TEXT = /eyJ[\w-]{4,}\.[\w-]*\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g;

/** Secrets shorter than this are hidden only where they are a whole value, never inside text. */
export const SHORTEST_SECRET_IN_TEXT = 4;

/** True when a header, param, field, JSON key or variable with this name holds a credential. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !DESCRIPTIVE_NAME.test(name);
}

/** True when a value looks like a credential whatever its name (a Bearer/Basic value, a JWT). */
export function looksLikeCredential(value: string): boolean {
  return TOKEN_LIKE.test(value);
}

/** A secret to hide, with the client ID it is sent with in HTTP Basic (`id:secret`), if any. */
export interface SecretToHide {
  value: string;
  clientId?: string | undefined;
}

const base64url = (b64: string): string =>
  b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

// How HTML escapers write the five specials: named (two ways for the apostrophe), all decimal,
// all hexadecimal.
const HTML_ENTITY_STYLES: Record<string, string>[] = [
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' },
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' },
  { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' },
  { '&': '&#38;', '<': '&#60;', '>': '&#62;', '"': '&#34;', "'": '&#39;' },
  { '&': '&#x26;', '<': '&#x3c;', '>': '&#x3e;', '"': '&#x22;', "'": '&#x27;' },
  { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;', '"': '&#x22;', "'": '&#x27;' },
];

/**
 * Base64 of `text` at each of the three byte alignments, without the edge groups that mix in
 * neighbouring bytes: what is left is found inside any longer base64 that contains `text`.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const b64 = bytesToBase64(padded);
    const core = b64.slice(shift === 0 ? 0 : 4, -4);
    if (core.length >= 8) cores.push(core, base64url(core));
  }
  return cores;
}

/**
 * Every form a secret can come back in: plain, JSON-escaped, URL- and form-encoded, HTML
 * entities, hex, base64 and base64url (of the secret, and of `id:secret` as HTTP Basic sends it).
 * Longest first, so a longer form is replaced before a shorter one inside it.
 */
export function secretForms(secret: SecretToHide): string[] {
  const { value, clientId } = secret;
  if (value === '') return [];
  const forms = new Set<string>([
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    formEncode(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
  ]);
  for (const style of HTML_ENTITY_STYLES) {
    forms.add(value.replace(/[&<>"']/g, (c) => style[c] ?? c));
  }
  const bytes = utf8Bytes(value);
  forms.add(hex(bytes));
  forms.add(hex(bytes).toUpperCase());
  const encodings = [value, formEncode(value), encodeURIComponent(value)];
  if (clientId !== undefined) {
    encodings.push(
      `${clientId}:${value}`,
      `${formEncode(clientId)}:${formEncode(value)}`,
      `${encodeURIComponent(clientId)}:${encodeURIComponent(value)}`,
    );
  }
  for (const text of encodings) {
    const b64 = bytesToBase64(utf8Bytes(text));
    forms.add(b64);
    forms.add(b64.replace(/=+$/, ''));
    forms.add(base64url(b64));
  }
  if (value.length >= 6) for (const core of base64Cores(bytes)) forms.add(core);
  return [...forms].filter((f) => f !== '').sort((a, b) => b.length - a.length);
}

/** Every form of every secret, shortest secrets left out (they are only hidden as whole values). */
function formsInText(secrets: readonly SecretToHide[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.value.length < SHORTEST_SECRET_IN_TEXT) continue;
    for (const form of secretForms(secret)) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** True when `value` as a whole is one of the secrets, in any of its forms (any length). */
export function isSecretValue(value: string, secrets: readonly SecretToHide[]): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  return secrets.some((s) => s.value !== '' && secretForms(s).includes(trimmed));
}

/**
 * `text` with every form of every secret replaced by the marker. A secret under
 * SHORTEST_SECRET_IN_TEXT characters is replaced only when it is the whole text: inside other
 * text it would cut up unrelated words.
 */
export function redactSecrets(text: string, secrets: readonly SecretToHide[]): string {
  if (isSecretValue(text, secrets)) return REDACTED;
  let out = text;
  for (const form of formsInText(secrets)) out = out.split(form).join(REDACTED);
  return out;
}

/** Secrets and compact JWTs removed from free text (an error message, a log line, a page). */
export function redactText(text: string, secrets: readonly SecretToHide[]): string {
  return redactSecrets(text, secrets).replace(JWT_IN_TEXT, REDACTED);
}

/**
 * A parsed JSON value with every credential replaced before it is serialised again: values of
 * sensitive names, values that are a secret or look like a credential, and secrets inside any
 * other string. Redacting first and serialising after is what keeps a secret with `"` or `\`
 * from coming back JSON-escaped past the redaction.
 */
export function redactJsonValue(
  value: unknown,
  secrets: readonly SecretToHide[],
  key?: string,
): unknown {
  if (typeof value === 'string') {
    if (
      (key !== undefined && isSensitiveName(key) && value !== '') ||
      looksLikeCredential(value) ||
      isSecretValue(value, secrets)
    ) {
      return REDACTED;
    }
    return redactText(value, secrets);
  }
  if (Array.isArray(value)) return value.map((v) => redactJsonValue(v, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        redactJsonValue(v, secrets, k),
      ]),
    );
  }
  return value;
}

/** A form-encoded body with sensitive fields and secrets replaced, field by field. */
export function redactFormText(body: string, secrets: readonly SecretToHide[]): string {
  return body
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
      const decode = (text: string): string => {
        try {
          return decodeURIComponent(text.replace(/\+/g, ' '));
        } catch {
          return text;
        }
      };
      if (isSensitiveName(decode(rawName))) return `${rawName}=${REDACTED}`;
      if (
        eq >= 0 &&
        (isSecretValue(decode(rawValue), secrets) || isSecretValue(rawValue, secrets))
      ) {
        return `${rawName}=${REDACTED}`;
      }
      return redactText(pair, secrets);
    })
    .join('&');
}

/** A header value: the whole value for a sensitive name (the scheme kept for Authorization). */
export function redactHeaderValue(
  name: string,
  value: string,
  secrets: readonly SecretToHide[],
): string {
  if (/^(proxy-)?authorization$/i.test(name)) {
    // Keep the scheme: "Basic" vs "Bearer" is what the user needs to see.
    const scheme = /^\s*([A-Za-z][\w.~+-]*)\s/.exec(value)?.[1];
    return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
  }
  if (isSensitiveName(name) || isSecretValue(value, secrets)) return REDACTED;
  return redactText(value, secrets);
}

// What never goes to disk (history, saved requests, the last request per connection): values of
// headers, params, form fields, JSON keys and variables whose names say they are credentials, any
// value that looks like a bearer token or a JWT, and the custom auth header's value. Those are
// blanked rather than marked, so a reloaded draft has an empty field to fill in.

function scrubRows(rows: readonly Row[]): { rows: Row[]; changed: boolean } {
  let changed = false;
  const out = rows.map((row) => {
    if (row.value !== '' && (isSensitiveName(row.name) || looksLikeCredential(row.value))) {
      changed = true;
      return { ...row, value: '' };
    }
    return row;
  });
  return { rows: out, changed };
}

function scrubJson(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const r = scrubJson(item);
      changed ||= r.changed;
      return r.value;
    });
    return { value: out, changed };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (
        typeof item === 'string' &&
        item !== '' &&
        (isSensitiveName(key) || looksLikeCredential(item))
      ) {
        out[key] = '';
        changed = true;
      } else {
        const r = scrubJson(item);
        changed ||= r.changed;
        out[key] = r.value;
      }
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

function scrubJsonText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return looksLikeCredential(text) ? '' : text;
  }
  const r = scrubJson(parsed);
  if (!r.changed) return text;
  const indent = /^[[{]\s*\n(\s+)/.exec(text)?.[1];
  return JSON.stringify(r.value, null, indent ?? undefined);
}

/** The URL with the values of credential-like query params blanked. */
export function redactUrl(url: string): string {
  const params = paramsFromUrl(url);
  const { rows, changed } = scrubRows(params);
  return changed ? urlWithParams(url, rows) : url;
}

/** A copy of the draft that is safe to write to disk. */
export function redactDraft(draft: RequestDraft): RequestDraft {
  const params = scrubRows(draft.params);
  const url = redactUrl(draft.url);
  const body = { ...draft.body };
  body.form = scrubRows(draft.body.form).rows;
  if (body.mode === 'json' || body.text.trimStart().startsWith('{')) {
    body.text = scrubJsonText(body.text);
  } else if (looksLikeCredential(body.text)) {
    body.text = '';
  }
  if (body.graphql !== undefined) {
    // GraphQL variables are a JSON object like a JSON body: credential-like values are blanked.
    body.graphql = { ...body.graphql, variables: scrubJsonText(body.graphql.variables) };
  }
  return {
    ...draft,
    url,
    params: url === draft.url ? params.rows : paramsFromUrl(url, params.rows),
    headers: scrubRows(draft.headers).rows,
    body,
    auth: draft.auth.type === 'header' ? { ...draft.auth, value: '' } : draft.auth,
  };
}

/** User variables that may be stored: credential-like names and values are kept in memory only. */
export function storableVariables(rows: readonly Row[]): Row[] {
  return rows.filter((r) => !isSensitiveName(r.name) && !looksLikeCredential(r.value));
}

/**
 * `text` with every form of the given values replaced by the marker: secret variables filled in
 * at send time, which may appear in a URL, a header or an error.
 */
export function maskValues(text: string, values: Iterable<string>): string {
  const secrets = [...values].filter((value) => value !== '').map((value) => ({ value }));
  return secrets.length === 0 ? text : redactSecrets(text, secrets);
}
