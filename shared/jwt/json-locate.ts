/** Where a JSON text first goes wrong, and what was expected there. */
export interface JsonSyntaxError {
  /** 0-based UTF-16 index in the text. */
  index: number;
  /** What the parser expected at `index`, e.g. `',' or '}'`. */
  expected: string;
}

type State =
  'value' | 'arr_first' | 'obj_first' | 'obj_key' | 'colon' | 'obj_next' | 'arr_next' | 'end';

const EXPECTED: Record<State, string> = {
  value: 'a value',
  arr_first: "a value or ']'",
  obj_first: "a property name in double quotes or '}'",
  obj_key: 'a property name in double quotes',
  colon: "':'",
  obj_next: "',' or '}'",
  arr_next: "',' or ']'",
  end: 'nothing more (the JSON value has ended)',
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Finds the first syntax error in a JSON text, or null when it is valid. JSON.parse only says
 * where in some of its messages (V8 omits the position for "Unexpected token"), and the
 * inspector promises a position, so this small iterative scanner (no recursion: deeply nested
 * input cannot overflow the stack) runs only after JSON.parse has failed.
 */
export function locateJsonError(text: string): JsonSyntaxError | null {
  const stack: Array<'o' | 'a'> = [];
  const n = text.length;
  let state: State = 'value';
  let i = 0;
  const fail = (index: number, expected: string): JsonSyntaxError => ({ index, expected });
  const afterValue = (): State => {
    const top = stack[stack.length - 1];
    return top === undefined ? 'end' : top === 'o' ? 'obj_next' : 'arr_next';
  };

  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i += 1;
    if (i >= n) return state === 'end' ? null : fail(n, EXPECTED[state]);
    const c = text[i];
    switch (state) {
      case 'value':
      case 'arr_first': {
        if (state === 'arr_first' && c === ']') {
          stack.pop();
          i += 1;
          state = afterValue();
          break;
        }
        if (c === '{' || c === '[') {
          stack.push(c === '{' ? 'o' : 'a');
          state = c === '{' ? 'obj_first' : 'arr_first';
          i += 1;
          break;
        }
        const end = scanScalar(text, i);
        if (typeof end !== 'number') return end ?? fail(i, EXPECTED[state]);
        i = end;
        state = afterValue();
        break;
      }
      case 'obj_first':
      case 'obj_key': {
        if (state === 'obj_first' && c === '}') {
          stack.pop();
          i += 1;
          state = afterValue();
          break;
        }
        if (c !== '"') return fail(i, EXPECTED[state]);
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        state = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return fail(i, EXPECTED.colon);
        i += 1;
        state = 'value';
        break;
      case 'obj_next':
      case 'arr_next': {
        const close = state === 'obj_next' ? '}' : ']';
        if (c === ',') {
          state = state === 'obj_next' ? 'obj_key' : 'value';
          i += 1;
        } else if (c === close) {
          stack.pop();
          i += 1;
          state = afterValue();
        } else return fail(i, EXPECTED[state]);
        break;
      }
      case 'end':
        return fail(i, EXPECTED.end);
    }
  }
}

/** Scans a string, number or literal at `i`: its end index, an error, or undefined if none starts here. */
function scanScalar(text: string, i: number): number | JsonSyntaxError | undefined {
  const c = text[i];
  if (c === '"') return scanString(text, i);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    return match === null ? { index: i, expected: 'a number' } : i + match[0].length;
  }
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  return undefined;
}

function scanString(text: string, start: number): number | JsonSyntaxError {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { index: i, expected: 'no raw control character inside a string' };
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { index: i, expected: 'four hex digits after \\u' };
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) {
        return { index: i, expected: 'a valid escape sequence' };
      }
      i += 2;
      continue;
    }
    i += 1;
  }
  return { index: n, expected: "a closing '\"' (the string is cut off)" };
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
