import { AppError } from '../errors.js';
import { defaultTimeoutMs, type Connection, type ResponseMapping } from '../connection.js';
import type { AuthMethod, BodyEncoding, TlsSettings, ApiBaseUrl } from '../connection.js';
import type { ErrorHintRule, Preset, PresetField } from './types.js';
import { parseHttpUrl } from './url.js';

/** Where a connection's token endpoint is: a URL now, or an issuer to discover it from. */
export type TokenUrlResolution =
  { kind: 'url'; url: string } | { kind: 'discovery'; issuer: string; discoveryUrl: string };

const hostnamePattern =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
const placeholderPattern = /\{(:?)([A-Za-z][A-Za-z0-9_]*)\}/g;

function checkHost(value: string): string | { error: string } {
  if (value.includes('://')) return { error: 'enter only the host name, without https://' };
  if (value.startsWith('[') && value.endsWith(']')) return value; // bracketed IPv6
  if ((value.match(/:/g) ?? []).length >= 2) return `[${value}]`; // bare IPv6: brackets for URLs
  if (value.includes(':')) return { error: 'put the port in its own field' };
  if (value.includes('/')) return { error: 'enter only the host name, without a path' };
  return hostnamePattern.test(value) ? value : { error: 'is not a valid host name or IP address' };
}

function checkUrl(value: string): string | { error: string } {
  const url = parseHttpUrl(value);
  if (url === null) {
    return { error: 'must be a full URL starting with https:// (or http:// for a local server)' };
  }
  if (url.hasUserInfo) return { error: 'must not contain a user name or password' };
  // Templates append paths, so a trailing slash would double up.
  return url.query === '' && url.fragment === '' ? value.replace(/\/+$/, '') : value;
}

/** Check one field value by its kind; returns the value to insert or a reason it is wrong. */
function checkField(field: PresetField, value: string): string | { error: string } {
  switch (field.kind) {
    case 'host':
      return checkHost(value);
    case 'port': {
      const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
      return n >= 1 && n <= 65535 ? String(n) : { error: 'must be a number from 1 to 65535' };
    }
    case 'url':
      return checkUrl(value);
    case 'segment':
    case 'text':
      return value;
  }
}

/** Field values after defaults and checks, plus a reason for each field that is missing or wrong. */
export function collectFieldValues(
  preset: Preset,
  fields: Readonly<Record<string, string>>,
): { values: Record<string, string>; errors: Record<string, string> } {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of preset.fields) {
    const raw = (fields[field.key] ?? '').trim() || (field.default ?? '');
    if (raw === '') {
      if (field.required) errors[field.key] = `${field.label} is required`;
      continue;
    }
    const checked = checkField(field, raw);
    if (typeof checked === 'string') values[field.key] = checked;
    else errors[field.key] = `${field.label} ${checked.error}`;
  }
  return { values, errors };
}

function encodeForUrl(field: PresetField | undefined, value: string): string {
  return field === undefined || field.kind === 'segment' || field.kind === 'text'
    ? encodeURIComponent(value)
    : value;
}

function fillUrlTemplate(preset: Preset, template: string, values: Record<string, string>): string {
  return template.replace(placeholderPattern, (_m, colon: string, key: string) => {
    const value = values[key];
    if (value === undefined) return '';
    const encoded = encodeForUrl(
      preset.fields.find((f) => f.key === key),
      value,
    );
    return colon === ':' ? `:${encoded}` : encoded;
  });
}

function validationError(preset: Preset, errors: Record<string, string>): AppError {
  return new AppError('validation', `${preset.name}: ${Object.values(errors).join('; ')}.`, {
    hint: 'Fill in the highlighted fields, or type the token URL yourself.',
    details: { fieldErrors: errors },
  });
}

function assertHttpUrl(preset: Preset, url: string, what: string): string {
  const checked = checkUrl(url);
  if (typeof checked === 'string') return checked;
  throw validationError(preset, { tokenUrl: `${what} ${checked.error}` });
}

/**
 * Resolve a preset's token endpoint from the connection's field values (pure). An override wins.
 * Throws a `validation` AppError naming every missing or invalid field.
 */
export function resolveTokenUrl(
  preset: Preset,
  fields: Readonly<Record<string, string>>,
  override?: string,
): TokenUrlResolution {
  if (override !== undefined && override.trim() !== '') {
    return { kind: 'url', url: assertHttpUrl(preset, override.trim(), 'The token URL') };
  }
  const { values, errors } = collectFieldValues(preset, fields);
  const endpoint = preset.tokenEndpoint;
  const template = endpoint.kind === 'template' ? endpoint.template : endpoint.issuerTemplate;
  const used = new Set([...template.matchAll(placeholderPattern)].map((m) => m[2] as string));
  const relevant = Object.fromEntries(Object.entries(errors).filter(([k]) => used.has(k)));
  if (Object.keys(relevant).length > 0) throw validationError(preset, relevant);
  const filled = fillUrlTemplate(preset, template, values);
  if (endpoint.kind === 'template') {
    return { kind: 'url', url: assertHttpUrl(preset, filled, 'The token URL') };
  }
  const issuer = assertHttpUrl(preset, filled, 'The issuer URL').replace(/\/+$/, '');
  return { kind: 'discovery', issuer, discoveryUrl: `${issuer}/.well-known/openid-configuration` };
}

/** Insert known field values into a header value; unknown `{…}` text is left alone. */
function fillHeaderTemplate(value: string, values: Record<string, string>): string {
  return value.replace(placeholderPattern, (match, colon: string, key: string) => {
    const v = values[key];
    if (v === undefined) return match;
    return colon === ':' ? `:${v}` : v;
  });
}

/** Merge header maps case-insensitively; later maps win and an empty value removes the header. */
function mergeHeaders(...maps: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const map of maps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      if (value === '') merged.delete(name.toLowerCase());
      else merged.set(name.toLowerCase(), [name, value]);
    }
  }
  return Object.fromEntries(merged.values());
}

/** A connection's effective settings: its own values, else its preset's defaults. */
export interface ResolvedSettings {
  tokenEndpoint: TokenUrlResolution;
  authMethod: AuthMethod;
  grantType: string;
  scope: string | undefined;
  audience: string | undefined;
  resource: string | undefined;
  bodyEncoding: BodyEncoding;
  extraBodyParams: Record<string, string>;
  extraQueryParams: Record<string, string>;
  extraHeaders: Record<string, string>;
  responseMapping: ResponseMapping;
  timeoutMs: number;
  errorHints: ErrorHintRule[];
  tls: TlsSettings;
  allowHttp: boolean;
  apiBaseUrls: ApiBaseUrl[];
}

const blankToUndefined = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === '' ? undefined : v;

/** Combine a connection with its preset (pure). Throws `validation` for bad fields or timeout. */
export function resolveConnectionSettings(
  connection: Connection,
  preset: Preset,
): ResolvedSettings {
  const tokenEndpoint = resolveTokenUrl(preset, connection.fields, connection.tokenUrl);
  const { values } = collectFieldValues(preset, connection.fields);
  const d = preset.defaults;
  const timeoutMs = connection.timeoutMs ?? d.timeoutMs ?? defaultTimeoutMs;
  if (timeoutMs > preset.maxTimeoutMs) {
    throw new AppError(
      'validation',
      `${preset.name} allows a timeout of at most ${preset.maxTimeoutMs / 1000} s.`,
      { details: { fieldErrors: { timeoutMs: 'too long for this preset' } } },
    );
  }
  const headers = mergeHeaders(d.extraHeaders, connection.extraHeaders);
  return {
    tokenEndpoint,
    authMethod: connection.authMethod ?? d.authMethod,
    grantType: connection.grantType ?? d.grantType,
    // An explicit empty string clears the preset's default scope/audience/resource.
    scope: blankToUndefined(connection.scope ?? d.scope),
    audience: blankToUndefined(connection.audience ?? d.audience),
    resource: blankToUndefined(connection.resource ?? d.resource),
    bodyEncoding: connection.bodyEncoding ?? d.bodyEncoding,
    extraBodyParams: { ...d.extraBodyParams, ...connection.extraBodyParams },
    extraQueryParams: { ...d.extraQueryParams, ...connection.extraQueryParams },
    extraHeaders: Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, fillHeaderTemplate(v, values)]),
    ),
    responseMapping: { ...d.responseMapping, ...connection.responseMapping },
    timeoutMs,
    errorHints: preset.errorHints,
    tls: connection.tls,
    allowHttp: connection.allowHttp,
    apiBaseUrls: connection.apiBaseUrls ?? preset.apiBaseUrls,
  };
}
