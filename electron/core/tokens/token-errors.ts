import { AppError } from '#shared/errors.js';
import { standardErrorHints, statusErrorHints } from '#shared/presets/standard-errors.js';
import type { ErrorHintRule } from '#shared/presets/types.js';
import { redactText } from '#shared/redaction.js';
import { secretsOfSpec } from './exchange-redaction.js';
import { getByPointer } from './json-pointer.js';
import type { TokenRequestSpec } from './token-request-spec.js';

/** Remove anything that could be the credential from text a server sent back (paranoia: echoes). */
export function redactCredentials(text: string, spec: TokenRequestSpec): string {
  return redactText(text, secretsOfSpec(spec));
}

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== ''
    ? v.trim()
    : typeof v === 'number'
      ? String(v)
      : undefined;

/** The provider's error code and message, read through the preset's mapping or the RFC fields. */
export function providerError(
  json: unknown,
  spec: TokenRequestSpec,
): { code: string | undefined; message: string | undefined } {
  const mapping = spec.responseMapping;
  const code =
    (mapping.errorCode !== undefined ? asText(getByPointer(json, mapping.errorCode)) : undefined) ??
    asText(getByPointer(json, '/error'));
  const message =
    (mapping.errorMessage !== undefined
      ? asText(getByPointer(json, mapping.errorMessage))
      : undefined) ??
    asText(getByPointer(json, '/error_description')) ??
    asText(getByPointer(json, '/message')) ??
    asText(getByPointer(json, '/error_message'));
  return { code, message };
}

function findRule(
  rules: readonly ErrorHintRule[],
  code: string | undefined,
  status: number,
  message?: string,
): ErrorHintRule | undefined {
  const lower = code?.toLowerCase();
  const said = (r: ErrorHintRule): boolean =>
    r.messagePattern === undefined || new RegExp(r.messagePattern, 'i').test(message ?? '');
  return (
    rules.find(
      (r) =>
        r.code !== undefined &&
        r.code.toLowerCase() === lower &&
        (r.status === undefined || r.status === status) &&
        said(r),
    ) ?? rules.find((r) => r.code === undefined && r.status === status && said(r))
  );
}

const serverFailure: ErrorHintRule = {
  category: 'http',
  meaning: 'The token endpoint failed',
  hint: 'The server had a problem. Grantline waits before trying again; if it persists, check the provider’s status page.',
};

/**
 * Turn a refused token request into an AppError: the preset's table first (by code, then by status),
 * then the RFC 6749 codes, then the HTTP status. The provider's own message is kept, redacted.
 */
export function classifyTokenError(
  input: {
    status: number;
    headers: Record<string, string>;
    json: unknown;
    htmlTitle: string | undefined;
    isHtml: boolean;
  },
  spec: TokenRequestSpec,
): AppError {
  const { status } = input;
  const { code, message } = providerError(input.json, spec);
  const rule =
    findRule(spec.errorHints, code, status, message) ??
    findRule(standardErrorHints, code, status) ??
    findRule(statusErrorHints, undefined, status) ??
    (status >= 500 ? serverFailure : undefined);
  const category = rule?.category ?? 'http';
  const meaning = rule?.meaning ?? 'The token endpoint refused the request';
  const providerText =
    message !== undefined ? redactCredentials(message, spec).slice(0, 300) : undefined;
  const facts = [`HTTP ${status}`, code].filter((x) => x !== undefined).join(', ');
  const said =
    providerText !== undefined && providerText !== code
      ? `: ${providerText}`
      : input.isHtml && input.htmlTitle !== undefined
        ? `: an HTML page titled "${input.htmlTitle}"`
        : '';
  let hint = rule?.hint ?? 'Check the connection settings against the provider’s documentation.';
  if (input.isHtml && rule?.status !== 404 && rule?.status !== 405) {
    hint = `The answer is an HTML page: is this the token endpoint? ${hint}`;
  }
  const retryAfter = Number(input.headers['retry-after']);
  return new AppError(category, `${meaning} (${facts})${said}.`, {
    hint,
    status,
    ...(code !== undefined ? { providerCode: code } : {}),
    details: {
      ...(providerText !== undefined ? { providerMessage: providerText } : {}),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSec: retryAfter } : {}),
    },
  });
}
