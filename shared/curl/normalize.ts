/**
 * Clean-up of pasted text before shell parsing: what web pages do to a curl command
 * (typographic quotes and dashes, invisible spaces) is undone here, and the command is found
 * among the surrounding text (after a prompt such as `$ `).
 */

/** Text after clean-up, with notes on what was changed. */
export interface NormalisedText {
  text: string;
  notes: string[];
}

const SMART_SINGLE = /[\u2018\u2019\u201A\u201B]/g;
const SMART_DOUBLE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g;
const INVISIBLE = /\u200B|\u200C|\u200D|\u2060|\uFEFF/g;
const ODD_SPACE = /[\u00A0\u2007\u202F\u3000]/g;
// Word processors turn `--header` into an em or en dash; only fix it where an option would start.
const DASH_OPTION = /(^|[\s])[\u2013\u2014\u2212]+(?=[A-Za-z])/g;

// search() ignores lastIndex, so the shared global patterns are safe to reuse across calls.
function has(pattern: RegExp, text: string): boolean {
  return text.search(pattern) >= 0;
}

/** Undo what copying from a web page does to a command's characters. */
export function normaliseText(input: string): NormalisedText {
  const notes: string[] = [];
  let text = input.replace(/\r\n?/g, '\n');
  if (has(INVISIBLE, text) || has(ODD_SPACE, text)) {
    text = text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
    notes.push('Replaced non-breaking and invisible spaces copied from a web page.');
  }
  if (has(SMART_SINGLE, text) || has(SMART_DOUBLE, text)) {
    text = text.replace(SMART_SINGLE, "'").replace(SMART_DOUBLE, '"');
    notes.push('Replaced typographic (smart) quotes with plain quotes.');
  }
  if (has(DASH_OPTION, text)) {
    text = text.replace(DASH_OPTION, (match, lead: string, offset: number, whole: string) => {
      const dashLength = match.length - lead.length;
      const rest = /^[A-Za-z0-9]+/.exec(whole.slice(offset + match.length))?.[0] ?? '';
      return lead + (rest.length === 1 && dashLength === 1 ? '-' : '--');
    });
    notes.push('Replaced typographic dashes before option names with hyphens.');
  }
  return { text, notes };
}

/** Where the curl command starts: the index of the word `curl`, and any prompt removed. */
export interface CurlStart {
  index: number;
  prompt: string | undefined;
}

// A `curl` (or `curl.exe`) word at the start of a line, after an optional shell prompt.
const CURL_LINE = /^[ \t]*((?:\$|%|>|PS>|PS [^\n>]*>)[ \t]+)?(curl(?:\.exe)?)(?=\s|$)/gim;

/** Find the first line that starts with curl (after an optional `$ `, `% ` or `PS …>` prompt). */
export function locateCurl(text: string): CurlStart | undefined {
  CURL_LINE.lastIndex = 0;
  const m = CURL_LINE.exec(text);
  if (m === null) return undefined;
  const word = m[2] ?? 'curl';
  return { index: m.index + m[0].length - word.length, prompt: m[1]?.trim() };
}

/** A short name for the tool the text seems to use instead of curl, for the error hint. */
export function guessOtherTool(text: string): string | undefined {
  const m =
    /^\s*(?:\$\s+)?(wget|https?|xh|Invoke-WebRequest|Invoke-RestMethod|iwr|irm|fetch)(?=\s)/im.exec(
      text,
    );
  return m?.[1];
}
