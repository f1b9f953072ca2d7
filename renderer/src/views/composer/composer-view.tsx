import { useEffect, type ReactElement } from 'react';
import { EmptyState } from '../../components/empty-state.js';
import { on } from '../../api/call.js';
import { useCommand } from '../../commands/registry.js';
import { useStore } from '../../store/store.js';
import { LibraryPanel } from './library-panel.js';
import { RequestActions } from './request-actions.js';
import { RequestEditor } from './request-editor.js';
import { RequestLine } from './request-line.js';
import { ResponsePanel } from './response-panel.js';
import './composer.css';

/**
 * Composer area: call a platform's endpoints with a connection's token. The token is added by
 * the main process as the request leaves; this window only ever sees the answer.
 */
export function ComposerView(): ReactElement {
  const connections = useStore((s) => s.composer.connections);
  const connectionsError = useStore((s) => s.composer.connectionsError);
  const connectionId = useStore((s) => s.composer.connectionId);
  const contextError = useStore((s) => s.composer.contextError);
  const load = useStore((s) => s.loadComposerConnections);
  const select = useStore((s) => s.selectComposerConnection);
  const setProgress = useStore((s) => s.setComposerProgress);
  const send = useStore((s) => s.sendComposerRequest);
  const cancel = useStore((s) => s.cancelComposerRequest);
  const setArea = useStore((s) => s.setArea);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => on('requests:progress', setProgress), [setProgress]);
  // In the palette while the composer is shown (the keys below stay the composer's own).
  useCommand({
    id: 'composer.send',
    title: 'Send the request',
    group: 'Composer',
    run: () => {
      const form = document.querySelector<HTMLFormElement>('form.request-line');
      if (form !== null) form.requestSubmit();
      else void send();
    },
  });
  useCommand({
    id: 'composer.cancel',
    title: 'Cancel the running request',
    group: 'Composer',
    enabled: () => isBusy(useStore.getState().composer),
    run: () => void cancel(),
  });

  // Ctrl/Cmd+Enter sends and Esc cancels from anywhere while the composer is shown (focus may
  // be on the page itself after the Send button was clicked). The body editor and dialogs
  // handle these keys first and mark them handled.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        // Through the request form, so the shortcut gets the same field checks as the Send button.
        const form = document.querySelector<HTMLFormElement>('form.request-line');
        if (form !== null) form.requestSubmit();
        else void send();
      } else if (event.key === 'Escape' && isBusy(useStore.getState().composer)) {
        event.preventDefault();
        void cancel();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [send, cancel]);

  const header = (
    <header className="view-header composer-header">
      <div>
        <h1>Composer</h1>
        <p className="view-subtitle">
          Call a platform&apos;s endpoints with a connection&apos;s token, added by the main
          process.
        </p>
      </div>
      {connections !== null && connections.length > 0 && (
        <label className="connection-picker">
          <span>Connection</span>
          <select
            aria-label="Connection"
            value={connectionId ?? ''}
            onChange={(e) => void select(e.target.value)}
          >
            {connectionId === null && <option value="">Pick a connection…</option>}
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </header>
  );

  if (connections === null) {
    return (
      <div className="view composer-view">
        {header}
        <p className="cx-muted">Loading connections…</p>
      </div>
    );
  }
  if (connections.length === 0) {
    return (
      <div className="view composer-view">
        {header}
        <EmptyState icon="composer" title="No connections yet">
          <p>
            The composer sends requests with a connection&apos;s token. Add a connection first; its
            platform&apos;s documented endpoints then appear here as one-click templates.
          </p>
          {connectionsError !== null && <p className="cx-error-text">{connectionsError.message}</p>}
          <p>
            <button type="button" className="cx-primary" onClick={() => setArea('connections')}>
              Go to Connections
            </button>
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="view composer-view">
      {header}
      {contextError !== null && (
        <div className="card cx-card-error" role="alert">
          <p className="cx-error-message">{contextError.message}</p>
          {contextError.hint !== undefined && <p className="cx-muted">{contextError.hint}</p>}
        </div>
      )}
      <div className="composer-grid">
        <LibraryPanel />
        <div className="composer-main">
          <section className="request card" aria-label="Request">
            <RequestActions />
            <RequestLine />
            <RequestEditor />
          </section>
          <ResponsePanel />
        </div>
      </div>
    </div>
  );
}

/** A request is running, or waiting for its connection to load: Esc cancels it. */
const isBusy = (composer: { running: unknown; sendQueued: boolean }): boolean =>
  composer.running !== null || composer.sendQueued;
