import { z } from 'zod';
import { parseHttpUrl } from './presets/url.js';

/**
 * Rules for text a person types or pastes that ends up in an HTTP request: header names and
 * values, URLs, one-line settings. Each rule returns a sentence saying what is wrong and what to
 * do (never quoting a long value), or undefined. The renderer shows the sentence at the field;
 * the IPC schemas apply the same rules again, so a page that skips the form cannot store or send
 * a value the form would refuse (a CR/LF in a header value would start a new header).
 */

/** Longest values accepted, by what the text is for. */
export const inputLimits = {
  /** Connection and saved-request names. */
  name: 200,
  /** Client ID, grant type, audience, key id, a preset field. */
  short: 2_048,
  /** Scope lists, extra parameter values, the token URL. */
  long: 8_192,
  /** Header names (RFC 9110 sets none; servers refuse far shorter ones). */
  headerName: 256,
  /** Most servers refuse a request whose headers pass 8–16 KB in total. */
  headerValue: 16_384,
  /** Extra parameters or headers of a connection. */
  entries: 100,
  /** A custom CA bundle in PEM form. */
  pem: 256 * 1024,
} as const;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Index of the first C0 control character or DEL in `value` (tab too, unless `allowTab`), or -1.
 * A loop rather than a regular expression, which would have to spell the controls out.
 */
export function controlIndex(value: string, allowTab = false): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && !(allowTab && code === 9)) || code === 0x7f) return i;
  }
  return -1;
}

const lineBreakIndex = (value: string): number => value.search(/[\r\n]/);

/** "U+000D (carriage return)" or "“€” (U+20AC)" for the character at `index`. */
export function describeCharAt(value: string, index: number): string {
  // codePointAt on the string, so an emoji is one character, not half a surrogate pair.
  const code = value.codePointAt(index) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    0: 'NUL',
    9: 'tab',
    10: 'line feed',
    13: 'carriage return',
  };
  const name = names[code];
  if (name !== undefined) return `${hex} (${name})`;
  return code < 0x20 || code === 0x7f
    ? `${hex} (a control character)`
    : `“${String.fromCodePoint(code)}” (${hex})`;
}

/** describeCharAt for the first character `pattern` finds. */
function describeChar(value: string, pattern: RegExp): string {
  return describeCharAt(value, Math.max(0, value.search(pattern)));
}

/** "12.3 KB", "1.0 MB": how long a pasted value is, without showing it. */
export function describeLength(chars: number): string {
  if (chars < 1024) return `${chars} characters`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}

/** A value longer than `max`: usually the wrong thing pasted. */
export function lengthProblem(value: string, max: number, what: string): string | undefined {
  if (value.length <= max) return undefined;
  return `${what} is ${describeLength(value.length)} long; at most ${describeLength(max)} fits. Check that you pasted the right thing.`;
}

/** One line of text: no line breaks or control characters, and not too long. */
export function singleLineProblem(value: string, what: string, max: number): string | undefined {
  const long = lengthProblem(value, max, what);
  if (long !== undefined) return long;
  const lineBreak = lineBreakIndex(value);
  if (lineBreak >= 0) {
    return `${what} must be on one line: remove the line break (${describeCharAt(value, lineBreak)}).`;
  }
  const control = controlIndex(value, true);
  if (control >= 0) {
    return `${what} contains an invisible control character, ${describeCharAt(value, control)}; retype it or remove it.`;
  }
  return undefined;
}

/** An RFC 9110 header name (a token): ASCII letters, digits and !#$%&'*+-.^_`|~. */
export function headerNameProblem(name: string): string | undefined {
  if (name === '') return 'Enter a header name.';
  const long = lengthProblem(name, inputLimits.headerName, 'The header name');
  if (long !== undefined) return long;
  if (TOKEN.test(name)) return undefined;
  const bad = /[^!#$%&'*+.^_`|~0-9A-Za-z-]/;
  if (/[^\0-\x7f]/.test(name)) {
    return `Header names are ASCII only; ${describeChar(name, /[^\0-\x7f]/)} is not allowed. Use letters, digits and -, e.g. X-Tenant.`;
  }
  return `“${name.slice(0, 40)}” is not a valid header name: ${describeChar(name, bad)} is not allowed. Use letters, digits and -, without spaces or a colon.`;
}

/**
 * A header value as HTTP carries it: one line, no control characters (tab is allowed), and only
 * Latin-1 characters, because header bytes are not UTF-8 (RFC 9110 §5.5) and the HTTP stack refuses
 * anything past U+00FF.
 */
export function headerValueProblem(value: string, header?: string): string | undefined {
  const what = header === undefined ? 'A header value' : `The value of ${header.slice(0, 40)}`;
  const long = lengthProblem(value, inputLimits.headerValue, what);
  if (long !== undefined) return long;
  const lineBreak = lineBreakIndex(value);
  if (lineBreak >= 0) {
    return `${what} contains a line break (${describeCharAt(value, lineBreak)}), which would start a new header. Put the value on one line.`;
  }
  const control = controlIndex(value, true);
  if (control >= 0) {
    return `${what} contains a control character, ${describeCharAt(value, control)}, which HTTP does not allow in headers.`;
  }
  const wide = /[^\0-\xff]/;
  if (wide.test(value)) {
    return `${what} contains ${describeChar(value, wide)}. Header values carry only Latin-1 characters (HTTP does not send them as UTF-8): percent-encode the text, or send it in the URL query or the body instead.`;
  }
  return undefined;
}

/**
 * An absolute http(s) URL typed by a person. Paths and queries may hold any Unicode (they are
 * percent-encoded when sent); host names must be ASCII (the xn-- form of an international name).
 */
export function httpUrlProblem(
  value: string,
  what = 'The URL',
  max: number = inputLimits.long,
): string | undefined {
  const url = value.trim();
  if (url === '') return `Enter ${what.replace(/^The /, 'the ')}.`;
  const long = lengthProblem(url, max, what);
  if (long !== undefined) return long;
  const control = controlIndex(url);
  if (control >= 0) {
    return `${what} contains ${describeCharAt(url, control)}: a URL is one line without control characters. Remove it.`;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && url.includes('://')) {
    return `${what} uses ${scheme}://; only http:// and https:// are supported.`;
  }
  if (!/^https?:\/\//i.test(url)) {
    return `${what} must start with https:// (or http:// for a local server), e.g. https://example.com/oauth2/token.`;
  }
  const authority = /^https?:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  if (/[^\0-\x7f]/.test(authority)) {
    return `The host name in ${what.replace(/^The /, 'the ')} has non-ASCII characters (${describeChar(authority, /[^\0-\x7f]/)}). Enter its ASCII form, e.g. xn--bcher-kva.example for bücher.example.`;
  }
  if (/\s/.test(url)) {
    return `${what} contains a space; write it as %20, or remove it.`;
  }
  if (parseHttpUrl(url) === null) {
    return `${what} is not a full http(s) URL with a valid host name, e.g. https://example.com/oauth2/token.`;
  }
  return undefined;
}

type Rule = (value: string) => string | undefined;

/** A zod string whose value must pass `rule`; the rule's sentence becomes the issue message. */
export function ruledString(rule: Rule): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = rule(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** One line of text of at most `max` characters. */
export const singleLine = (what: string, max: number): z.ZodString =>
  ruledString((v) => singleLineProblem(v, what, max));

/** Header name → value, each checked as HTTP requires; at most `inputLimits.entries` of them. */
export const strictHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const entries = Object.entries(headers);
  if (entries.length > inputLimits.entries) {
    ctx.addIssue({ code: 'custom', message: `At most ${inputLimits.entries} extra headers.` });
  }
  for (const [name, value] of entries) {
    const problem = headerNameProblem(name) ?? headerValueProblem(value, name);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});

/** Parameter name → value (form-encoded or percent-encoded when sent, so any Unicode is fine). */
export const strictParamsSchema = z.record(z.string(), z.string()).superRefine((params, ctx) => {
  const entries = Object.entries(params);
  if (entries.length > inputLimits.entries) {
    ctx.addIssue({ code: 'custom', message: `At most ${inputLimits.entries} extra parameters.` });
  }
  for (const [name, value] of entries) {
    const problem =
      (name === '' ? 'Enter a parameter name.' : undefined) ??
      singleLineProblem(name, 'A parameter name', inputLimits.headerName) ??
      singleLineProblem(value, `The value of ${name.slice(0, 40)}`, inputLimits.long);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
});
