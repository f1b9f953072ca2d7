/**
 * Where a value sits in a JSON text: the offsets of the value at a JSON pointer (`/tags/0/name`),
 * or of the key naming it, so a schema problem can be shown at its line. A small scanner over
 * the text as typed (already known to parse), no second copy of the document.
 */

interface Span {
  from: number;
  to: number;
}

/** The span of the value at `pointer` (or, with `key`, of that member's key); null if absent. */
export function locatePointer(text: string, pointer: string, key?: string): Span | null {
  const steps =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = skipSpace(text, 0);
  for (const step of steps) {
    const found = child(text, at, step);
    if (found === null) return null;
    at = found.value;
  }
  if (key !== undefined) {
    const found = child(text, at, key);
    if (found !== null) return { from: found.key, to: found.keyEnd };
  }
  return { from: at, to: Math.max(at + 1, firstLineEnd(text, at, skipValue(text, at))) };
}

function firstLineEnd(text: string, from: number, to: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 || nl > to ? to : nl;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at += 1;
  return at;
}

function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The offset just after the value starting at `at`. */
function skipValue(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return skipString(text, at);
  if (c === '{' || c === '[') {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        i = skipString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth += 1;
      if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    return i;
  }
  let i = at;
  while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i += 1;
  return i;
}

/** The member `step` of the object or array starting at `at`. */
function child(
  text: string,
  at: number,
  step: string,
): { key: number; keyEnd: number; value: number } | null {
  const open = text[at];
  if (open !== '{' && open !== '[') return null;
  let i = skipSpace(text, at + 1);
  let index = 0;
  while (i < text.length && text[i] !== '}' && text[i] !== ']') {
    let keyStart = i;
    let keyEnd = i;
    let name: string | number = index;
    if (open === '{') {
      keyStart = i;
      keyEnd = skipString(text, i);
      try {
        name = JSON.parse(text.slice(keyStart, keyEnd)) as string;
      } catch {
        return null;
      }
      i = skipSpace(text, keyEnd);
      i = skipSpace(text, i + 1); // the colon
    }
    const valueStart = i;
    if (String(name) === step) return { key: keyStart, keyEnd, value: valueStart };
    i = skipSpace(text, skipValue(text, valueStart));
    if (text[i] === ',') i = skipSpace(text, i + 1);
    index += 1;
  }
  return null;
}
