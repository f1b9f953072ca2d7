import { paramsFromUrl, urlWithParams } from './query.js';
import { formEncode } from './resolve.js';
import type { RequestDraft, Row } from './schemas.js';

/**
 * What never goes to disk (history, saved requests, the last request per connection): values of
 * headers, params, form fields, JSON keys and variables whose names say they are credentials, any
 * value that looks like a bearer token or a JWT, and the custom auth header's value.
 */

const SENSITIVE_NAME =
  /authori[sz]ation|token|secret|passw(?:or)?d|pwd|api[-_.]?key|[-_.]key$|^key$|cookie|session|credential|signature|^sig$|assertion/i;
const TOKEN_LIKE = /^\s*(?:bearer|basic|token)\s+\S+|eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/i;

/** True when a header, param, field or variable with this name holds a credential. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

/** True when a value looks like a credential whatever its name (a Bearer/Basic value, a JWT). */
export function looksLikeCredential(value: string): boolean {
  return TOKEN_LIKE.test(value);
}

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

/** What stands in for a secret variable's value in anything shown or stored. */
const MASK = '••••••';

/**
 * `text` with every occurrence of the given values (as typed, and percent-encoded as they appear
 * in a URL) replaced by MASK: for secret variables filled in at send time.
 */
export function maskValues(text: string, values: Iterable<string>): string {
  let out = text;
  const forms = new Set<string>();
  for (const value of values) {
    if (value === '') continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(formEncode(value));
  }
  // Longest first, so a value that contains another is masked whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join(MASK);
  }
  return out;
}
