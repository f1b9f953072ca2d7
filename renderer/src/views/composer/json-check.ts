import { jsonSyntaxError } from '#shared/requests/json-syntax.js';

/** A JSON syntax error and where it is (1-based line and column, for the message). */
export interface JsonProblem {
  from: number;
  to: number;
  message: string;
  line: number;
  column: number;
}

/**
 * JSON syntax errors, with `{{variables}}` read as a number of the same length so that
 * `{"id": {{id}}}` is not an error (the variable is filled in before sending).
 */
export function jsonProblems(text: string): JsonProblem[] {
  if (text.trim() === '') return [];
  const masked = text.replace(/\{\{[^{}\n]*\}\}/g, (m) => '0' + ' '.repeat(m.length - 1));
  const error = jsonSyntaxError(masked);
  if (error === null) return [];
  return [
    {
      from: error.offset,
      to: Math.min(text.length, error.offset + 1),
      message: error.message,
      line: error.line,
      column: error.column,
    },
  ];
}

/** "Line 2, column 5: Expected ',' or '}' after property value." */
export function describeJsonProblem(problem: JsonProblem): string {
  const sentence = /[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`;
  return `Line ${problem.line}, column ${problem.column}: ${sentence}`;
}
