import { applyOption, newBuilder, type RequestBuilder } from './apply-option.js';
import { readDialect } from './dialect.js';
import { finishRequest } from './finish.js';
import { guessOtherTool, locateCurl, normaliseText } from './normalize.js';
import { longOption, shortOption, type OptionSpec } from './options.js';
import { scanCommand } from './scan.js';
import type { CurlParseResult } from './types.js';
import { splitWords } from './words.js';

const EXAMPLE =
  "curl -u 'CLIENT_ID:CLIENT_SECRET' -d grant_type=client_credentials https://idp.example.com/oauth2/token";

function failure(message: string, hint: string): CurlParseResult {
  return { ok: false, error: { message, hint } };
}

/** Parse a pasted curl command into a request, with notes on what was read and what was not. */
export function parseCurl(input: string): CurlParseResult {
  if (input.trim() === '') {
    return failure('There is nothing to import.', `Paste a curl command, for example: ${EXAMPLE}`);
  }
  const normalised = normaliseText(input);
  const notes = normalised.notes;
  const start = locateCurl(normalised.text);
  if (start === undefined) {
    const other = guessOtherTool(normalised.text);
    return failure(
      other === undefined
        ? 'This does not look like a curl command.'
        : `This looks like a ${other} command, not curl.`,
      `Paste a command whose first word is curl, for example: ${EXAMPLE}`,
    );
  }
  if (start.prompt !== undefined)
    notes.push(`Removed the shell prompt "${start.prompt}" before curl.`);
  if (normalised.text.slice(0, start.index).trim() !== '' && start.prompt === undefined) {
    notes.push('Ignored the text before the curl command.');
  }
  const { text, dialect, note } = readDialect(normalised.text, start.index);
  if (note !== undefined) notes.push(note);

  const scan = scanCommand(text, start.index, dialect);
  if (!scan.ok) {
    const line = text.slice(0, scan.offset).split('\n').length;
    const where = dialect === 'posix' ? ` on line ${line}` : '';
    return failure(
      `A ${scan.quote === '"' ? 'double' : 'single'} quote (${scan.quote}) opened${where} is never closed.`,
      'Check that the whole command was copied, and that a quote inside a value is escaped or the value is quoted with the other kind of quote.',
    );
  }
  if (scan.continuations > 0)
    notes.push('Joined lines ending in a backslash (line continuations).');
  if (scan.looseContinuations > 0) {
    notes.push(
      'A backslash at a line end was followed by spaces; joined the lines anyway, as clearly intended.',
    );
  }
  if (scan.comments > 0) notes.push('Ignored a # comment.');

  const split = splitWords(scan.command);
  if (!split.ok) {
    return failure(
      // shell-quote's message quotes the rest of the word, which may hold a secret: not shown.
      'The command has a malformed ${…} variable.',
      'Replace the variable with its value, or close its braces.',
    );
  }
  const b = newBuilder();
  b.notes.push(...notes);
  for (const variable of split.variables) {
    b.notes.push(`Kept the shell variable ${variable} as written; replace it with its value.`);
  }
  readWords(b, split.words.slice(1));
  if (split.trailing !== undefined) b.unsupported.push(split.trailing);
  reportRest(b, scan.rest);
  return finishRequest(b);
}

/** Walk curl's arguments: options (long, short, clustered or glued) and URLs. */
function readWords(b: RequestBuilder, words: readonly string[]): void {
  let optionsEnded = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = (): string | undefined => {
      i += 1;
      return words[i];
    };
    if (optionsEnded || !word.startsWith('-') || word === '-') {
      b.urls.push(word);
    } else if (word === '--') {
      optionsEnded = true;
    } else if (word.startsWith('--')) {
      readLong(b, word, next);
    } else {
      readShortCluster(b, word, next);
    }
  }
}

function readLong(b: RequestBuilder, word: string, next: () => string | undefined): void {
  let name = word.slice(2);
  let spec = longOption(name);
  let inline: string | undefined;
  let negated = false;
  const eq = name.indexOf('=');
  if (spec === undefined && eq > 0 && longOption(name.slice(0, eq))?.takesValue === true) {
    // curl itself has no --name=value form, but people write it; the intent is unambiguous.
    inline = name.slice(eq + 1);
    name = name.slice(0, eq);
    spec = longOption(name);
    b.notes.push(`Read --${name}=… as --${name} followed by its value.`);
  }
  if (spec === undefined && name.startsWith('no-')) {
    const positive = longOption(name.slice(3));
    if (positive !== undefined && !positive.takesValue) {
      spec = positive;
      negated = true;
    }
  }
  if (spec === undefined) {
    const shown = eq > 0 ? word.slice(0, eq + 2) : word;
    b.unsupported.push({
      option: shown,
      reason: 'Unknown curl option. If it takes a value, that value may have been read as a URL.',
    });
    return;
  }
  take(b, spec, negated ? `--no-${spec.long}` : `--${spec.long}`, inline, next, negated);
}

function readShortCluster(b: RequestBuilder, word: string, next: () => string | undefined): void {
  // `-sSL` is three flags; `-XPOST` and `-d'a=b'` glue a value to its letter.
  for (let k = 1; k < word.length; k++) {
    const letter = word[k] as string;
    const spec = shortOption(letter);
    if (spec === undefined) {
      b.unsupported.push({
        option: `-${letter}`,
        reason:
          k < word.length - 1
            ? `Unknown curl option; the rest of "${word.slice(0, 2)}…" was skipped with it.`
            : 'Unknown curl option. If it takes a value, that value may have been read as a URL.',
      });
      return;
    }
    if (spec.takesValue) {
      const glued = word.slice(k + 1);
      take(b, spec, `-${letter}`, glued === '' ? undefined : glued, next, false);
      return;
    }
    applyOption(b, spec, `-${letter}`, undefined, false);
  }
}

function take(
  b: RequestBuilder,
  spec: OptionSpec,
  written: string,
  inline: string | undefined,
  next: () => string | undefined,
  negated: boolean,
): void {
  if (!spec.takesValue) {
    applyOption(b, spec, written, undefined, negated);
    return;
  }
  const value = inline ?? next();
  if (value === undefined) {
    b.unsupported.push({ option: written, reason: 'The option is missing its value.' });
    return;
  }
  applyOption(b, spec, written, value, negated);
}

/** Report, without echoing it, whatever followed the imported command. */
function reportRest(b: RequestBuilder, rest: string): void {
  const lines = rest.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return;
  const curls = lines.filter((line) => /^\s*(?:\S+\s+)?curl(?:\.exe)?(?:\s|$)/i.test(line)).length;
  b.unsupported.push({
    option:
      curls > 0 ? `${curls} more curl command${curls > 1 ? 's' : ''}` : 'text after the command',
    reason:
      curls > 0
        ? 'Only the first curl command is imported; paste the others one at a time.'
        : `${lines.length} line${lines.length > 1 ? 's' : ''} after the curl command were not imported.`,
  });
}
