import type { z } from 'zod';
import type { httpExchangeSchema } from '#shared/ipc/tokens-channels.js';
import type { HttpResponse } from '../http/send.js';
import { getByPointer } from './json-pointer.js';
import type { TokenHttpRequest } from './request-builder.js';
import { redactCredentials } from './token-errors.js';
import type { TokenRequestSpec } from './token-request-spec.js';

/**
 * The token request and its answer as the connection test shows them: every credential and every
 * token replaced by a marker, bodies truncated. Safe to send to the renderer.
 */
export type RedactedExchange = z.output<typeof httpExchangeSchema>;

export const REDACTED = '[redacted]';
/** Bodies beyond this many characters are cut (token answers are small; errors may be pages). */
export const exchangeBodyLimit = 4096;

// Request parameters and response fields that carry a credential or a token.
const sensitiveParam =
  /^(client_secret|client_assertion|password|refresh_token|assertion|code|code_verifier|subject_token|actor_token)$/i;
const sensitiveField =
  /^(access_token|refresh_token|id_token|token|client_secret|secret|password|assertion|client_assertion|session_token|jwt)$/i;
const sensitiveHeader =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$/i;
// Compact JWS/JWE anywhere in text (three or five base64url segments starting with eyJ).
const jwtLike = /eyJ[\w-]{4,}\.[\w-]*\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g;

function redactText(text: string, spec: TokenRequestSpec): string {
  return redactCredentials(text, spec).replace(jwtLike, '[redacted token]');
}

function tokenMarker(value: string): string {
  return `[redacted: ${value.length} characters]`;
}

function redactHeaders(
  headers: Record<string, string>,
  spec: TokenRequestSpec,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (/^(proxy-)?authorization$/i.test(name)) {
      // Keep the scheme: "Basic" vs "Bearer" is what the user needs to see.
      const scheme = /^\s*([A-Za-z][\w.~+-]*)\s/.exec(value)?.[1];
      out[name] = scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
    } else if (sensitiveHeader.test(name)) {
      out[name] = REDACTED;
    } else {
      out[name] = redactText(value, spec);
    }
  }
  return out;
}

function redactJson(value: unknown, key: string | undefined, tokenValue: unknown): unknown {
  if (typeof value === 'string') {
    if ((key !== undefined && sensitiveField.test(key)) || value === tokenValue) {
      return tokenMarker(value);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, undefined, tokenValue));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        redactJson(v, k, tokenValue),
      ]),
    );
  }
  return value;
}

function redactFormBody(body: string): string {
  return body
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // Not valid form encoding: judge the raw name.
      }
      return sensitiveParam.test(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join('&');
}

function redactRequestBody(body: string, contentType: string, spec: TokenRequestSpec): string {
  if (/json/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      const redacted =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? Object.fromEntries(
              Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [
                k,
                sensitiveParam.test(k) ? REDACTED : v,
              ]),
            )
          : parsed;
      return redactText(JSON.stringify(redacted, null, 2), spec);
    } catch {
      return redactText(body, spec);
    }
  }
  return redactText(redactFormBody(body), spec);
}

function redactResponseBody(
  response: HttpResponse,
  spec: TokenRequestSpec,
): { body: string; truncated: boolean } {
  const text = response.body.toString('utf8');
  let shown = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      const pointer = spec.responseMapping.accessToken ?? '/access_token';
      const tokenValue = getByPointer(parsed, pointer);
      shown = JSON.stringify(redactJson(parsed, undefined, tokenValue), null, 2);
    }
  } catch {
    // Not JSON (an HTML page, plain text): shown as text, redacted below.
  }
  const redacted = redactText(shown, spec);
  return redacted.length > exchangeBodyLimit
    ? { body: redacted.slice(0, exchangeBodyLimit), truncated: true }
    : { body: redacted, truncated: false };
}

/** Describe one token request and its answer with every secret and token removed. */
export function redactExchange(
  request: TokenHttpRequest,
  response: HttpResponse | undefined,
  spec: TokenRequestSpec,
): RedactedExchange {
  const contentType = request.headers['content-type'] ?? '';
  return {
    request: {
      method: request.method,
      url: redactText(request.url.toString(), spec),
      headers: redactHeaders(request.headers, spec),
      body: redactRequestBody(request.body, contentType, spec),
    },
    response:
      response === undefined
        ? null
        : {
            status: response.status,
            headers: redactHeaders(response.headers, spec),
            ...redactResponseBody(response, spec),
            durationMs: response.durationMs,
          },
  };
}
