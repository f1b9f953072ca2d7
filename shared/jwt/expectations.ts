import type { JsonObject, JsonValue } from './types.js';
import type { AddWarning, TokenExpectations } from './warning-types.js';

/** Compares iss, aud and scope with what the connection asked for. */
export function expectationWarnings(
  payload: JsonObject,
  expected: TokenExpectations | undefined,
  add: AddWarning,
): void {
  if (expected === undefined) return;
  if (expected.issuer !== undefined && expected.issuer !== '') {
    const iss = payload.iss;
    if (iss !== expected.issuer) {
      add(
        'issuer_mismatch',
        'warning',
        `The issuer is ${typeof iss === 'string' ? `"${iss}"` : 'missing'}, not the expected "${expected.issuer}".`,
        'iss',
      );
    }
  }
  const audiences = toList(expected.audience);
  if (audiences.length > 0) {
    const granted = audienceList(payload.aud);
    const missing = audiences.filter((aud) => !granted.includes(aud));
    if (missing.length > 0) {
      add(
        'audience_mismatch',
        'warning',
        granted.length === 0
          ? `The token has no aud, but ${quoteList(missing)} was asked for.`
          : `The token is for ${quoteList(granted)}, not for ${quoteList(missing)} as asked.`,
        'aud',
      );
    }
  }
  const scopes = toList(expected.scope);
  if (scopes.length > 0) {
    const granted = grantedScopes(payload);
    if (granted === null) {
      add(
        'scope_mismatch',
        'info',
        `The token carries no scope claim, so the requested ${quoteList(scopes)} cannot be confirmed.`,
        'scope',
      );
      return;
    }
    const missing = scopes.filter((scope) => !granted.includes(scope));
    const extra = granted.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      add(
        'scope_mismatch',
        'warning',
        `Asked for ${quoteList(scopes)} but the token grants ${granted.length > 0 ? quoteList(granted) : 'no scope'}: ${quoteList(missing)} missing.`,
        'scope',
      );
    }
    if (extra.length > 0) {
      add(
        'scope_broader',
        'info',
        `The token grants more than asked: ${quoteList(extra)}.`,
        'scope',
      );
    }
  }
}

/** The scopes a token grants, from `scope` (string or list) or `scp`; null when it has neither. */
export function grantedScopes(payload: JsonObject): string[] | null {
  for (const name of ['scope', 'scp']) {
    const value = payload[name];
    if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '');
    if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string');
  }
  return null;
}

function audienceList(aud: JsonValue | undefined): string[] {
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(/\s+/) : [...value];
  return list.filter((item) => item !== '');
}

function quoteList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}
