import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { EmptyState } from '../../components/empty-state.js';
import { on } from '../../api/call.js';
import { useStore } from '../../store/store.js';
import { Wizard } from '../wizard/wizard.js';
import { ConnectionDetail } from './connection-detail.js';
import { ConnectionRow } from './connection-row.js';
import { arrangeList, SORT_LABELS, type ListSort } from './model/list-model.js';
import { connectionActions } from './parts/actions.js';
import { RowMenu, type MenuAnchor } from './parts/row-menu.js';
import './connections.css';

interface OpenMenu {
  id: string;
  anchor: MenuAnchor;
  returnFocus: HTMLElement | null;
}

function focusRow(container: HTMLElement | null, id: string | undefined): void {
  if (container === null || id === undefined) return;
  const rows = container.querySelectorAll<HTMLElement>('.cl-row-main');
  [...rows].find((row) => row.dataset.connectionId === id)?.focus();
}

function ConnectionList(): ReactElement {
  const list = useStore((s) => s.savedConnections);
  const error = useStore((s) => s.savedConnectionsError);
  const startWizard = useStore((s) => s.startWizard);
  const selectedId = useStore((s) => s.selectedConnectionId);
  const selectSaved = useStore((s) => s.selectSaved);
  const rowBusy = useStore((s) => s.rowBusy);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<ListSort>('name');
  const [grouped, setGrouped] = useState(false);
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const listBox = useRef<HTMLDivElement>(null);
  const hasAny = list !== null && list.length > 0;

  const groups = useMemo(
    () => arrangeList(list ?? [], { query, sort, groupByPlatform: grouped }),
    [list, query, sort, grouped],
  );
  const ordered = useMemo(
    () => groups.flatMap((g) => g.entries.map((e) => e.view.connection.id)),
    [groups],
  );
  const selected = list?.find((v) => v.connection.id === selectedId);
  const tabbableId =
    selected !== undefined && ordered.includes(selected.connection.id)
      ? selected.connection.id
      : ordered[0];

  // Focus is never lost: when the focused row goes away (deleted), its neighbour takes it.
  const lastOrder = useRef<string[]>([]);
  useEffect(() => {
    const before = lastOrder.current;
    lastOrder.current = ordered;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const gone = before.findIndex((id) => !ordered.includes(id));
    if (gone === -1) return;
    const neighbour = ordered[Math.min(gone, ordered.length - 1)];
    if (neighbour !== undefined) focusRow(listBox.current, neighbour);
  }, [ordered]);

  const closeMenu = useCallback(() => setMenu(null), []);
  const openMenu = useCallback(
    (id: string, anchor: MenuAnchor, returnFocus: HTMLElement | null) =>
      setMenu({ id, anchor, returnFocus }),
    [],
  );
  const menuView = menu === null ? undefined : list?.find((v) => v.connection.id === menu.id);
  const closeDetail = (): void => {
    const id = selectedId ?? undefined;
    selectSaved(null);
    focusRow(listBox.current, id);
  };
  const total = list?.length ?? 0;

  return (
    <div className={`view connections-view${hasAny ? ' cl-wide' : ''}`}>
      <header className="view-header view-header-actions">
        <div>
          <h1>Connections</h1>
          {!hasAny && (
            <p className="view-subtitle">Service accounts, their secrets and their tokens.</p>
          )}
        </div>
        {hasAny && (
          <button type="button" className="conn-button primary small" onClick={startWizard}>
            Add connection
          </button>
        )}
      </header>
      {error !== null && (
        <div className="conn-callout conn-callout-error" role="alert">
          <strong>Could not load the connections.</strong> {error.message} {error.hint}
        </div>
      )}
      {list === null && error === null && <p className="muted">Loading connections…</p>}
      {list !== null && list.length === 0 && (
        <EmptyState icon="connections" title="No connections yet">
          <p>
            A connection is a saved service account: the platform, its token endpoint, a client ID,
            and a secret that only Grantline&apos;s main process can read, encrypted on disk.
          </p>
          <p>
            The wizard walks you through Axway Amplify, Axway Support, WSO2 APK, Amplience,
            AppViewX, Keycloak and any OAuth 2.0 or OpenID Connect provider, or starts from a curl
            command.
          </p>
          <button type="button" className="conn-button primary empty-action" onClick={startWizard}>
            Add a connection
          </button>
        </EmptyState>
      )}
      {hasAny && (
        <div className={`cl-split${selected !== undefined ? ' cl-split-open' : ''}`}>
          <div className="cl-list-pane">
            <div className="cl-toolbar" role="search">
              <input
                type="search"
                className="cl-search"
                aria-label="Search connections"
                placeholder="Search name, platform, host, client ID"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    focusRow(listBox.current, ordered[0]);
                  }
                }}
              />
              <label className="cl-sort">
                <span>Sort</span>
                <select value={sort} onChange={(e) => setSort(e.target.value as ListSort)}>
                  {Object.entries(SORT_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="cl-group-toggle">
                <input
                  type="checkbox"
                  checked={grouped}
                  onChange={(e) => setGrouped(e.target.checked)}
                />
                <span>Group by platform</span>
              </label>
            </div>
            <p className="cl-count muted" role="status">
              {ordered.length === total
                ? `${total} connection${total === 1 ? '' : 's'}`
                : `${ordered.length} of ${total} connections match “${query.trim()}”`}
            </p>
            <div className="cl-list-scroll" ref={listBox}>
              {groups.length === 0 && (
                <p className="muted cl-no-match">
                  No connection matches “{query.trim()}”.{' '}
                  <button type="button" className="wz-link" onClick={() => setQuery('')}>
                    Clear the search
                  </button>
                </p>
              )}
              {groups.map((group) => {
                const rows = (
                  <ul
                    className="cl-list"
                    aria-label={
                      group.name === null ? 'Saved connections' : `${group.name} connections`
                    }
                  >
                    {group.entries.map((entry) => (
                      <ConnectionRow
                        key={entry.view.connection.id}
                        entry={entry}
                        selected={entry.view.connection.id === selectedId}
                        tabbable={entry.view.connection.id === tabbableId}
                        menuOpen={menu?.id === entry.view.connection.id}
                        onOpenMenu={openMenu}
                      />
                    ))}
                  </ul>
                );
                return group.name === null ? (
                  <div key="all">{rows}</div>
                ) : (
                  <div key={group.name} className="cl-group">
                    <h2 className="cl-group-name">
                      {group.name} <span className="muted">{group.entries.length}</span>
                    </h2>
                    {rows}
                  </div>
                );
              })}
            </div>
          </div>
          {selected !== undefined && (
            <ConnectionDetail key={selected.connection.id} view={selected} onClose={closeDetail} />
          )}
        </div>
      )}
      {menu !== null && menuView !== undefined && (
        <RowMenu
          label={`Actions for ${menuView.connection.name}`}
          items={connectionActions(menu.id, rowBusy[menu.id] !== undefined)}
          anchor={menu.anchor}
          returnFocus={menu.returnFocus}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}

/** Connections area: the saved connections, or the provider wizard while it is open. */
export function ConnectionsView(): ReactElement {
  const screen = useStore((s) => s.connectionsScreen);
  const wizardOpen = useStore((s) => s.wizard !== null);

  useEffect(() => {
    const store = useStore.getState();
    void store.loadSavedConnections();
    return on('tokens:status-changed', store.applyTokenStatus);
  }, []);

  return screen === 'wizard' && wizardOpen ? <Wizard /> : <ConnectionList />;
}
