import { readFile, writeFile } from 'node:fs/promises';
import { JSONPath } from 'jsonpath-plus';
import { AppError } from '#shared/errors.js';
import type { ResponseStore } from './response-store.js';

/** Bodies larger than this are not filtered: parsing them would hold main for seconds. */
const MAX_FILTER_BYTES = 64 * 1024 * 1024;
/** A filter result larger than this is refused (narrow the expression). */
const MAX_FILTER_RESULT_BYTES = 64 * 1024 * 1024;

const invalid = (why: string): AppError =>
  new AppError('validation', `The filter is not a valid JSONPath expression: ${why}.`, {
    hint: 'For example $.items[*].name, $..id or $.items[?(@.price > 10)].',
  });

/** Brackets, parentheses and quotes must balance; jsonpath-plus quietly accepts some that do not. */
export function checkJsonPath(expression: string): void {
  if (!expression.startsWith('$')) throw invalid('it must start with $ (the whole body)');
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i] as string;
    if (quote !== '') {
      if (c === '\\') i += 1;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') stack.push(c === '[' ? ']' : ')');
    else if (c === ']' || c === ')') {
      if (stack.pop() !== c) throw invalid(`"${c}" at character ${i + 1} closes nothing`);
    }
  }
  if (quote !== '') throw invalid('a quoted name is not closed');
  const open = stack.at(-1);
  if (open !== undefined) throw invalid(`"${open === ']' ? '[' : '('}" is not closed`);
  if (/[.]$/.test(expression) && !expression.endsWith('..')) throw invalid('it ends with "."');
}

/**
 * The live filter of the viewer: a JSONPath expression (jsonpath-plus, with its safe evaluator
 * for `?()` filters) run in main over the parsed body, the matches written as a JSON array to a
 * derived body that the pretty view pages like any other. The last parsed body is kept, so typing
 * an expression a character at a time parses a large body once.
 */
export class BodyFilter {
  private parsed: { id: string; value: unknown } | null = null;

  constructor(private readonly store: () => ResponseStore) {}

  async filter(id: string, expression: string): Promise<{ responseId: string; count: number }> {
    const bodies = this.store();
    const body = bodies.get(id);
    const path = expression.trim();
    checkJsonPath(path);
    if (body.kind !== 'json') {
      throw new AppError('validation', 'Only JSON bodies can be filtered.', {
        hint: 'Use search to find text in this body.',
      });
    }
    if (body.size > MAX_FILTER_BYTES) {
      throw new AppError('validation', 'This body is too large to filter (over 64 MB).', {
        hint: 'Use search, which scans bodies of any size.',
      });
    }
    // A kept parse of a body that is gone is dropped before parsing another.
    if (this.parsed !== null && this.parsed.id !== id) this.parsed = null;
    const value = await this.parse(id, body.path);
    let matches: unknown[];
    try {
      matches = JSONPath({ path, json: value as object, wrap: true, eval: 'safe' }) as unknown[];
    } catch (error) {
      throw invalid(error instanceof Error ? error.message.replace(/^jsonPath: /, '') : 'error');
    }
    const text = JSON.stringify(matches ?? []);
    if (text.length > MAX_FILTER_RESULT_BYTES) {
      throw new AppError('validation', 'The filter matched more than 64 MB.', {
        hint: 'Narrow the expression.',
      });
    }
    const reserved = bodies.reserve();
    await writeFile(reserved.path, text, { mode: 0o600 });
    bodies.addDerived(id, {
      id: reserved.id,
      path: reserved.path,
      size: Buffer.byteLength(text),
      kind: 'json',
      contentType: 'application/json',
    });
    return { responseId: reserved.id, count: (matches ?? []).length };
  }

  private async parse(id: string, path: string): Promise<unknown> {
    if (this.parsed?.id === id) return this.parsed.value;
    this.parsed = null;
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      throw new AppError(
        'malformed_response',
        'The body is not valid JSON, so it cannot be filtered.',
        {
          hint: 'Look at it in the Raw view.',
        },
      );
    }
    this.parsed = { id, value };
    return value;
  }
}
