import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { formatJsonPath } from '#shared/requests/json-path.js';
import type { JsonStep } from '#shared/requests/schemas.js';
import { call } from '../../api/call.js';
import { copyText } from '../../services/clipboard.js';
import { JsonTreeModel, type ReadJsonChildren, type RevealTarget } from './json-tree-model.js';
import { pathOf, ROW_HEIGHT, type TreeRow } from './tree-model.js';
import { TreeRowView } from './tree-row.js';

interface JsonTreeProps {
  responseId: string;
  reveal: { path: JsonStep[]; nonce: number } | null;
}

/**
 * The body as a collapsible JSON tree built lazily in main: each node's children are fetched a
 * page at a time when they scroll into view, so a 50 MB array opens as fast as a small one and
 * the window never holds more than what is on screen (plus a few pages). One tree per response:
 * a new response gets a fresh tree, never the pages or the open nodes of the previous one.
 */
export function JsonTree(props: JsonTreeProps): ReactElement {
  return <ResponseTree key={props.responseId} {...props} />;
}

const readChildren: ReadJsonChildren = (args) => call('requests:json-children', args);

function ResponseTree({ responseId, reveal }: JsonTreeProps): ReactElement {
  const [model] = useState(() => new JsonTreeModel(responseId, readChildren));
  useSyncExternalStore(model.subscribe, model.getVersion);
  const [selected, setSelected] = useState(0);
  const [status, setStatus] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const { rows, rootAt, expanded, error, root } = model;

  useEffect(() => {
    void model.loadRoot();
  }, [model]);

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
    model.fillRows(items.map((item) => item.index));
  }, [items, rows, model]);

  // Reveal a search hit: open every container on its path, then scroll to it. A new pick of a
  // hit (a new nonce) starts this again, even for the same path.
  const revealPath = reveal?.path;
  const revealNonce = reveal?.nonce;
  const pendingReveal = useRef<RevealTarget | null>(null);
  const [revealed, setRevealed] = useState(0);
  useEffect(() => {
    if (revealPath === undefined || revealNonce === undefined || rootAt === null) return;
    let live = true;
    void model.reveal(revealPath).then((target) => {
      if (!live || target === null) return;
      pendingReveal.current = target;
      setRevealed(revealNonce);
    });
    return () => {
      live = false;
    };
  }, [model, revealPath, revealNonce, rootAt]);
  useEffect(() => {
    const target = pendingReveal.current;
    if (target === null) return;
    const index = rows.findIndex((r) => r.parentAt === target.parentAt && r.index === target.index);
    if (index < 0) return;
    pendingReveal.current = null;
    setSelected(index);
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [rows, virtualizer, revealed]);

  const toggle = (row: TreeRow, open?: boolean): Promise<void> => model.toggle(row, open);

  const copyValue = async (row: TreeRow): Promise<void> => {
    if (row.child === undefined) return;
    const result = await call('requests:json-value', { responseId, at: row.child.at });
    if (!result.ok) {
      setStatus(result.error.message);
      return;
    }
    let text = result.value.text;
    if (row.child.type === 'string') {
      try {
        text = JSON.parse(text) as string;
      } catch {
        // Keep the JSON text.
      }
    }
    setStatus(
      (await copyText(text))
        ? `Copied the value of ${formatJsonPath(pathOf(row))}.`
        : 'The clipboard refused the text.',
    );
  };
  const copyPath = async (row: TreeRow): Promise<void> => {
    const path = formatJsonPath(pathOf(row));
    setStatus((await copyText(path)) ? `Copied ${path}.` : 'The clipboard refused the text.');
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
                setSize={model.node(row.parentAt)?.count}
                knownCount={row.child === undefined ? undefined : model.node(row.child.at)?.count}
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
