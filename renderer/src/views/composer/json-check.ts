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

/** A JSON syntax error and where it is. */
export interface JsonProblem {
  from: number;
  to: number;
  message: string;
  line: number;
}

/**
 * JSON syntax errors, with `{{variables}}` read as a number of the same length so that
 * `{"id": {{id}}}` is not an error (the variable is filled in before sending).
 */
export function jsonProblems(text: string): JsonProblem[] {
  if (text.trim() === '') return [];
  const masked = text.replace(/\{\{[^{}\n]*\}\}/g, (m) => '0' + ' '.repeat(m.length - 1));
  try {
    JSON.parse(masked);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    const at = Math.min(errorOffset(message, masked), text.length);
    const from = Math.max(0, at === text.length ? at - 1 : at);
    return [
      {
        from,
        to: Math.min(text.length, from + 1),
        message: message.replace(/^JSON\.parse: /, ''),
        line: text.slice(0, from).split('\n').length,
      },
    ];
  }
}
