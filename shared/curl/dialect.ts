import { scanCommand, type ShellDialect } from './scan.js';

/**
 * Which shell a pasted command was written for, and its text rewritten so the POSIX scan and
 * shell-quote can read it. Windows cmd and PowerShell are recognised by how the first line of
 * the command ends (a caret or a backtick where bash would have a backslash) when read with
 * POSIX quoting, so a `^` or backtick inside a quoted value does not switch dialects.
 */
export function readDialect(
  text: string,
  start: number,
): { text: string; dialect: ShellDialect; note?: string } {
  const dialect = detect(text, start);
  const head = text.slice(0, start);
  const command = text.slice(start);
  if (dialect === 'cmd') {
    return {
      text: head + undoCmdCarets(command),
      dialect,
      note: 'Read as a Windows cmd command: ^ line continuations and ^ escapes removed.',
    };
  }
  if (dialect === 'powershell') {
    return {
      text: head + undoPowerShellBackticks(command),
      dialect,
      note: 'Read as a PowerShell command: backtick line continuations joined.',
    };
  }
  return { text, dialect };
}

function detect(text: string, start: number): ShellDialect {
  // Browsers' "Copy as cURL (cmd)" starts with `curl ^"https://…^"`.
  if (/^curl(?:\.exe)?[ \t]+\^"/i.test(text.slice(start))) return 'cmd';
  const probe = scanCommand(text, start, 'posix');
  if (probe.ok) {
    const firstLine = probe.command.trimEnd();
    if (probe.rest.trim() === '') return 'posix';
    if (firstLine.endsWith('^')) return 'cmd';
    if (firstLine.endsWith('`')) return 'powershell';
    return 'posix';
  }
  // Unbalanced under POSIX rules (cmd quoting differs): fall back to line-end markers.
  if (/\^[ \t]*\n/.test(text.slice(start))) return 'cmd';
  if (/`[ \t]*\n/.test(text.slice(start))) return 'powershell';
  return 'posix';
}

/**
 * cmd's own layer: outside cmd quotes `^x` is x and `^` at a line end joins the next line; inside
 * quotes a caret is literal. Browsers' "Copy as cURL (cmd)" writes every quote as `^"`, which is an
 * escaped (literal) quote to cmd and a real quote to curl.exe's argument parser.
 */
function undoCmdCarets(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    if (c !== '^' || quoted) {
      out += c;
      continue;
    }
    const tail = /^\^[ \t]*\n/.exec(text.slice(i, i + 64));
    if (tail !== null) {
      out += ' ';
      i += tail[0].length - 1;
    } else if (i + 1 < text.length) {
      out += text[i + 1];
      i += 1;
    }
  }
  return out;
}

/** Join backtick continuations; the scanner reads PowerShell's other backtick escapes. */
function undoPowerShellBackticks(text: string): string {
  return text.replace(/`[ \t]*\n/g, ' ');
}
