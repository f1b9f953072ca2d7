import { bytesToBase64, utf8Bytes } from '../curl/encoding.js';
import type { CurlRequest } from '../curl/types.js';
import { paramsFromUrl } from './query.js';
import {
  httpMethods,
  MAX_RESPONSE_BYTES_CEILING,
  requestDraftSchema,
  type HttpMethod,
  type RequestDraft,
  type Row,
  type VariableInfo,
} from './schemas.js';

/** The composer draft a pasted curl command describes, and what the user should know about it. */
export type CurlImport =
  { ok: true; draft: RequestDraft; notes: string[] } | { ok: false; message: string; hint: string };

/** UTF-8 then base64 (shared/ has no btoa or TextEncoder). */
export function base64Utf8(text: string): string {
  return bytesToBase64(utf8Bytes(text));
}

/**
 * Put base URL variables back into an imported URL: `https://apicentral.axway.com/apis/…`
 * becomes `{{baseUrl.central}}/apis/…` when the connection points that name at that host.
 */
export function templatizeUrl(url: string, variables: readonly VariableInfo[]): string {
  const bases = variables
    .filter((v) => v.name === 'baseUrl' || v.name.startsWith('baseUrl.'))
    .filter((v) => v.value !== '')
    // Longest value first; among equal values a named one (in the connection's order) beats
    // plain `baseUrl` (Array.prototype.sort is stable).
    .sort(
      (a, b) =>
        b.value.length - a.value.length ||
        Number(a.name === 'baseUrl') - Number(b.name === 'baseUrl'),
    );
  for (const base of bases) {
    const prefix = base.value.replace(/\/+$/, '');
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
      return `{{${base.name}}}${url.slice(prefix.length)}`;
    }
  }
  return url;
}

const mediaType = (value: string | undefined): string =>
  (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Map a parsed curl command onto a composer draft (pure). */
export function draftFromCurl(
  request: CurlRequest,
  variables: readonly VariableInfo[] = [],
): CurlImport {
  const method = request.method.toUpperCase();
  if (!(httpMethods as readonly string[]).includes(method)) {
    return {
      ok: false,
      message: `The method ${method} is not one the composer sends.`,
      hint: `Use one of ${httpMethods.join(', ')}.`,
    };
  }
  const notes: string[] = [];
  const url = templatizeUrl(request.url, variables);
  if (url !== request.url)
    notes.push(`The URL now starts with ${url.slice(0, url.indexOf('}}') + 2)}.`);
  let auth: RequestDraft['auth'] = { type: 'connection' };
  const headers: Row[] = [];
  for (const header of request.headers) {
    const lower = header.name.toLowerCase();
    if (lower === 'authorization') {
      // A command exported by Grantline has the marker where the token was: send the connection's.
      if (/^\s*bearer\s+\[redacted\]\s*$/i.test(header.value)) {
        notes.push('The redacted Bearer token was left out: the connection’s own token is sent.');
        continue;
      }
      // The command's own credential is what it sends: never swap in the connection's token unasked.
      auth = { type: 'header', name: header.name, value: header.value };
      notes.push(
        /^\s*bearer\s/i.test(header.value)
          ? 'The command’s Bearer token was kept as a custom Authorization header (it is never stored). Choose “Connection token” under Auth to send the connection’s own token instead.'
          : 'The Authorization header became a custom auth header (it is never stored).',
      );
      continue;
    }
    headers.push({ name: header.name, value: header.value, enabled: true });
  }
  if (request.basicAuth?.source === 'user-option') {
    const { user, password } = request.basicAuth;
    auth = {
      type: 'header',
      name: 'Authorization',
      value: `Basic ${base64Utf8(`${user}:${password}`)}`,
    };
    notes.push('-u credentials became a Basic Authorization header (it is never stored).');
  }

  const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type');
  const dropContentType = (): void => {
    if (contentType !== undefined) headers.splice(headers.indexOf(contentType), 1);
  };
  let body: RequestDraft['body'] = { mode: 'none', text: '', form: [], contentType: 'text/plain' };
  if (request.body !== undefined) {
    const type = mediaType(contentType?.value);
    if (request.body.kind === 'form') {
      body = {
        mode: 'form',
        text: '',
        form: (request.body.params ?? []).map((p) => ({ ...p, enabled: true })),
        contentType: 'text/plain',
      };
      if (type === 'application/x-www-form-urlencoded') dropContentType();
    } else if (request.body.kind === 'json') {
      body = { mode: 'json', text: request.body.text, form: [], contentType: 'text/plain' };
      if (type === 'application/json') dropContentType();
    } else {
      body = {
        mode: 'raw',
        text: request.body.text,
        form: [],
        contentType: contentType?.value ?? 'text/plain',
      };
      dropContentType();
    }
  }
  if (request.insecure) {
    notes.push('-k/--insecure was ignored: requests use the TLS settings of the connection.');
  }
  const draft = requestDraftSchema.parse({
    method: method as HttpMethod,
    url,
    params: paramsFromUrl(url),
    headers,
    body,
    auth,
    ...(request.timeoutSeconds !== undefined
      ? { timeoutMs: Math.min(900_000, Math.max(1_000, Math.round(request.timeoutSeconds * 1000))) }
      : {}),
    ...(request.maxFileSizeBytes !== undefined
      ? {
          maxResponseBytes: Math.min(
            MAX_RESPONSE_BYTES_CEILING,
            Math.max(1024, request.maxFileSizeBytes),
          ),
        }
      : {}),
  });
  return { ok: true, draft, notes };
}
