import { curlEscape, formDecode, formEncode } from './encoding.js';
import type { CurlBody, NameValue } from './types.js';

/** A --data-urlencode argument after curl's rules, or the file it would read. */
export type UrlencodedPart = { ok: true; text: string } | { ok: false; file: string };

/**
 * Apply curl's --data-urlencode rules: `name=content` encodes only the content, `=content` and
 * plain `content` encode all of it, and `@file` / `name@file` read a file (which import cannot).
 * The first `=` wins; `@` counts only when there is no `=`.
 */
export function dataUrlencode(arg: string): UrlencodedPart {
  const eq = arg.indexOf('=');
  const at = eq < 0 ? arg.indexOf('@') : -1;
  if (at >= 0) return { ok: false, file: arg.slice(at + 1) };
  if (eq < 0) return { ok: true, text: curlEscape(arg) };
  const name = arg.slice(0, eq);
  const encoded = curlEscape(arg.slice(eq + 1));
  return { ok: true, text: name === '' ? encoded : `${name}=${encoded}` };
}

/** Split a form body into decoded fields; `malformed` when a `%` escape could not be decoded. */
export function parseFormParams(text: string): { params: NameValue[]; malformed: boolean } {
  const params: NameValue[] = [];
  let malformed = false;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = formDecode(rawName);
    const value = formDecode(rawValue);
    if (name === undefined || value === undefined) malformed = true;
    params.push({ name: name ?? rawName, value: value ?? rawValue });
  }
  return { params, malformed };
}

/** Serialise fields as a form body. */
export function formText(params: readonly NameValue[]): string {
  return params.map((p) => `${formEncode(p.name)}=${formEncode(p.value)}`).join('&');
}

function parsesAsJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** The media type of a Content-Type header value, lower-cased and without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  return contentType.split(';')[0]?.trim().toLowerCase();
}

/**
 * Decide how to read a body from its Content-Type and text. curl labels data without a
 * Content-Type as a form; JSON text is read as JSON anyway (with a note), since that is
 * what the author meant.
 */
export function classifyBody(
  text: string,
  contentType: string | undefined,
  notes: string[],
): CurlBody {
  const type = mediaType(contentType);
  if (type !== undefined && (type === 'application/json' || type.endsWith('+json'))) {
    if (parsesAsJson(text)) return { kind: 'json', text };
    notes.push('The Content-Type says JSON but the body is not valid JSON; kept it as raw text.');
    return { kind: 'raw', text };
  }
  if (type === 'application/x-www-form-urlencoded') return formBody(text, notes);
  if (type !== undefined) {
    notes.push(`Kept the ${type} body as raw text.`);
    return { kind: 'raw', text };
  }
  if (parsesAsJson(text)) {
    notes.push(
      'The body is JSON but no Content-Type was given, so curl would label it application/x-www-form-urlencoded; read it as JSON.',
    );
    return { kind: 'json', text };
  }
  if (!text.includes('=')) {
    notes.push('The body is neither form fields nor JSON; kept it as raw text.');
    return { kind: 'raw', text };
  }
  return formBody(text, notes);
}

function formBody(text: string, notes: string[]): CurlBody {
  const { params, malformed } = parseFormParams(text);
  if (malformed) notes.push('Some form fields contain a malformed % escape; kept them as written.');
  return { kind: 'form', text, params };
}
