import type { z } from 'zod';
import type { httpExchangeSchema } from '#shared/ipc/tokens-channels.js';
import {
  REDACTED,
  redactFormText,
  redactHeaderValue,
  redactJsonValue,
  redactText,
  isSensitiveName,
  type SecretToHide,
} from '#shared/redaction.js';
import type { HttpResponse } from '../http/send.js';
import { getByPointer } from './json-pointer.js';
import type { TokenHttpRequest } from './request-builder.js';
import type { TokenRequestSpec } from './token-request-spec.js';

// Shapes a token request and its answer for the connection test. Every decision about what is a
// credential and how it is hidden is the shared redaction module's; this file only walks the
// exchange.

/**
 * The token request and its answer as the connection test shows them: every credential and every
 * token replaced by the marker, bodies truncated. Safe to send to the renderer.
 */
export type RedactedExchange = z.output<typeof httpExchangeSchema>;

/** Bodies beyond this many characters are cut (token answers are small; errors may be pages). */
export const exchangeBodyLimit = 4096;

/** The secrets a token request carries, as the redaction module takes them. */
export function secretsOfSpec(spec: TokenRequestSpec): SecretToHide[] {
  const out: SecretToHide[] = [];
  if (spec.clientSecret) out.push({ value: spec.clientSecret, clientId: spec.clientId });
  if (spec.privateKey?.key) out.push({ value: spec.privateKey.key });
  if (spec.tls.clientKeyPem) out.push({ value: spec.tls.clientKeyPem });
  return out;
}

function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly SecretToHide[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = redactHeaderValue(name, value, secrets);
  }
  return out;
}

function redactUrl(url: string, secrets: readonly SecretToHide[]): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactText(url, secrets);
  }
  for (const [name] of [...parsed.searchParams]) {
    if (isSensitiveName(name)) parsed.searchParams.set(name, REDACTED);
  }
  return redactText(parsed.toString(), secrets);
}

/** JSON is redacted as values, before it is serialised again; anything else as text. */
function redactBody(text: string, secrets: readonly SecretToHide[], form: boolean): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) {
      return redactText(JSON.stringify(redactJsonValue(parsed, secrets), null, 2), secrets);
    }
  } catch {
    // Not JSON: form fields, an HTML page or plain text.
  }
  return form ? redactFormText(text, secrets) : redactText(text, secrets);
}

function redactResponseBody(
  response: HttpResponse,
  spec: TokenRequestSpec,
  secrets: readonly SecretToHide[],
): { body: string; truncated: boolean } {
  const text = response.body.toString('utf8');
  let hidden = secrets;
  try {
    const parsed: unknown = JSON.parse(text);
    const token = getByPointer(parsed, spec.responseMapping.accessToken ?? '/access_token');
    // The token may sit under a name that says nothing (a preset's mapping): hide it by value.
    if (typeof token === 'string' && token !== '') hidden = [...secrets, { value: token }];
  } catch {
    // Not JSON.
  }
  const redacted = redactBody(text, hidden, false);
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
  const secrets = secretsOfSpec(spec);
  const contentType = request.headers['content-type'] ?? '';
  return {
    request: {
      method: request.method,
      url: redactUrl(request.url.toString(), secrets),
      headers: redactHeaders(request.headers, secrets),
      body: redactBody(request.body, secrets, !/json/i.test(contentType)),
    },
    response:
      response === undefined
        ? null
        : {
            status: response.status,
            headers: redactHeaders(response.headers, secrets),
            ...redactResponseBody(response, spec, secrets),
            durationMs: response.durationMs,
          },
  };
}
