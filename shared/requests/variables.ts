import type { ApiBaseUrl, Connection } from '../connection.js';
import { collectFieldValues } from '../presets/resolve.js';
import type { Preset } from '../presets/types.js';
import type { ResolvedVariable, Row, VariableInfo } from './schemas.js';

/**
 * `{{name}}` variables. Names start with a letter or `_` and may contain letters, digits, `_`,
 * `-` and `.`; spaces inside the braces are allowed (`{{ baseUrl }}`). Substitution is textual:
 * values go in exactly as stored, so a base URL stays a URL.
 */

export const VARIABLE_NAME = /^[A-Za-z_][\w.-]*$/;
const VARIABLE = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** The distinct variable names used in a text, in order of first use. */
export function findVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The result of filling in a text: the new text and the names that had no value. */
export interface Substitution {
  text: string;
  missing: string[];
}

/** Replace every `{{name}}` that has a value; unknown names stay as written and are reported. */
export function substitute(
  text: string,
  lookup: (name: string) => string | undefined,
): Substitution {
  const missing: string[] = [];
  const out = text.replace(VARIABLE, (whole, name: string) => {
    const value = lookup(name);
    if (value !== undefined) return value;
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  return { text: out, missing };
}

/** A lookup over variable lists; later lists win, disabled and unnamed rows are skipped. */
export function variableLookup(
  ...lists: readonly (readonly { name: string; value: string; enabled?: boolean }[])[]
): (name: string) => string | undefined {
  const map = new Map<string, string>();
  for (const list of lists) {
    for (const v of list) {
      if (v.enabled === false || !VARIABLE_NAME.test(v.name)) continue;
      map.set(v.name, v.value);
    }
  }
  return (name) => map.get(name);
}

/** `Content Management` → `contentManagement`: the suffix of a named base URL's variable. */
export function slugForVariable(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .split(/[\s_-]+/)
    .filter((w) => w !== '');
  if (words.length === 0) return 'api';
  return words
    .map((w, i) =>
      i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase(),
    )
    .join('');
}

/** The variable that holds a named API base URL, e.g. `baseUrl.central`. */
export function baseUrlVariable(name: string): string {
  return `baseUrl.${slugForVariable(name)}`;
}

const stripSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * The variables a connection brings (pure): `baseUrl` (its first API base URL), one
 * `baseUrl.<name>` per named base URL, the preset's field values (`tenant`, `host`, …) and
 * `clientId`. Nothing here is a secret.
 */
export function connectionVariables(connection: Connection, preset: Preset): VariableInfo[] {
  const out: VariableInfo[] = baseUrlVariables(connection.apiBaseUrls ?? preset.apiBaseUrls);
  const { values } = collectFieldValues(preset, connection.fields);
  for (const field of preset.fields) {
    const value = values[field.key] ?? connection.fields[field.key];
    if (value === undefined || value === '' || !VARIABLE_NAME.test(field.key)) continue;
    if (out.some((v) => v.name === field.key)) continue;
    out.push({ name: field.key, value, source: 'field', description: field.label });
  }
  // Fields the preset does not know (kept by an older version or an import) are offered too.
  for (const [key, value] of Object.entries(connection.fields)) {
    if (value === '' || !VARIABLE_NAME.test(key) || out.some((v) => v.name === key)) continue;
    out.push({ name: key, value, source: 'field', description: 'Connection field' });
  }
  if (!out.some((v) => v.name === 'clientId')) {
    out.push({
      name: 'clientId',
      value: connection.clientId,
      source: 'connection',
      description: 'The client ID of the service account',
    });
  }
  return out;
}

/** `baseUrl` (the first base URL) and one `baseUrl.<name>` per named base URL. */
function baseUrlVariables(bases: readonly ApiBaseUrl[]): VariableInfo[] {
  const out: VariableInfo[] = [];
  const first = bases[0];
  if (first !== undefined) {
    out.push({
      name: 'baseUrl',
      value: stripSlash(first.url),
      source: 'connection',
      description: `The first API base URL (${first.name})`,
    });
  }
  for (const base of bases) {
    const name = baseUrlVariable(base.name);
    if (out.some((v) => v.name === name)) continue;
    out.push({
      name,
      value: stripSlash(base.url),
      source: 'connection',
      description: `API base URL "${base.name}"`,
    });
  }
  return out;
}

/** An environment as variable resolution sees it (see shared/workspace/schemas.ts). */
export interface EnvironmentLayer {
  name: string;
  variables: readonly {
    name: string;
    value?: string | undefined;
    secret: boolean;
    enabled: boolean;
  }[];
  /** This connection's API base URLs in the environment, when it sets them. */
  baseUrls?: readonly ApiBaseUrl[] | undefined;
}

/**
 * Every variable a request can use, each with the layer its value comes from. A name set in
 * several layers takes the value of the strongest: the request's own variables, then the
 * environment's (its base URLs for this connection and its variables), then the connection's
 * (its base URLs and field values), then the preset's (base URLs and field defaults the
 * connection does not override). A secret variable's value stays null here: main fills it in
 * at send time from the secret store.
 */
export function layeredVariables(input: {
  connection: Connection;
  preset: Preset;
  environment?: EnvironmentLayer | undefined;
  request?: readonly Row[];
}): ResolvedVariable[] {
  const { connection, preset, environment } = input;
  const byName = new Map<string, ResolvedVariable>();
  const put = (variable: ResolvedVariable): void => {
    byName.delete(variable.name);
    byName.set(variable.name, variable);
  };
  const ownBases = connection.apiBaseUrls !== undefined;
  for (const v of connectionVariables(connection, preset)) {
    const fromPreset =
      v.source === 'connection'
        ? !ownBases && v.name.startsWith('baseUrl')
        : (connection.fields[v.name] ?? '').trim() === '';
    put({
      name: v.name,
      value: v.value,
      secret: false,
      source: fromPreset ? 'preset' : 'connection',
      description: v.description,
    });
  }
  if (environment !== undefined) {
    const described = `Environment "${environment.name}"`;
    if (environment.baseUrls !== undefined && environment.baseUrls.length > 0) {
      // The environment's list replaces the connection's: its names are the ones that exist.
      for (const name of [...byName.keys()]) {
        if (name === 'baseUrl' || name.startsWith('baseUrl.')) byName.delete(name);
      }
      for (const v of baseUrlVariables(environment.baseUrls)) {
        put({
          ...v,
          secret: false,
          source: 'environment',
          description: `${v.description} (${described})`,
        });
      }
    }
    for (const v of environment.variables) {
      if (!v.enabled || !VARIABLE_NAME.test(v.name)) continue;
      put({
        name: v.name,
        value: v.secret ? null : (v.value ?? ''),
        secret: v.secret,
        source: 'environment',
        description: v.secret ? `Secret variable (${described})` : described,
      });
    }
  }
  for (const v of userVariableInfos(input.request ?? [])) {
    put({
      name: v.name,
      value: v.value,
      secret: false,
      source: 'request',
      description: v.description,
    });
  }
  return [...byName.values()];
}

/**
 * A lookup over resolved variables; a secret variable's value comes from `secretValue` (main
 * passes the secret store's values; without it, secret variables have no value).
 */
export function resolvedLookup(
  variables: readonly ResolvedVariable[],
  secretValue: (name: string) => string | undefined = () => undefined,
): (name: string) => string | undefined {
  const byName = new Map(variables.map((v) => [v.name, v]));
  return (name) => {
    const variable = byName.get(name);
    if (variable === undefined) return undefined;
    return variable.secret ? secretValue(name) : (variable.value ?? undefined);
  };
}

/** User variables as VariableInfo (for showing them next to the connection's). */
export function userVariableInfos(rows: readonly Row[]): VariableInfo[] {
  return rows
    .filter((r) => r.enabled && VARIABLE_NAME.test(r.name))
    .map((r) => ({ name: r.name, value: r.value, source: 'user', description: 'Your variable' }));
}
