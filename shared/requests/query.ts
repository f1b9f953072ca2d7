import type { Row } from './schemas.js';

/**
 * Keeps the URL's query string and the params table in sync. The URL is what is sent; the table
 * shows decoded names and values, plus disabled rows, which exist only in the table. Editing the
 * URL re-reads the table from it; editing the table rewrites only the query part of the URL.
 * `{{variables}}` are never percent-encoded, and `+` stays a literal `+` (RFC 3986; only HTML forms
 * read it as a space).
 */

/** A URL cut into the part before `?`, the query (without `?`, null when absent) and `#…`. */
export interface UrlPieces {
  base: string;
  query: string | null;
  fragment: string;
}

/** Split a URL (which may contain `{{variables}}`) at its first `?` and `#`. */
export function splitQuery(url: string): UrlPieces {
  const hash = url.indexOf('#');
  const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const q = beforeHash.indexOf('?');
  if (q < 0) return { base: beforeHash, query: null, fragment };
  return { base: beforeHash.slice(0, q), query: beforeHash.slice(q + 1), fragment };
}

/** Percent-decode what decodes cleanly; malformed escapes are kept as written. */
export function decodeComponent(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

// Characters a query may hold as they are (RFC 3986 pchar, "/" and "?"), minus the separators.
const SAFE_IN_NAME = /[A-Za-z0-9\-._~!$'()*+,;:@/?]/;
const SAFE_IN_VALUE = /[A-Za-z0-9\-._~!$'()*+,;:@/?=]/;
const PLACEHOLDER = /\{\{\s*[A-Za-z_][\w.-]*\s*\}\}/g;

function encodePiece(text: string, safe: RegExp): string {
  let out = '';
  for (const ch of text) out += safe.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

/** Encode a decoded name or value for the query; `{{variables}}` are left alone. */
export function encodeQueryComponent(text: string, part: 'name' | 'value'): string {
  const safe = part === 'name' ? SAFE_IN_NAME : SAFE_IN_VALUE;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    out += encodePiece(text.slice(last, index), safe) + match[0];
    last = index + match[0].length;
  }
  return out + encodePiece(text.slice(last), safe);
}

/** Table rows from a query string (without `?`): decoded, enabled, in order; empty pieces skipped. */
export function parseQuery(query: string): Row[] {
  if (query === '') return [];
  const rows: Row[] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq >= 0 ? piece.slice(0, eq) : piece;
    const value = eq >= 0 ? piece.slice(eq + 1) : '';
    rows.push({ name: decodeComponent(name), value: decodeComponent(value), enabled: true });
  }
  return rows;
}

/** A query string (without `?`) from the enabled rows; blank rows are skipped. */
export function buildQuery(rows: readonly Row[]): string {
  return rows
    .filter((r) => r.enabled && (r.name !== '' || r.value !== ''))
    .map((r) => {
      const name = encodeQueryComponent(r.name, 'name');
      return r.value === '' ? name : `${name}=${encodeQueryComponent(r.value, 'value')}`;
    })
    .join('&');
}

/** The params table after the URL changed: the URL's params, then the disabled rows kept. */
export function paramsFromUrl(url: string, previous: readonly Row[] = []): Row[] {
  const { query } = splitQuery(url);
  const rows = query === null ? [] : parseQuery(query);
  return [...rows, ...previous.filter((r) => !r.enabled)];
}

/** The URL after the table changed: same base and fragment, query rebuilt from the enabled rows. */
export function urlWithParams(url: string, rows: readonly Row[]): string {
  const { base, fragment } = splitQuery(url);
  const query = buildQuery(rows);
  return query === '' ? base + fragment : `${base}?${query}${fragment}`;
}
