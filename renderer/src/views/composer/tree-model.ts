import type { PathStep } from '#shared/requests/json-path.js';
import type { JsonChild, JsonType } from '#shared/requests/schemas.js';
import { formatBytes } from './format.js';

/** Children fetched per request, and the height of one tree row in pixels. */
export const PAGE = 200;
export const ROW_HEIGHT = 24;

/** A loaded object or array: its children arrive a page at a time. */
export interface NodeData {
  at: number;
  type: JsonType;
  count: number;
  pages: Map<number, JsonChild[]>;
}

/** One visible line of the tree; `child` is undefined until its page has loaded. */
export interface TreeRow {
  parentAt: number;
  parentType: JsonType;
  index: number;
  depth: number;
  child: JsonChild | undefined;
  parent: TreeRow | null;
}

export const isContainer = (type: JsonType): boolean => type === 'object' || type === 'array';

/** The path of a row, root first, for "copy path". */
export function pathOf(row: TreeRow): PathStep[] {
  const steps: PathStep[] = [];
  for (let r: TreeRow | null = row; r !== null; r = r.parent) {
    steps.unshift({
      key: r.parentType === 'object' ? (r.child?.key ?? null) : null,
      index: r.index,
    });
  }
  return steps;
}

/** "{…} 6 keys", "[…] 109,000 items", or the size while the count is not known yet. */
export function summary(child: JsonChild, known: number | undefined): string {
  const count = child.count ?? known ?? null;
  const size = formatBytes(child.end - child.at);
  const [open, one, many] =
    child.type === 'object' ? ['{…}', 'key', 'keys'] : ['[…]', 'item', 'items'];
  if (count === null) return `${open} ${size}`;
  return `${open} ${count.toLocaleString('en-US')} ${count === 1 ? one : many}${count > 10_000 ? ` · ${size}` : ''}`;
}

/**
 * The visible rows: every child of each open node in order (a placeholder until its page has
 * arrived), so the virtualiser knows the full height and asks for pages only as they show.
 */
export function flattenTree(
  nodes: ReadonlyMap<number, NodeData>,
  rootAt: number | null,
  expanded: ReadonlySet<number>,
): TreeRow[] {
  const out: TreeRow[] = [];
  const root = rootAt === null ? undefined : nodes.get(rootAt);
  if (root === undefined) return out;
  const walk = (node: NodeData, depth: number, parent: TreeRow | null): void => {
    for (let i = 0; i < node.count; i++) {
      const child = node.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
      const row: TreeRow = {
        parentAt: node.at,
        parentType: node.type,
        index: i,
        depth,
        child,
        parent,
      };
      out.push(row);
      if (child !== undefined && isContainer(child.type) && expanded.has(child.at)) {
        const inner = nodes.get(child.at);
        if (inner !== undefined) walk(inner, depth + 1, row);
      }
    }
  };
  if (isContainer(root.type)) walk(root, 0, null);
  else {
    const child = root.pages.get(0)?.[0];
    out.push({ parentAt: root.at, parentType: 'array', index: 0, depth: 0, child, parent: null });
  }
  return out;
}
