import { headerNameProblem, headerValueProblem } from '../input-rules.js';
import { urlTextProblem } from './draft-rules.js';
import { graphqlRequestText } from './graphql-body.js';
import { jsonSyntaxError } from './json-syntax.js';
import type { HttpMethod, RequestDraft, Row } from './schemas.js';
import { substitute } from './variables.js';

/** A header as it will be sent. */
export interface HeaderPair {
  name: string;
  value: string;
}

/** A draft with every variable filled in: what main sends (plus the token, which it adds). */
export interface ResolvedRequest {
  method: HttpMethod;
  url: string;
  /** The user's headers, including the Content-Type implied by the body mode. */
  headers: HeaderPair[];
  auth: { type: 'connection' } | { type: 'none' } | { type: 'header'; name: string; value: string };
  body: {
    text: string;
    contentType: string | null;
    mode: 'json' | 'form' | 'raw' | 'graphql';
  } | null;
}

/** Why a draft could not be resolved, in words and by field. */
export interface ResolveProblem {
  message: string;
  hint: string;
  missing: string[];
}

export type ResolveResult =
  { ok: true; request: ResolvedRequest } | { ok: false; error: ResolveProblem };

/** `application/x-www-form-urlencoded` encoding of one name or value (spaces as `+`). */
export function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The form body text for the enabled rows. */
export function formBodyText(rows: readonly Row[]): string {
  return rows
    .filter((r) => r.enabled && r.name !== '')
    .map((r) => `${formEncode(r.name)}=${formEncode(r.value)}`)
    .join('&');
}

function hasHeader(headers: readonly HeaderPair[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some((h) => h.name.toLowerCase() === lower);
}

/**
 * Fill in a draft's variables (pure). Unknown variables, header names that HTTP forbids, line
 * breaks in header values and JSON bodies that do not parse are reported instead of sent.
 */
export function resolveDraft(
  draft: RequestDraft,
  lookup: (name: string) => string | undefined,
): ResolveResult {
  const missing = new Set<string>();
  const fill = (text: string): string => {
    const result = substitute(text, lookup);
    for (const name of result.missing) missing.add(name);
    return result.text;
  };
  const url = fill(draft.url.trim());
  const headers: HeaderPair[] = draft.headers
    .filter((h) => h.enabled && h.name.trim() !== '')
    .map((h) => ({ name: fill(h.name.trim()), value: fill(h.value) }));
  let auth: ResolvedRequest['auth'] = draft.auth;
  if (draft.auth.type === 'header') {
    auth = { type: 'header', name: fill(draft.auth.name.trim()), value: fill(draft.auth.value) };
  }
  let body: ResolvedRequest['body'] = null;
  const sendsBody = draft.method !== 'GET' && draft.method !== 'HEAD';
  let graphqlProblem: string | undefined;
  if (draft.body.mode === 'graphql') {
    const graphql = draft.body.graphql ?? { query: '', variables: '', operationName: '' };
    // Variables are filled in the query too (a {{name}} never clashes with GraphQL's $name).
    const built = graphqlRequestText({
      query: fill(graphql.query),
      variables: fill(graphql.variables),
      operationName: fill(graphql.operationName),
    });
    if (built.ok) body = { text: built.text, contentType: 'application/json', mode: 'graphql' };
    else graphqlProblem = built.message;
  }
  if (draft.body.mode === 'json' && (sendsBody || draft.body.text.trim() !== '')) {
    body = { text: fill(draft.body.text), contentType: 'application/json', mode: 'json' };
  } else if (draft.body.mode === 'form') {
    const rows = draft.body.form.map((r) => ({ ...r, name: fill(r.name), value: fill(r.value) }));
    const text = formBodyText(rows);
    if (sendsBody || text !== '') {
      body = { text, contentType: 'application/x-www-form-urlencoded', mode: 'form' };
    }
  } else if (draft.body.mode === 'raw' && (sendsBody || draft.body.text !== '')) {
    body = {
      text: fill(draft.body.text),
      contentType: draft.body.contentType || null,
      mode: 'raw',
    };
  }

  if (missing.size > 0) {
    const names = [...missing];
    const list = names.map((n) => `{{${n}}}`).join(', ');
    return {
      ok: false,
      error: {
        message: `${names.length === 1 ? 'The variable' : 'The variables'} ${list} ${names.length === 1 ? 'has' : 'have'} no value.`,
        hint: 'Add it under Variables, or check its spelling against the connection’s variables.',
        missing: names,
      },
    };
  }
  if (url === '') {
    return fail('Enter the URL to call.', 'For example {{baseUrl}}/api/v1/items.');
  }
  const urlProblem = urlTextProblem(url);
  if (urlProblem !== undefined) {
    return fail(urlProblem, 'Check the URL and the variables it uses.');
  }
  if (!/^https?:\/\//i.test(url)) {
    return fail(
      `"${url.slice(0, 80)}" is not an http(s) URL.`,
      'Start the URL with https://, or with a base URL variable such as {{baseUrl}}.',
    );
  }
  if (draft.body.mode === 'graphql') {
    if (!sendsBody) {
      return fail(
        `A GraphQL request is sent as POST; this one is ${draft.method}.`,
        'Change the method to POST.',
      );
    }
    if (graphqlProblem !== undefined) {
      return fail(graphqlProblem, 'Fix it under Body › GraphQL, then send again.');
    }
  }
  const named = auth.type === 'header' ? [...headers, auth] : headers;
  // Checked after the variables are filled in: a variable's value can carry a line break too.
  for (const header of named) {
    const nameProblem = headerNameProblem(header.name);
    if (nameProblem !== undefined) {
      return fail(nameProblem, 'Fix the header under Headers (or Auth), then send again.');
    }
    const valueProblem = headerValueProblem(header.value, header.name);
    if (valueProblem !== undefined) {
      return fail(valueProblem, 'Fix the header, or the variable it uses, then send again.');
    }
  }
  if (body?.mode === 'json' && body.text.trim() !== '') {
    const syntax = jsonSyntaxError(body.text);
    if (syntax !== null) {
      return fail(
        `The JSON body is not valid at line ${syntax.line}, column ${syntax.column}: ${syntax.message}.`,
        'Fix the highlighted error, or switch the body to Raw to send it as it is.',
      );
    }
  }
  if (body !== null && body.contentType !== null && !hasHeader(headers, 'content-type')) {
    headers.push({ name: 'Content-Type', value: body.contentType });
  }
  return { ok: true, request: { method: draft.method, url, headers, auth, body } };
}

function fail(message: string, hint: string): ResolveResult {
  return { ok: false, error: { message, hint, missing: [] } };
}
