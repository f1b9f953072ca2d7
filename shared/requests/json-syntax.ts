/** A JSON syntax error: where it is (offset, 1-based line and column) and what is wrong. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** The parser's sentence without its own position ("Expected ',' or '}' after …"). */
  message: string;
}

/** Where a JSON.parse message says the error is (V8 says "position N" or "line L column C"). */
function errorOffset(message: string, text: string): number {
  const position = /position (\d+)/.exec(message);
  if (position?.[1] !== undefined) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn?.[1] !== undefined && lineColumn[2] !== undefined) {
    const lines = text.split('\n').slice(0, Number(lineColumn[1]) - 1);
    return lines.reduce((sum, l) => sum + l.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  return text.length;
}

/** The parser's words without "in JSON at position 12 (line 1 column 13)": the UI says where. */
function plainMessage(message: string): string {
  const cleaned = message
    .replace(/^JSON\.parse: /, '')
    // V8 quotes the text around the error; the UI points at it instead (and a body may be huge).
    .replace(/,\s*".*" is not valid JSON\.?$/s, '')
    .replace(/\s*is not valid JSON\.?$/s, '')
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/\s*at line \d+ column \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .trim();
  return cleaned === '' ? 'The JSON is not valid.' : cleaned;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/**
 * The first syntax error of a JSON text, or null when it parses. The caller may mask parts that are
 * filled in later (e.g. `{{variables}}`) as long as offsets stay the same.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const raw = Math.min(errorOffset(message, text), text.length);
    // "Unexpected end" points past the last character; show the last one instead.
    const offset = Math.max(0, raw === text.length ? raw - 1 : raw);
    return { offset, ...lineColumnOf(text, offset), message: plainMessage(message) };
  }
}
