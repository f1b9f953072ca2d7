import { AppError } from '#shared/errors.js';
import type { CertificateInfo } from '../http/tls-trust.js';
import type { HttpResponse } from '../http/send.js';
import { computeExpiry, decodeClaims } from './expiry.js';
import { getByPointer, topLevelKey } from './json-pointer.js';
import { classifyTokenError, providerError, redactCredentials } from './token-errors.js';
import type { TokenRequestSpec } from './token-request-spec.js';
import type { TokenResult } from './token-result.js';

const sensitiveKey = /token|secret|password|assertion|key|code|credential|session_state/i;

function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]*>([^<]{1,200})/i.exec(text);
  return m?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 120);
}

function looksLikeHtml(contentType: string, text: string): boolean {
  return /html|xml/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);
}

/** Non-sensitive top-level fields worth showing (numbers, flags, short strings). */
function pickExtras(
  json: Record<string, unknown>,
  tokenKey: string | undefined,
): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    if (k === tokenKey || sensitiveKey.test(k)) continue;
    if (k === 'expires_in' || k === 'scope') continue;
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) extras[k] = v;
    else if (typeof v === 'string' && v.length <= 200) extras[k] = v;
  }
  return extras;
}

/** Whitespace never belongs in a bearer token; strip it only when that yields a readable JWT. */
function cleanToken(raw: string, warnings: string[]): string {
  const trimmed = raw.trim();
  if (!/\s/.test(trimmed)) return trimmed;
  const compact = trimmed.replace(/\s+/g, '');
  if (decodeClaims(compact) !== undefined) {
    warnings.push('The token contained whitespace, which was removed (it is a JWT without it).');
    return compact;
  }
  warnings.push('The token contains whitespace; the server may reject it.');
  return trimmed;
}

function normalizeTokenType(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return 'Bearer';
  const t = value.trim();
  // RFC 6749 §5.1: token_type is case-insensitive, and Keycloak says "bearer".
  return t.toLowerCase() === 'bearer' ? 'Bearer' : t;
}

/**
 * Turn the token endpoint's answer into a TokenResult, or an AppError with a category and a hint:
 * standard OAuth2 fields, AppViewX-style `response`/`appStatusCode`, or any mapping by JSON pointer.
 */
export function normalizeTokenResponse(
  res: HttpResponse,
  spec: TokenRequestSpec,
  context: {
    obtainedAt: number;
    peerCertificate?: CertificateInfo | undefined;
    insecureTls: boolean;
  },
): TokenResult {
  const text = res.body.toString('utf8');
  const contentType = res.headers['content-type'] ?? '';
  const isHtml = looksLikeHtml(contentType, text);
  let json: unknown;
  let parsed = false;
  if (!isHtml && text.trim() !== '') {
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  const ok = res.status >= 200 && res.status < 300;
  if (!ok) {
    throw classifyTokenError(
      { status: res.status, headers: res.headers, json, htmlTitle: htmlTitle(text), isHtml },
      spec,
    );
  }
  if (!parsed || typeof json !== 'object' || json === null || Array.isArray(json)) {
    const title = isHtml ? htmlTitle(text) : undefined;
    const what = isHtml
      ? `an HTML page${title !== undefined ? ` ("${redactCredentials(title, spec)}")` : ''}`
      : text.trim() === ''
        ? 'an empty body'
        : parsed
          ? 'JSON that is not an object'
          : 'text that is not valid JSON';
    throw new AppError(
      'malformed_response',
      `The token endpoint answered with ${what}, not a token.`,
      {
        hint: isHtml
          ? 'Is this the token endpoint? A login or error page usually means a wrong path or host.'
          : 'Is this the token endpoint? Token responses are JSON objects.',
        status: res.status,
        details: { contentType },
      },
    );
  }
  const body = json as Record<string, unknown>;
  const tokenPointer = spec.responseMapping.accessToken ?? '/access_token';
  const token = getByPointer(body, tokenPointer);
  if (typeof token !== 'string' || token.trim() === '') {
    const { code } = providerError(body, spec);
    if (code !== undefined) {
      throw classifyTokenError(
        { status: res.status, headers: res.headers, json, htmlTitle: undefined, isHtml },
        spec,
      );
    }
    throw new AppError(
      'malformed_response',
      `The response has no access token at ${tokenPointer}.`,
      {
        hint: 'If this provider puts the token in another field, set the token field of the connection to its JSON pointer (for example /response or /data/access_token).',
        status: res.status,
        details: { fields: Object.keys(body).slice(0, 30) },
      },
    );
  }
  const warnings: string[] = [];
  const accessToken = cleanToken(token, warnings);
  const claims = decodeClaims(accessToken);
  const mapping = spec.responseMapping;
  const expiry = computeExpiry(
    {
      expiresIn: getByPointer(body, mapping.expiresIn ?? '/expires_in'),
      expiresAt: getByPointer(body, mapping.expiresAt ?? '/expires_at'),
      claims,
    },
    context.obtainedAt,
  );
  const scopeValue = getByPointer(body, mapping.scope ?? '/scope');
  const scope =
    typeof scopeValue === 'string'
      ? scopeValue
      : Array.isArray(scopeValue)
        ? scopeValue.filter((s) => typeof s === 'string').join(' ')
        : spec.scope;
  return {
    accessToken,
    tokenType: normalizeTokenType(getByPointer(body, mapping.tokenType ?? '/token_type')),
    scope: scope === '' ? undefined : scope,
    expiresIn: expiry.expiresIn,
    expiresAt: expiry.expiresAt,
    expirySource: expiry.source,
    obtainedAt: context.obtainedAt,
    claims,
    extras: pickExtras(body, topLevelKey(tokenPointer)),
    warnings,
    peerCertificate: context.peerCertificate,
    insecureTls: context.insecureTls,
  };
}
