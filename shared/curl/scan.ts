/**
 * A quote-state scan of one command, done before shell-quote splits it into words, because
 * shell-quote does not report what we must: it accepts an unclosed quote silently, runs on past
 * a newline into the next command, and reads a `#` inside a word as the start of a comment.
 * This pass does not split words; it only finds where the command ends, removes line
 * continuations and comments, and escapes what shell-quote would misread.
 */

/** Which shell the command was written for; decides how backslashes, `$` and `#` are read. */
export type ShellDialect = 'posix' | 'cmd' | 'powershell';

/** The end of the command's text, or where its quoting went wrong. */
export type ScanResult =
  | {
      ok: true;
      /** The command text for shell-quote. */
      command: string;
      /** Whatever followed the command's final newline. */
      rest: string;
      continuations: number;
      looseContinuations: number;
      comments: number;
    }
  | { ok: false; quote: string; offset: number };

type State = 'plain' | 'single' | 'double' | 'ansi' | 'comment';

const OPERATOR_OR_SPACE = /[ \t|&;()<>]/;

/** Scan from `from` to the end of the command (an unquoted newline) in the given dialect. */
export function scanCommand(text: string, from: number, dialect: ShellDialect): ScanResult {
  let out = '';
  let state: State = 'plain';
  let wordStart = true;
  let openedAt = -1;
  let continuations = 0;
  let looseContinuations = 0;
  let comments = 0;
  const windows = dialect !== 'posix';
  const finish = (end: number): ScanResult => ({
    ok: true,
    command: out,
    rest: text.slice(end),
    continuations,
    looseContinuations,
    comments,
  });

  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (state === 'comment') {
      if (c === '\n') return finish(i + 1);
      continue;
    }
    if (state === 'single') {
      out += c;
      if (c === "'") state = 'plain';
      continue;
    }
    if (c === '\\' && windows && state !== 'ansi') {
      // Windows programs read backslashes literally unless they precede a quote, so double
      // the others to make POSIX parsing keep them (C:\certs\ca.pem stays intact).
      let j = i;
      while (text[j] === '\\') j++;
      const run = text.slice(i, j);
      if (text[j] !== '"') {
        out += run + run;
        i = j - 1;
      } else if (run.length % 2 === 1) {
        // An odd run escapes the quote: it is text, not a delimiter, in both readings.
        out += run + '"';
        i = j;
      } else {
        out += run;
        i = j - 1;
      }
      wordStart = false;
      continue;
    }
    if (c === '`' && dialect === 'powershell' && next !== undefined && state !== 'ansi') {
      // PowerShell's escape character; rewritten as the POSIX escape that keeps `next` literal.
      const special = next === '"' || next === '\\' || next === '$';
      out += state === 'plain' || special ? '\\' + next : next;
      i++;
      wordStart = false;
      continue;
    }
    if (state === 'double' || state === 'ansi') {
      if (c === '\\' && next !== undefined) {
        if (next === '\n' && state === 'double') continuations++;
        // POSIX unescapes \` inside double quotes; shell-quote would keep the backslash.
        else if (next === '`' && state === 'double') out += next;
        else out += c + next;
        i++;
        continue;
      }
      if (c === '$' && dialect === 'cmd') out += '\\';
      out += c;
      if ((state === 'double' && c === '"') || (state === 'ansi' && c === "'")) state = 'plain';
      continue;
    }
    // plain
    if (c === '\n') return finish(i + 1);
    if (c === '\\') {
      let j = i + 1;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '\n' || j >= text.length) {
        // `\` + newline joins lines; with spaces before the newline (a common copy-paste
        // accident) bash would end the command, but joining is clearly what was meant.
        if (j > i + 1) {
          looseContinuations++;
          out += ' ';
          wordStart = true;
        } else {
          continuations++;
        }
        i = j;
        continue;
      }
      out += c + (next ?? '');
      i++;
      wordStart = false;
      continue;
    }
    if (c === '#') {
      if (wordStart && dialect !== 'cmd') {
        state = 'comment';
        comments++;
      } else {
        out += '\\#';
        wordStart = false;
      }
      continue;
    }
    if (c === '$' && dialect === 'cmd') {
      out += '\\$';
      wordStart = false;
      continue;
    }
    if (c === "'" || c === '"') {
      state = c === "'" ? 'single' : 'double';
      openedAt = i;
    } else if (c === '$' && next === "'" && dialect === 'posix') {
      state = 'ansi';
      openedAt = i;
      out += c + next;
      i++;
      wordStart = false;
      continue;
    }
    out += c;
    wordStart = OPERATOR_OR_SPACE.test(c);
  }
  if (state === 'single' || state === 'double' || state === 'ansi') {
    const quote = state === 'single' ? "'" : state === 'double' ? '"' : "$'";
    return { ok: false, quote, offset: openedAt };
  }
  return finish(text.length);
}
