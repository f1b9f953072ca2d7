import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { formatAgo, formatDuration, shortUrl, statusTone } from './format.js';
import { ImportApiDialog } from './import-api/import-api-dialog.js';
import { Tabs } from './tabs.js';

type LibraryTab = 'catalog' | 'saved' | 'history';

/** The connection's catalog of documented endpoints, its saved requests and its history. */
export function LibraryPanel(): ReactElement {
  const context = useStore((s) => s.composer.context);
  const historyTotal = useStore((s) => s.composer.historyTotal);
  const [tab, setTab] = useState<LibraryTab>('catalog');
  const connectionId = useStore((s) => s.composer.connectionId);
  const [importing, setImporting] = useState(false);
  const savedCount = context?.saved.length ?? 0;
  return (
    <aside className="library" aria-label="Request library">
      <div className="library-tools">
        <button
          type="button"
          className="cx-button"
          disabled={connectionId === null}
          title="Import an OpenAPI, Swagger, Postman or Insomnia document as a collection"
          onClick={() => setImporting(true)}
        >
          Import API…
        </button>
      </div>
      <Tabs<LibraryTab>
        label="Library"
        active={tab}
        onChange={setTab}
        tabs={[
          { id: 'catalog', label: 'Catalog', badge: context?.catalog.length },
          { id: 'saved', label: 'Saved', badge: savedCount },
          { id: 'history', label: 'History', badge: historyTotal },
        ]}
      >
        {tab === 'catalog' && <CatalogList />}
        {tab === 'saved' && <SavedList />}
        {tab === 'history' && <HistoryList />}
      </Tabs>
      {importing && connectionId !== null && (
        <ImportApiDialog connectionId={connectionId} onClose={() => setImporting(false)} />
      )}
    </aside>
  );
}

function MethodTag({ method }: { method: string }): ReactElement {
  return <span className={`method-tag method-${method.toLowerCase()}`}>{method}</span>;
}

function CatalogList(): ReactElement {
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
  return (
    <ul className="library-list" aria-label="Catalog endpoints">
      {context.catalog.map((t) => {
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

function SavedList(): ReactElement {
  const context = useStore((s) => s.composer.context);
  const origin = useStore((s) => s.composer.origin);
  const load = useStore((s) => s.loadComposerDraft);
  const remove = useStore((s) => s.deleteComposerSaved);
  if (context === null) return <p className="cx-muted cx-small cx-pad">Loading…</p>;
  if (context.saved.length === 0) {
    return (
      <p className="cx-muted cx-small cx-pad">
        Nothing saved for this connection yet. Use Save above the request to keep it here.
      </p>
    );
  }
  return (
    <ul className="library-list" aria-label="Saved requests">
      {context.saved.map((s) => {
        const active = origin.kind === 'saved' && origin.id === s.id;
        return (
          <li key={s.id} className="library-row">
            <button
              type="button"
              className={`library-item ${active ? 'is-active' : ''}`}
              aria-current={active ? 'true' : undefined}
              onClick={() => load(s.draft, { kind: 'saved', id: s.id, name: s.name })}
            >
              <span className="library-item-title">
                <MethodTag method={s.draft.method} />
                {s.name}
              </span>
              <span className="library-item-sub cx-mono">{shortUrl(s.draft.url)}</span>
            </button>
            <button
              type="button"
              className="cx-icon-button"
              aria-label={`Delete saved request ${s.name}`}
              title="Delete"
              onClick={() => void remove(s.id)}
            >
              ×
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
