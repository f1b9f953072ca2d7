import { controlIndex, headerNameProblem, headerValueProblem } from '../input-rules.js';
import type { RequestBuilder } from './apply-option.js';
import { readAuthorization, readUserOption } from './basic-auth.js';
import { classifyBody, formText } from './body.js';
import { findPlaceholders } from './placeholders.js';
import type { CurlBody, CurlParseResult, CurlRequest, NameValue } from './types.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

function lastHeader(headers: readonly NameValue[], name: string): NameValue | undefined {
  const lower = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === lower).at(-1);
}

/** Apply curl's defaults and cross-option rules, and turn the builder into a result. */
export function finishRequest(b: RequestBuilder): CurlParseResult {
  const [first, ...others] = b.urls;
  if (first === undefined || first.trim() === '') {
    return {
      ok: false,
      error: {
        message: 'The curl command has no URL.',
        hint: 'Add the URL to the command (usually its last word, in quotes), or pass it with --url.',
      },
    };
  }
  for (const extra of others) {
    b.unsupported.push({
      option: extra,
      reason:
        'curl would request this URL as well; only the first URL is imported. If this word belongs to an option, check its quoting.',
    });
  }
  let url = first.trim();
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    url = `http://${url}`;
    b.notes.push(
      'The URL has no scheme; curl assumes http://, and so does the import. Use https:// if the server supports it.',
    );
  } else if (scheme !== 'http' && scheme !== 'https') {
    return {
      ok: false,
      error: {
        message: `The URL uses ${scheme}://, and Grantline imports http and https requests only.`,
        hint: 'Check that the URL is the API or token endpoint, starting with https://.',
      },
    };
  }

  const controlAt = controlIndex(url);
  if (controlAt >= 0) {
    const control = url.charAt(controlAt);
    return {
      ok: false,
      error: {
        message: `The URL contains ${/[\r\n]/.test(control) ? 'a line break' : 'a control character'} (U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}), which no URL may hold.`,
        hint: "Check the quoting around the URL: a $'…' string or a stray line continuation can put one there.",
      },
    };
  }
  dropInvalidHeaders(b);

  const dataText = b.data.map((d, i) => (i === 0 ? d.text : d.joiner + d.text)).join('');
  const hasData = b.data.length > 0;
  if (hasData && b.form.length > 0) {
    b.unsupported.push({
      option: '-F/--form',
      reason: 'curl refuses to mix -F with -d/--data; the -F fields were not imported.',
    });
    b.form = [];
  }
  if (b.json) {
    if (lastHeader(b.headers, 'Content-Type') === undefined) {
      b.headers.push({ name: 'Content-Type', value: 'application/json' });
    }
    if (lastHeader(b.headers, 'Accept') === undefined) {
      b.headers.push({ name: 'Accept', value: 'application/json' });
    }
  }

  let body: CurlBody | undefined;
  if (b.get && hasData) {
    url += (url.includes('?') ? '&' : '?') + dataText;
    b.notes.push(
      '-G/--get: the data was appended to the URL query instead of being sent as a body.',
    );
  } else if (hasData) {
    body = classifyBody(dataText, lastHeader(b.headers, 'Content-Type')?.value, b.notes);
  } else if (b.form.length > 0) {
    body = { kind: 'form', text: formText(b.form), params: b.form };
    b.notes.push(
      '-F/--form: curl would send multipart/form-data; imported the fields as a form body, which token endpoints expect.',
    );
  }

  const method = b.method ?? (b.head ? 'HEAD' : body !== undefined ? 'POST' : 'GET');
  if (b.method === undefined) {
    b.notes.push(`No -X/--request: the method is ${method}, as curl would choose.`);
  }

  const request: CurlRequest = {
    method,
    url,
    headers: b.headers,
    insecure: b.insecure,
    followRedirects: b.follow,
    compressed: b.compressed,
  };
  if (body !== undefined) request.body = body;
  if (b.timeoutSeconds !== undefined) request.timeoutSeconds = b.timeoutSeconds;
  if (b.connectTimeoutSeconds !== undefined) {
    request.connectTimeoutSeconds = b.connectTimeoutSeconds;
  }
  if (b.maxFileSizeBytes !== undefined) request.maxFileSizeBytes = b.maxFileSizeBytes;
  if (b.caCert !== undefined) request.caCert = b.caCert;
  if (b.clientCert !== undefined) {
    request.clientCert = b.clientCert;
    if (b.clientCert.certFile === undefined) {
      b.unsupported.push({ option: '--key', reason: 'A private key without --cert is not used.' });
    }
  }
  readCredentials(b, request);

  const urlPlaceholders = findPlaceholders(url);
  if (urlPlaceholders.length > 0) {
    b.notes.push(`The URL contains placeholders to fill in: ${urlPlaceholders.join(', ')}.`);
  }
  return { ok: true, request, notes: [...new Set(b.notes)], unsupported: b.unsupported };
}

/**
 * Headers HTTP could not send as written (a CR/LF would smuggle in another header, a name with a
 * space is not a header) are listed as not imported instead of being carried into a form where a
 * line break would split them in two.
 */
function dropInvalidHeaders(b: RequestBuilder): void {
  b.headers = b.headers.filter((h) => {
    const problem = headerNameProblem(h.name) ?? headerValueProblem(h.value, h.name);
    if (problem === undefined) return true;
    b.unsupported.push({ option: `-H ${JSON.stringify(h.name.slice(0, 40))}`, reason: problem });
    return false;
  });
}

/** Basic credentials from -u and the Authorization header; the header wins, as in curl. */
function readCredentials(b: RequestBuilder, request: CurlRequest): void {
  if (b.user !== undefined) {
    const { auth, passwordMissing } = readUserOption(b.user);
    request.basicAuth = auth;
    if (passwordMissing) {
      b.notes.push(
        '-u/--user has no ":password"; curl would prompt for it. Enter the secret in the wizard.',
      );
    }
  }
  const header = lastHeader(b.headers, 'Authorization');
  if (header === undefined) return;
  const reading = readAuthorization(header.value);
  switch (reading.kind) {
    case 'basic':
      if (b.user !== undefined) {
        b.notes.push(
          'Both -u and an Authorization header were given; curl sends the header, so its credentials are used.',
        );
      }
      request.basicAuth = reading.auth;
      b.notes.push('Authorization: Basic header decoded into client id and secret.');
      if (reading.latin1)
        b.notes.push('The Basic credentials are not UTF-8; read them as Latin-1.');
      if (reading.auth.trailingNewline) {
        b.notes.push(
          'The decoded Basic credentials end with a newline, as `echo "id:secret" | base64` produces (echo adds it; use echo -n or printf).',
        );
      }
      return;
    case 'basic-placeholder':
      b.notes.push(
        `The Authorization: Basic value is a placeholder (${reading.placeholders.join(', ')}); enter the client id and secret instead.`,
      );
      return;
    case 'basic-invalid':
      b.unsupported.push({
        option: 'Authorization: Basic',
        reason: `Could not decode it: ${reading.reason}.`,
      });
      return;
    case 'bearer':
      b.notes.push(
        reading.placeholders.length > 0
          ? `Authorization: Bearer uses ${reading.placeholders.join(', ')}; the connection's token replaces it.`
          : "Authorization: Bearer header with a fixed token; the connection's token replaces it.",
      );
      return;
    case 'other':
      b.notes.push(
        `Authorization header with the ${reading.scheme} scheme kept as a plain header.`,
      );
      return;
  }
}
