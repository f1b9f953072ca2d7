import { parse } from 'shell-quote';
import type { CurlUnsupported } from './types.js';

/** The command's shell words, what shell syntax followed them, and variables kept as written. */
export type WordsResult =
  | { ok: true; words: string[]; trailing: CurlUnsupported | undefined; variables: string[] }
  | { ok: false; message: string };

const SPECIAL_PARAMETER = /^(?:[*@#?$!-]|\d+)$/;

/**
 * Split a (scanned) command into shell words with shell-quote. Variable references are kept
 * literally instead of expanding to nothing, so `"Bearer ${token}"` stays visible and becomes
 * something the user is asked to fill in.
 */
export function splitWords(command: string): WordsResult {
  const variables: string[] = [];
  const keep = (key: string): string | undefined => {
    // shell-quote asks for '' when a `$` is followed by nothing usable; undefined keeps the `$`.
    if (key === '') return undefined;
    if (SPECIAL_PARAMETER.test(key)) return '$' + key;
    const braced = command.includes('${' + key + '}') || !/^\w+$/.test(key);
    const literal = braced ? '${' + key + '}' : '$' + key;
    if (!variables.includes(literal)) variables.push(literal);
    return literal;
  };
  let entries: ReturnType<typeof parse>;
  try {
    entries = parse(command, keep);
  } catch (error) {
    // shell-quote throws only for a malformed `${…}` substitution.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: detail };
  }
  const words: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === 'string') {
      words.push(entry);
    } else if (typeof entry === 'object' && 'op' in entry && entry.op === 'glob') {
      // An unquoted `?` or `*` (a URL's query) is a glob to a shell; curl gets it unchanged.
      words.push(entry.pattern);
    } else if (typeof entry === 'object' && 'op' in entry) {
      return { ok: true, words, trailing: describeTrailing(entries.slice(i), words), variables };
    }
    // Comments were removed by the scan; any left over carry nothing curl would see.
  }
  return { ok: true, words, trailing: undefined, variables };
}

function describeTrailing(rest: ReturnType<typeof parse>, words: string[]): CurlUnsupported {
  // Only the operator and the next word are shown: later words may hold credentials.
  const [first, second] = rest.map((e) => {
    if (typeof e === 'string') return e;
    if ('pattern' in e) return e.pattern;
    return 'op' in e ? e.op : '';
  });
  const shown = [first, second].filter((w) => w !== undefined && w !== '').join(' ');
  const op = first ?? '';
  const previous = words[words.length - 1] ?? '';
  if (op === '&' && previous.includes('?')) {
    return {
      option: '&',
      reason:
        'An unquoted & ends the command in a shell, so the URL was cut at the &. Put the URL in quotes to keep its whole query.',
    };
  }
  return {
    option: rest.length > 2 ? shown + ' …' : shown,
    reason: `Shell syntax after the curl command (${op}) was not imported: pipes, redirects and further commands do not change the request.`,
  };
}
