import type { ReactElement } from 'react';
import { formatJsonPath } from '#shared/requests/json-path.js';
import { formatBytes } from './format.js';
import { isContainer, pathOf, ROW_HEIGHT, summary, type TreeRow } from './tree-model.js';

/** One line of the JSON tree: toggle, key or index, value or summary, and copy buttons. */
export function TreeRowView({
  id,
  row,
  top,
  selected,
  open,
  setSize,
  knownCount,
  onActivate,
  onCopyValue,
  onCopyPath,
}: {
  id: string;
  row: TreeRow;
  top: number;
  selected: boolean;
  open: boolean;
  setSize: number | undefined;
  knownCount: number | undefined;
  onActivate: () => void;
  onCopyValue: () => void;
  onCopyPath: () => void;
}): ReactElement {
  const child = row.child;
  const label = row.parentType === 'object' ? (child?.key ?? '…') : String(row.index);
  const path = formatJsonPath(pathOf(row));
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-setsize={setSize}
      aria-posinset={row.index + 1}
      aria-expanded={child !== undefined && isContainer(child.type) ? open : undefined}
      aria-selected={selected}
      className={`tree-row ${selected ? 'is-selected' : ''}`}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        paddingLeft: 8 + row.depth * 16,
      }}
      onClick={onActivate}
    >
      <span className="tree-toggle" aria-hidden="true">
        {child !== undefined && isContainer(child.type) ? (open ? '▾' : '▸') : ''}
      </span>
      <span className={row.parentType === 'object' ? 'tree-key' : 'tree-index'}>{label}</span>
      <span className="tree-colon" aria-hidden="true">
        :
      </span>
      {child === undefined ? (
        <span className="cx-muted">…</span>
      ) : isContainer(child.type) ? (
        <span className="tree-summary-text">{summary(child, knownCount)}</span>
      ) : (
        <span className={`tree-value type-${child.type}`}>
          {child.preview}
          {child.truncated && (
            <span className="cx-muted"> … ({formatBytes(child.end - child.at)})</span>
          )}
        </span>
      )}
      {child !== undefined && (
        <span className="tree-actions">
          <button
            type="button"
            className="cx-mini-button"
            aria-label={`Copy value of ${path}`}
            onClick={(e) => {
              e.stopPropagation();
              onCopyValue();
            }}
          >
            Copy
          </button>
          <button
            type="button"
            className="cx-mini-button"
            aria-label={`Copy path ${path}`}
            onClick={(e) => {
              e.stopPropagation();
              onCopyPath();
            }}
          >
            Path
          </button>
        </span>
      )}
    </div>
  );
}
