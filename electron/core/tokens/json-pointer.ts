/** Read the value at an RFC 6901 JSON pointer, or undefined when any step is missing. */
export function getByPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** The first key of a pointer (`/data/token` → `data`), to keep that branch out of "extras". */
export function topLevelKey(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/')[0]?.replace(/~1/g, '/').replace(/~0/g, '~');
}
