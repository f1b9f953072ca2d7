import { MAX_TOKEN_LENGTH } from './decode.js';

/** Something inspectTokenInput changed in pasted text to get at the token. */
export type InputFixCode =
  | 'trimmed'
  | 'quotes'
  | 'authorization_header'
  | 'bearer_prefix'
  | 'json_field'
  | 'form_field'
  | 'inner_whitespace'
  | 'invisible_characters';

/** One fix, with a sentence the UI can show as is. */
export interface InputFix {
  code: InputFixCode;
  message: string;
}

/** Why pasted text held no token. */
export type InputErrorCode = 'empty' | 'too_large' | 'json_without_token';

/** Result of {@link inspectTokenInput}. */
export type TokenInputResult =
  | {
      ok: true;
      token: string;
      fixes: InputFix[];
      /** Where in a pasted JSON or form response the token was found, e.g. `auth.tokens.access_token`. */
      field: string | null;
    }
  | { ok: false; fixes: InputFix[]; error: { code: InputErrorCode; message: string } };

/** Token fields of a token response, most wanted first (`response` is AppViewX's). */
const TOKEN_FIELDS = [
  'access_token',
  'response',
  'id_token',
  'token',
  'accessToken',
  'jwt',
] as const;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201C', '\u201D'],
  ['\u2018', '\u2019'],
];

/**
 * Turns whatever the user pasted into a token and says what it changed: surrounding
 * whitespace and quotes, an `Authorization:` header name, a `Bearer ` prefix, a whole token
 * response (JSON or form-encoded; the token field is taken), and whitespace or invisible
 * characters inside the token (the AppViewX sample token has a stray space).
 */
export function inspectTokenInput(raw: string): TokenInputResult {
  const fixes: InputFix[] = [];
  if (typeof raw !== 'string' || raw.length === 0) {
    return { ok: false, fixes, error: { code: 'empty', message: 'Nothing was pasted.' } };
  }
  if (raw.length > MAX_TOKEN_LENGTH) {
    return {
      ok: false,
      fixes,
      error: {
        code: 'too_large',
        message: `The pasted text is ${raw.length} characters long; tokens longer than ${MAX_TOKEN_LENGTH} are not read.`,
      },
    };
  }
  let text = raw;
  let field: string | null = null;
  const trimmed = text.trim();
  if (trimmed !== text) {
    fixes.push({ code: 'trimmed', message: 'Removed whitespace or line breaks around the token.' });
    text = trimmed;
  }
  // Peel wrappers in any order (e.g. `"Bearer eyJ…"` or `Authorization: Bearer eyJ…`).
  for (let round = 0; round < 6; round += 1) {
    const before = text;
    text = peelOnce(text, fixes);
    if (text.startsWith('{')) {
      const fromJson = tokenFromJson(text);
      if (fromJson.kind === 'found') {
        fixes.push({
          code: 'json_field',
          message: `Took the token from the "${fromJson.path}" field of the pasted JSON.`,
        });
        field = fromJson.path;
        text = fromJson.token.trim();
      } else if (fromJson.kind === 'no_token') {
        return {
          ok: false,
          fixes,
          error: { code: 'json_without_token', message: fromJson.message },
        };
      }
    } else if (/(^|&)(access_token|id_token|response)=/.test(text)) {
      const params = parseForm(text);
      const name = TOKEN_FIELDS.find((key) => (params.get(key) ?? '') !== '');
      if (name !== undefined) {
        fixes.push({
          code: 'form_field',
          message: `Took the token from the "${name}" form field.`,
        });
        field = name;
        text = (params.get(name) ?? '').trim();
      }
    }
    if (text === before) break;
  }
  const invisible = text.match(INVISIBLE)?.length ?? 0;
  if (invisible > 0) {
    text = text.replace(INVISIBLE, '');
    fixes.push({
      code: 'invisible_characters',
      message: `Removed ${plural(invisible, 'invisible character')} (zero-width spaces or similar) from inside the token.`,
    });
  }
  const spaces: number[] = [];
  for (let i = 0; i < text.length; i += 1) if (/\s/.test(text[i] ?? '')) spaces.push(i);
  if (spaces.length > 0) {
    const shown = spaces.slice(0, 5).join(', ') + (spaces.length > 5 ? ', …' : '');
    text = text.replace(/\s+/g, '');
    fixes.push({
      code: 'inner_whitespace',
      message: `Removed ${plural(spaces.length, 'space or line break', 'spaces or line breaks')} from inside the token (at token offset${spaces.length > 1 ? 's' : ''} ${shown}).`,
    });
  }
  if (text.length === 0) {
    return {
      ok: false,
      fixes,
      error: { code: 'empty', message: 'The pasted text holds no token.' },
    };
  }
  return { ok: true, token: text, fixes, field };
}

function peelOnce(input: string, fixes: InputFix[]): string {
  let text = input;
  for (const [open, close] of QUOTE_PAIRS) {
    if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) {
      text = text.slice(open.length, text.length - close.length).trim();
      fixes.push({ code: 'quotes', message: 'Removed the quotes around the token.' });
      break;
    }
  }
  const header = /^authorization\s*:\s*/i.exec(text);
  if (header !== null) {
    text = text.slice(header[0].length);
    fixes.push({
      code: 'authorization_header',
      message: 'Removed the "Authorization:" header name.',
    });
  }
  const bearer = /^bearer(\s+|\s*:\s*|$)/i.exec(text);
  if (bearer !== null) {
    text = text.slice(bearer[0].length);
    fixes.push({ code: 'bearer_prefix', message: `Removed the "${bearer[0].trim()}" prefix.` });
  }
  return text;
}

type JsonLookup =
  | { kind: 'found'; token: string; path: string }
  | { kind: 'no_token'; message: string }
  | { kind: 'not_json' };

/** Finds the token in a token response, breadth first (the Axway CLI nests it in auth.tokens). */
function tokenFromJson(text: string): JsonLookup {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'not_json' };
  }
  let level: Array<{ value: unknown; path: string }> = [{ value: parsed, path: '' }];
  for (let depth = 0; depth < 6 && level.length > 0; depth += 1) {
    const next: typeof level = [];
    for (const { value, path } of level) {
      if (value === null || typeof value !== 'object') continue;
      const record = value as Record<string, unknown>;
      for (const key of TOKEN_FIELDS) {
        const candidate = record[key];
        if (typeof candidate === 'string' && candidate.trim() !== '') {
          return { kind: 'found', token: candidate, path: path === '' ? key : `${path}.${key}` };
        }
      }
      for (const [key, child] of Object.entries(record)) {
        next.push({ value: child, path: path === '' ? key : `${path}.${key}` });
      }
    }
    level = next;
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  const error = typeof record.error === 'string' ? record.error : undefined;
  const appStatus = typeof record.appStatusCode === 'string' ? record.appStatusCode : undefined;
  const described = error ?? appStatus;
  return {
    kind: 'no_token',
    message:
      described !== undefined
        ? `The pasted JSON is an error response (${described}), not a token.`
        : 'The pasted JSON has no access_token, response or id_token field holding a token.',
  };
}

/** Minimal x-www-form-urlencoded parsing (URLSearchParams is not part of the ES library). */
function parseForm(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      const name = decodeURIComponent(key.replace(/\+/g, ' '));
      if (!params.has(name)) params.set(name, decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      // A malformed %-escape: skip that pair, the rest may still hold the token.
    }
  }
  return params;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
