import { useEffect, useState, type ReactElement } from 'react';
import type { WorkspaceNode } from '#shared/workspace/schemas.js';
import { useStore } from '../../store/store.js';
import { CollectionsTree } from './collections-tree.js';
import { formatAgo, formatDuration, shortUrl, statusTone } from './format.js';
import { ImportApiDialog } from './import-api/import-api-dialog.js';
import { Tabs } from './tabs.js';
import { NewFolderDialog, WorkspaceDialog } from './workspace-dialogs.js';

type LibraryTab = 'collections' | 'catalog' | 'history';

/**
 * The sidebar: the workspace's request files (Collections), the connection's catalog of
 * documented endpoints (a built-in, read-only collection) and its history, with one filter.
 */
export function LibraryPanel({ onCollapse }: { onCollapse: () => void }): ReactElement {
  const context = useStore((s) => s.composer.context);
  const historyTotal = useStore((s) => s.composer.historyTotal);
  const view = useStore((s) => s.workspace.view);
  const [tab, setTab] = useState<LibraryTab>('catalog');
  const connectionId = useStore((s) => s.composer.connectionId);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'folder' | 'workspace' | 'import' | null>(null);
  const fileCount = view === null ? undefined : countRequests(view.tree);
  return (
    <aside className="library" aria-label="Request library" id="composer-sidebar">
      <div className="library-head">
        <button
          type="button"
          className="library-workspace"
          title={view?.root ?? 'Workspace folder'}
          onClick={() => setDialog('workspace')}
        >
          <span className="cx-visually-hidden">Workspace: </span>
          {view?.name ?? 'Workspace'}
        </button>
        <button
          type="button"
          className="cx-icon-button"
          aria-label="Import API…"
          title="Import an OpenAPI, Swagger, Postman or Insomnia document as a collection"
          disabled={connectionId === null}
          onClick={() => setDialog('import')}
        >
          ⇪
        </button>
        <button
          type="button"
          className="cx-icon-button"
          aria-label="New folder"
          title="New folder"
          onClick={() => setDialog('folder')}
        >
          +
        </button>
        <button
          type="button"
          className="cx-icon-button"
          aria-label="Hide the sidebar"
          title="Hide the sidebar (Ctrl+B)"
          aria-controls="composer-sidebar"
          aria-expanded="true"
          onClick={onCollapse}
        >
          «
        </button>
      </div>
      <input
        type="search"
        className="library-filter"
        aria-label="Filter requests"
        placeholder="Filter requests…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <Tabs<LibraryTab>
        label="Library"
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'collections', label: 'Collections', badge: fileCount },
          { id: 'catalog', label: 'Catalog', badge: context?.catalog.length },
          { id: 'history', label: 'History', badge: historyTotal },
        ]}
      >
        {tab === 'collections' && <CollectionsTree filter={filter} />}
        {tab === 'catalog' && <CatalogList filter={filter} />}
        {tab === 'history' && <HistoryList />}
      </Tabs>
      {dialog === 'folder' && <NewFolderDialog onClose={() => setDialog(null)} />}
      {dialog === 'workspace' && <WorkspaceDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && connectionId !== null && (
        <ImportApiDialog connectionId={connectionId} onClose={() => setDialog(null)} />
      )}
    </aside>
  );
}

function countRequests(nodes: readonly WorkspaceNode[]): number {
  return nodes.reduce(
    (n, node) => n + (node.kind === 'request' ? 1 : countRequests(node.children)),
    0,
  );
}

function MethodTag({ method }: { method: string }): ReactElement {
  return <span className={`method-tag method-${method.toLowerCase()}`}>{method}</span>;
}

function CatalogList({ filter }: { filter: string }): ReactElement {
  const context = useStore((s) => s.composer.context);
  const origin = useStore((s) => s.composer.origin);
  const load = useStore((s) => s.loadComposerDraft);
  if (context === null) return <p className="cx-muted cx-small cx-pad">Loading…</p>;
  if (context.catalog.length === 0) {
    return (
      <p className="cx-muted cx-small cx-pad">
        The {context.presetName} preset documents no endpoints. Type a URL, import a curl command,
        or save your own requests.
      </p>
    );
  }
  const needle = filter.trim().toLowerCase();
  const templates = context.catalog.filter((t) =>
    `${t.name} ${t.description} ${t.draft.method} ${t.draft.url}`.toLowerCase().includes(needle),
  );
  if (templates.length === 0) {
    return <p className="cx-muted cx-small cx-pad">No endpoint matches “{filter}”.</p>;
  }
  return (
    <ul className="library-list" aria-label="Catalog endpoints">
      {templates.map((t) => {
        const active = origin.kind === 'catalog' && origin.id === t.id;
        return (
          <li key={t.id}>
            <button
              type="button"
              className={`library-item ${active ? 'is-active' : ''}`}
              aria-current={active ? 'true' : undefined}
              onClick={() => load(t.draft, { kind: 'catalog', id: t.id, name: t.name })}
            >
              <span className="library-item-title">
                <MethodTag method={t.draft.method} />
                {t.name}
              </span>
              <span className="library-item-sub">{t.description}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function HistoryList(): ReactElement {
  const history = useStore((s) => s.composer.history);
  const total = useStore((s) => s.composer.historyTotal);
  const query = useStore((s) => s.composer.historyQuery);
  const error = useStore((s) => s.composer.historyError);
  const load = useStore((s) => s.loadComposerHistory);
  const clear = useStore((s) => s.clearComposerHistory);
  const open = useStore((s) => s.loadComposerDraft);
  const [text, setText] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text !== query) void load(text);
    }, 200);
    return () => clearTimeout(timer);
  }, [text, query, load]);
  return (
    <div className="history">
      <div className="history-tools">
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search history (URL, status, method)…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          className="cx-button"
          disabled={total === 0}
          onClick={() => void clear()}
        >
          Clear
        </button>
      </div>
      {error !== null && <p className="cx-error-text cx-small cx-pad">{error.message}</p>}
      {history.length === 0 ? (
        <p className="cx-muted cx-small cx-pad">
          {query === '' ? 'Requests you send appear here.' : 'No request matches.'}
        </p>
      ) : (
        <ul className="library-list" aria-label="History">
          {history.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="library-item"
                onClick={() => open(h.draft, { kind: 'history', id: h.id })}
              >
                <span className="library-item-title">
                  <MethodTag method={h.draft.method} />
                  <span className="cx-mono ellipsis">{shortUrl(h.draft.url)}</span>
                </span>
                <span className="library-item-sub">
                  {h.status !== null ? (
                    <span className={`status-text cx-tone-${statusTone(h.status)}`}>
                      {h.status}
                    </span>
                  ) : (
                    <span className="status-text cx-tone-error">{h.errorCategory}</span>
                  )}{' '}
                  · {formatDuration(h.durationMs)}
                  {h.retried ? ' · retried' : ''} · {formatAgo(h.at)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > history.length && (
        <p className="cx-muted cx-small cx-pad">
          Showing {history.length} of {total}; search to narrow.
        </p>
      )}
    </div>
  );
}
