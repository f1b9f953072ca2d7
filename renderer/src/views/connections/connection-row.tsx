import { useId, useRef, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { describeStatus } from './model/status.js';
import type { ListEntry } from './model/list-model.js';
import { useNow } from './parts/use-now.js';
import type { MenuAnchor } from './parts/row-menu.js';

/** Moves focus among the rows' main buttons (arrow keys, Home, End). */
function focusSibling(from: HTMLElement, key: string): boolean {
  const list = from.closest('.cl-list-scroll');
  if (list === null) return false;
  const rows = [...list.querySelectorAll<HTMLElement>('.cl-row-main')];
  const index = rows.indexOf(from);
  const target =
    key === 'ArrowDown'
      ? rows[Math.min(index + 1, rows.length - 1)]
      : key === 'ArrowUp'
        ? rows[Math.max(index - 1, 0)]
        : key === 'Home'
          ? rows[0]
          : key === 'End'
            ? rows[rows.length - 1]
            : undefined;
  if (target === undefined) return false;
  target.focus();
  return true;
}

/**
 * One saved connection as a compact row: status dot, name, platform, expiry and host. Selecting
 * it (click, Enter) opens its detail pane; Test and Try a request show on hover and focus; every
 * other action is in the ⋯ menu and the right-click menu.
 */
export function ConnectionRow({
  entry,
  selected,
  tabbable,
  menuOpen,
  onOpenMenu,
}: {
  entry: ListEntry;
  selected: boolean;
  /** The one row reached with Tab (roving focus); the arrows reach the others. */
  tabbable: boolean;
  menuOpen: boolean;
  onOpenMenu: (id: string, anchor: MenuAnchor, returnFocus: HTMLElement | null) => void;
}): ReactElement {
  const { connection, status } = entry.view;
  const id = connection.id;
  const nameId = useId();
  const statusId = useId();
  const metaId = useId();
  const main = useRef<HTMLButtonElement>(null);
  const busy = useStore((s) => s.rowBusy[id]);
  const highlighted = useStore((s) => s.lastSavedId === id);
  const live =
    status.state === 'valid' || status.state === 'expiring' || status.state === 'expired';
  const now = useNow(live);
  const shown = describeStatus(status, now);
  const store = useStore.getState;
  const name = connection.name;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (focusSibling(event.currentTarget, event.key)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Delete' && busy === undefined) {
      event.preventDefault();
      store().selectSaved(id, 'delete');
    } else if (event.key === 'F2') {
      event.preventDefault();
      store().selectSaved(id, 'rename');
    } else if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      event.preventDefault();
      onOpenMenu(id, { kind: 'element', element: event.currentTarget }, event.currentTarget);
    }
  };
  const onContextMenu = (event: MouseEvent<HTMLLIElement>): void => {
    event.preventDefault();
    onOpenMenu(id, { kind: 'point', x: event.clientX, y: event.clientY }, main.current);
  };
  const inner = tabbable ? 0 : -1;

  return (
    <li
      className={`cl-row${selected ? ' cl-row-selected' : ''}${highlighted ? ' cl-row-new' : ''}`}
      aria-labelledby={nameId}
      aria-busy={busy !== undefined}
      onContextMenu={onContextMenu}
    >
      <span
        className={`cl-dot cl-dot-${busy === 'testing' ? 'busy' : shown.tone}`}
        aria-hidden="true"
      />
      {/* The name is the row's button; its hit area covers the whole row (see .cl-row-main). */}
      <button
        ref={main}
        type="button"
        className="cl-row-main"
        tabIndex={inner}
        aria-current={selected ? 'true' : undefined}
        aria-describedby={`${statusId} ${metaId}`}
        data-connection-id={id}
        onClick={() => store().selectSaved(id)}
        onKeyDown={onKeyDown}
      >
        <span className="cl-row-name" id={nameId}>
          {name}
        </span>
      </button>
      <span className="cl-row-meta" id={metaId}>
        <span className="cl-row-platform">{entry.platform}</span>
        {entry.host !== undefined && <span className="cl-row-host">{entry.host}</span>}
      </span>
      <span className={`cl-row-status cl-text-${shown.tone}`} id={statusId}>
        {busy === 'testing' ? 'Testing…' : shown.short}
      </span>
      <span className="cl-row-actions">
        <span className="cl-row-quick">
          <button
            type="button"
            className="conn-button small"
            tabIndex={inner}
            aria-label={`Test ${name}`}
            disabled={busy !== undefined}
            onClick={() => void store().testSaved(id)}
          >
            Test
          </button>
          <button
            type="button"
            className="conn-button small"
            tabIndex={inner}
            aria-label={`Try a request with ${name}`}
            onClick={() => store().tryRequest(id)}
          >
            Try a request
          </button>
        </span>
        <button
          type="button"
          className="conn-button small quiet cl-more"
          tabIndex={inner}
          aria-label={`More actions for ${name}`}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={(event) =>
            onOpenMenu(id, { kind: 'element', element: event.currentTarget }, event.currentTarget)
          }
        >
          <span aria-hidden="true">⋯</span>
        </button>
      </span>
    </li>
  );
}
