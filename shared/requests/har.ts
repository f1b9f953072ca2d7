import { REDACTED } from '../redaction.js';
import { decodeComponent, parseQuery, splitQuery } from './query.js';
import type { ResolvedRequest } from './resolve.js';
import type { SnippetTarget } from './schemas.js';
import { formEncode } from './resolve.js';

/** The HAR 1.2 request object code generators read (only the fields they use). */
export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: { name: string; value: string }[];
  queryString: { name: string; value: string }[];
  cookies: { name: string; value: string }[];
  headersSize: number;
  bodySize: number;
  postData?: {
    mimeType: string;
    text?: string;
    params?: { name: string; value: string }[];
  };
}

/** Each snippet language the composer offers, with its label. */
export const snippetTargets: readonly { id: SnippetTarget; label: string }[] = [
  { id: 'shell:curl', label: 'curl' },
  { id: 'javascript:fetch', label: 'JavaScript (fetch)' },
  { id: 'node:fetch', label: 'Node.js (fetch)' },
  { id: 'python:requests', label: 'Python (requests)' },
  { id: 'go:native', label: 'Go (net/http)' },
  { id: 'java:nethttp', label: 'Java (HttpClient)' },
  { id: 'csharp:httpclient', label: 'C# (HttpClient)' },
  { id: 'php:guzzle', label: 'PHP (Guzzle)' },
  { id: 'powershell:restmethod', label: 'PowerShell' },
  { id: 'shell:httpie', label: 'HTTPie' },
];

/** Decode an `application/x-www-form-urlencoded` text into fields (`+` is a space here). */
export function parseFormText(text: string): { name: string; value: string }[] {
  if (text === '') return [];
  return text
    .split('&')
    .filter((p) => p !== '')
    .map((piece) => {
      const eq = piece.indexOf('=');
      const name = eq >= 0 ? piece.slice(0, eq) : piece;
      const value = eq >= 0 ? piece.slice(eq + 1) : '';
      return {
        name: decodeComponent(name.replace(/\+/g, ' ')),
        value: decodeComponent(value.replace(/\+/g, ' ')),
      };
    });
}

export interface HarOptions {
  /**
   * The Authorization value for a connection-authenticated request ("Bearer …"), or null to show
   * the redaction marker. A custom auth header is redacted the same way unless `revealCustom`.
   */
  authorization: string | null;
  revealCustom: boolean;
  /**
   * curl gets the body exactly as Grantline sends it (`--data-binary`, pre-encoded form fields);
   * the language targets get the decoded form and a JSON mime type, so they write idiomatic code.
   */
  exactBody: boolean;
}

/** A HAR request for a resolved draft, with credentials redacted unless the options say not to. */
export function toHar(request: ResolvedRequest, options: HarOptions): HarRequest {
  const headers = request.headers.map((h) => ({ name: h.name, value: h.value }));
  if (request.auth.type === 'connection') {
    headers.unshift({
      name: 'Authorization',
      value: options.authorization ?? `Bearer ${REDACTED}`,
    });
  } else if (request.auth.type === 'header') {
    headers.unshift({
      name: request.auth.name,
      value: options.revealCustom ? request.auth.value : REDACTED,
    });
  }
  const { base, query } = splitQuery(request.url);
  const har: HarRequest = {
    method: request.method,
    url: base,
    httpVersion: 'HTTP/1.1',
    headers,
    queryString: (query === null ? [] : parseQuery(query)).map((r) => ({
      name: r.name,
      value: r.value,
    })),
    cookies: [],
    headersSize: -1,
    bodySize: -1,
  };
  const body = request.body;
  if (body !== null) {
    const mimeType =
      headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ??
      body.contentType ??
      'application/octet-stream';
    if (body.mode === 'form') {
      const fields = parseFormText(body.text);
      har.postData = {
        mimeType: 'application/x-www-form-urlencoded',
        params: options.exactBody
          ? fields.map((f) => ({ name: formEncode(f.name), value: formEncode(f.value) }))
          : fields,
      };
    } else {
      // An opaque mime type stops generators from re-formatting the text (curl pretty-prints JSON).
      har.postData = {
        mimeType: options.exactBody ? 'application/octet-stream' : mimeType,
        text: body.text,
      };
    }
  }
  return har;
}
