import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import type { IpcError } from '#shared/errors.js';
import { formatJsonPath } from '#shared/requests/json-path.js';
import type { JsonChild, JsonStep } from '#shared/requests/schemas.js';
import {
  copyToClipboard,
  readJsonChildren,
  readJsonValue,
} from '../../services/requests-service.js';
import {
  flattenTree,
  isContainer,
  PAGE,
  pathOf,
  ROW_HEIGHT,
  type NodeData,
  type TreeRow,
} from './tree-model.js';
import { TreeRowView } from './tree-row.js';

/**
 * The body as a collapsible JSON tree built lazily in main: each node's children are fetched a
 * page at a time when they scroll into view, so a 50 MB array opens as fast as a small one and
 * the window never holds more than what is on screen (plus a few pages).
 */
export function JsonTree({
  responseId,
  reveal,
}: {
  responseId: string;
  reveal: { path: JsonStep[]; nonce: number } | null;
}): ReactElement {
  const nodes = useRef(new Map<number, NodeData>());
  const inFlight = useRef(new Set<string>());
  const [version, setVersion] = useState(0);
  const [rootAt, setRootAt] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<IpcError | null>(null);
  const [status, setStatus] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const bump = (): void => setVersion((v) => v + 1);

  const loadPage = useCallback(
    async (at: number | undefined, page: number): Promise<NodeData | null> => {
      const key = `${at ?? 'root'}:${page}`;
      if (inFlight.current.has(key)) return null;
      inFlight.current.add(key);
      const result = await readJsonChildren(responseId, at, page * PAGE, PAGE);
      inFlight.current.delete(key);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      const v = result.value;
      const node = nodes.current.get(v.at) ?? {
        at: v.at,
        type: v.type,
        count: v.count,
        pages: new Map<number, JsonChild[]>(),
      };
      node.pages.set(page, v.children);
      nodes.current.set(v.at, node);
      bump();
      return node;
    },
    [responseId],
  );

  useEffect(() => {
    nodes.current = new Map();
    setRootAt(null);
    setExpanded(new Set());
    setError(null);
    void loadPage(undefined, 0).then((node) => {
      if (node !== null) setRootAt(node.at);
    });
  }, [loadPage]);

  const rows = useMemo(
    () => flattenTree(nodes.current, rootAt, expanded),
    // `version` changes whenever a page arrives in the mutable node map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rootAt, expanded, version],
  );

  // No React Compiler here; the virtualizer's functions are meant to change every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();

  // Fetch the pages of the rows on screen that are still placeholders.
  useEffect(() => {
    for (const item of items) {
      const row = rows[item.index];
      if (row === undefined || row.child !== undefined) continue;
      void loadPage(row.parentAt, Math.floor(row.index / PAGE));
    }
  }, [items, rows, loadPage]);

  const toggle = useCallback(
    async (row: TreeRow, open?: boolean): Promise<void> => {
      const child = row.child;
      if (child === undefined || !isContainer(child.type)) return;
      const isOpen = expanded.has(child.at);
      const want = open ?? !isOpen;
      if (want === isOpen) return;
      if (want && !nodes.current.has(child.at)) await loadPage(child.at, 0);
      setExpanded((prev) => {
        const next = new Set(prev);
        if (want) next.add(child.at);
        else next.delete(child.at);
        return next;
      });
    },
    [expanded, loadPage],
  );

  // Reveal a search hit: open every container on its path, then scroll to it.
  const pendingReveal = useRef<{ parentAt: number; index: number } | null>(null);
  useEffect(() => {
    if (reveal === null || rootAt === null || reveal.path.length === 0) return;
    let live = true;
    void (async () => {
      const open = new Set(expanded);
      let parentAt = rootAt;
      const steps = reveal.path;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i] as JsonStep;
        const page = Math.floor(step.index / PAGE);
        if (nodes.current.get(parentAt)?.pages.has(page) !== true) await loadPage(parentAt, page);
        if (i === steps.length - 1) break;
        if (!nodes.current.has(step.at)) await loadPage(step.at, 0);
        open.add(step.at);
        parentAt = step.at;
      }
      const last = steps.at(-1) as JsonStep;
      if (!live) return;
      pendingReveal.current = { parentAt, index: last.index };
      setExpanded(open);
    })();
    return () => {
      live = false;
    };
    // Only a new reveal (nonce) starts this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal?.nonce, rootAt]);
  useEffect(() => {
    const target = pendingReveal.current;
    if (target === null) return;
    const index = rows.findIndex((r) => r.parentAt === target.parentAt && r.index === target.index);
    if (index < 0) return;
    pendingReveal.current = null;
    setSelected(index);
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [rows, virtualizer]);

  const copyValue = async (row: TreeRow): Promise<void> => {
    if (row.child === undefined) return;
    const result = await readJsonValue(responseId, row.child.at);
    if (!result.ok) {
      setStatus(result.error.message);
      return;
    }
    let text = result.value;
    if (row.child.type === 'string') {
      try {
        text = JSON.parse(text) as string;
      } catch {
        // Keep the JSON text.
      }
    }
    setStatus(
      (await copyToClipboard(text))
        ? `Copied the value of ${formatJsonPath(pathOf(row))}.`
        : 'The clipboard refused the text.',
    );
  };
  const copyPath = async (row: TreeRow): Promise<void> => {
    const path = formatJsonPath(pathOf(row));
    setStatus(
      (await copyToClipboard(path)) ? `Copied ${path}.` : 'The clipboard refused the text.',
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const row = rows[selected];
    let next = selected;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(rows.length - 1, selected + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, selected - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rows.length - 1;
        break;
      case 'PageDown':
        next = Math.min(rows.length - 1, selected + 20);
        break;
      case 'PageUp':
        next = Math.max(0, selected - 20);
        break;
      case 'ArrowRight':
        if (row !== undefined) void toggle(row, true);
        break;
      case 'ArrowLeft':
        if (row?.child !== undefined && expanded.has(row.child.at)) void toggle(row, false);
        else if (row?.parent) next = rows.indexOf(row.parent);
        break;
      case 'Enter':
      case ' ':
        if (row !== undefined) void toggle(row);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== selected) {
      setSelected(next);
      virtualizer.scrollToIndex(next);
    }
  };

  if (error !== null) {
    return (
      <div className="cx-pad" role="alert">
        <p className="cx-error-text">{error.message}</p>
        {error.hint !== undefined && <p className="cx-muted cx-small">{error.hint}</p>}
      </div>
    );
  }
  const root = rootAt === null ? undefined : nodes.current.get(rootAt);
  if (root === undefined) return <p className="cx-muted cx-pad">Reading the JSON…</p>;
  return (
    <div className="json-tree-wrap">
      <p className="tree-summary cx-muted cx-small">
        {root.type === 'object'
          ? `Object with ${root.count.toLocaleString()} ${root.count === 1 ? 'key' : 'keys'}`
          : root.type === 'array'
            ? `Array of ${root.count.toLocaleString()} ${root.count === 1 ? 'item' : 'items'}`
            : `A single ${root.type}`}
        {' · '}arrows move, → opens, ← closes
      </p>
      <div
        ref={scroller}
        className="tree-scroller"
        role="tree"
        aria-label="JSON body"
        tabIndex={0}
        aria-activedescendant={rows[selected] ? `${responseId}-row-${selected}` : undefined}
        onKeyDown={onKeyDown}
        style={{ height: Math.min(440, rows.length * ROW_HEIGHT + 12) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index] as TreeRow;
            return (
              <TreeRowView
                key={item.key}
                id={`${responseId}-row-${item.index}`}
                row={row}
                top={item.start}
                selected={item.index === selected}
                open={row.child !== undefined && expanded.has(row.child.at)}
                setSize={nodes.current.get(row.parentAt)?.count}
                knownCount={
                  row.child === undefined ? undefined : nodes.current.get(row.child.at)?.count
                }
                onActivate={() => {
                  setSelected(item.index);
                  void toggle(row);
                }}
                onCopyValue={() => void copyValue(row)}
                onCopyPath={() => void copyPath(row)}
              />
            );
          })}
        </div>
      </div>
      <p className="action-status cx-small" role="status">
        {status}
      </p>
    </div>
  );
}
