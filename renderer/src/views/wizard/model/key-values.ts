/**
 * Extra parameters and headers are edited as text, one per line ("name=value", "Name: value"),
 * which is how people copy them out of documentation.
 */

export interface ParsedLines {
  values: Record<string, string>;
  /** A message naming the first line that could not be read, or undefined. */
  error: string | undefined;
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function parseLines(
  text: string,
  separator: '=' | ':',
  check: (name: string) => string | undefined,
): ParsedLines {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf(separator);
    const example = separator === '=' ? 'name=value' : 'Name: value';
    if (at <= 0) return { values, error: `Line ${index + 1} is not "${example}".` };
    const name = line.slice(0, at).trim();
    const problem = check(name);
    if (problem !== undefined) return { values, error: `Line ${index + 1}: ${problem}` };
    values[name] = line.slice(at + 1).trim();
  }
  return { values, error: undefined };
}

/** "audience=https://api\nresource=x" → { audience: …, resource: … } */
export function parseParams(text: string): ParsedLines {
  return parseLines(text, '=', () => undefined);
}

/** "Host: idp.example.com" → { Host: 'idp.example.com' } */
export function parseHeaders(text: string): ParsedLines {
  return parseLines(text, ':', (name) =>
    headerName.test(name) ? undefined : `"${name}" is not a valid header name.`,
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
