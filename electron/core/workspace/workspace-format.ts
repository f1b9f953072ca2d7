import { isNode, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { z } from 'zod';
import type { WorkspaceProblem } from '#shared/workspace/schemas.js';

/**
 * Reading and writing the workspace's YAML files. Output is stable: the schema's key order (zod
 * builds parsed objects in the order of its shape), 2-space indent, no line folding, one trailing
 * newline, so saving an unchanged request gives the same bytes and a diff shows only real edits.
 */

/** The text of a workspace file for `value`, parsed through `schema` to fix its key order. */
export function serializeWorkspaceFile<S extends z.ZodType>(schema: S, value: z.input<S>): string {
  const ordered = schema.parse(value);
  const text = stringify(ordered, { indent: 2, lineWidth: 0, minContentWidth: 0 });
  return text.endsWith('\n') ? text : `${text}\n`;
}

type ParsedFile<T> = { ok: true; value: T } | { ok: false; problem: WorkspaceProblem };

/**
 * Parse a workspace file. A YAML syntax error or a value the schema refuses is reported with the
 * file's path and the 1-based line and column of the problem (for a schema problem, the line of
 * the key it is about, or of its nearest parent that exists in the file).
 */
export function parseWorkspaceFile<S extends z.ZodType>(
  schema: S,
  path: string,
  text: string,
): ParsedFile<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const at = lineCounter.linePos(syntax.pos[0]);
    return {
      ok: false,
      problem: { path, line: at.line, column: at.col, message: firstLine(syntax.message) },
    };
  }
  const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const keys = (issue?.path ?? []).map((k) => (typeof k === 'symbol' ? String(k) : k));
  const offset = offsetOf(doc, keys);
  const at = offset === undefined ? undefined : lineCounter.linePos(offset);
  const where = keys.length > 0 ? `${keys.join('.')}: ` : '';
  return {
    ok: false,
    problem: {
      path,
      line: at?.line ?? null,
      column: at?.col ?? null,
      message: `${where}${issue?.message ?? 'not a valid workspace file'}`,
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Offset of the deepest node on `keys` that exists: the key of a map pair, or an item. */
function offsetOf(doc: Document, keys: readonly (string | number)[]): number | undefined {
  for (let depth = keys.length; depth > 0; depth -= 1) {
    const parent = depth === 1 ? doc.contents : doc.getIn(keys.slice(0, depth - 1), true);
    const key = keys[depth - 1];
    if (!isNode(parent) || !('items' in parent) || !Array.isArray(parent.items)) continue;
    const items: unknown[] = parent.items;
    if (typeof key === 'number') {
      const item = items[key];
      if (isNode(item) && item.range) return item.range[0];
      continue;
    }
    for (const pair of items) {
      if (pair === null || typeof pair !== 'object' || !('key' in pair)) continue;
      const pairKey = pair.key;
      if (isNode(pairKey) && 'value' in pairKey && pairKey.value === key && pairKey.range) {
        return pairKey.range[0];
      }
    }
  }
  const root = doc.contents;
  return isNode(root) && root.range ? root.range[0] : 0;
}
