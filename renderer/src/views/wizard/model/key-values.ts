import {
  headerNameProblem,
  headerValueProblem,
  inputLimits,
  singleLineProblem,
} from '#shared/input-rules.js';

/**
 * Extra parameters and headers are edited as text, one per line ("name=value", "Name: value"),
 * which is how people copy them out of documentation.
 */

export interface ParsedLines {
  values: Record<string, string>;
  /** A message naming the first line that could not be read, or undefined. */
  error: string | undefined;
}

function parseLines(
  text: string,
  separator: '=' | ':',
  check: (name: string, value: string) => string | undefined,
): ParsedLines {
  const values: Record<string, string> = {};
  // A textarea gives \n; a lone \r (from a pasted file or an import) is a line break all the same,
  // so it can never end up inside a value.
  const lines = text.split(/\r\n|\r|\n/);
  const noun = separator === '=' ? 'parameters' : 'headers';
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf(separator);
    const example = separator === '=' ? 'name=value' : 'Name: value';
    if (at <= 0) return { values, error: `Line ${index + 1} is not "${example}".` };
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    const problem = check(name, value);
    if (problem !== undefined) return { values, error: `Line ${index + 1}: ${problem}` };
    values[name] = value;
    if (Object.keys(values).length > inputLimits.entries) {
      return {
        values,
        error: `At most ${inputLimits.entries} ${noun}; line ${index + 1} is one too many.`,
      };
    }
  }
  return { values, error: undefined };
}

/** "audience=https://api\nresource=x" → { audience: …, resource: … } */
export function parseParams(text: string): ParsedLines {
  return parseLines(
    text,
    '=',
    (name, value) =>
      singleLineProblem(name, 'The parameter name', inputLimits.headerName) ??
      singleLineProblem(value, `The value of ${name.slice(0, 40)}`, inputLimits.long),
  );
}

/** "Host: idp.example.com" → { Host: 'idp.example.com' } */
export function parseHeaders(text: string): ParsedLines {
  return parseLines(
    text,
    ':',
    (name, value) => headerNameProblem(name) ?? headerValueProblem(value, name),
  );
}

/** The inverse of parseParams. */
export function formatParams(values: Record<string, string> | undefined): string {
  return Object.entries(values ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** The inverse of parseHeaders. */
export function formatHeaders(values: Record<string, string> | undefined): string {
  return Object.entries(values ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
