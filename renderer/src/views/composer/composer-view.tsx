import { useEffect, useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import { EmptyState } from '../../components/empty-state.js';
import { PaneSeparator } from '../../components/pane-separator.js';
import { on } from '../../api/call.js';
import { useCommand } from '../../commands/registry.js';
import { useStore } from '../../store/store.js';
import { useComposerCommands } from './composer-commands.js';
import { EnvironmentBar } from './environment-bar.js';
import { LibraryPanel } from './library-panel.js';
import { RequestActions } from './request-actions.js';
import { RequestEditor } from './request-editor.js';
import { RequestLine } from './request-line.js';
import { RequestTabs, TAB_PANEL_ID, tabDomId } from './request-tabs.js';
import { ResponsePanel } from './response-panel.js';
import { shortcutFor } from './shortcuts.js';
import './composer.css';

// A stable empty list: a selector answering a new [] each time would re-render forever.
const NONE: never[] = [];

/** Below this width of the pane area, request and response are stacked instead of side by side. */
const STACK_BELOW_PX = 600;
const DEFAULT_SIDEBAR = 260;
const DEFAULT_SHARE = 0.5;

/**
 * Composer area: a workspace of requests in tabs, sent with a connection's token. The token is
 * added by the main process as the request leaves; this window only ever sees the answer.
 */
export function ComposerView(): ReactElement {
  const connections = useStore((s) => s.composer.connections);
  const connectionsError = useStore((s) => s.composer.connectionsError);
  const contextError = useStore((s) => s.composer.contextError);
  const load = useStore((s) => s.loadComposerConnections);
  const loadWorkspace = useStore((s) => s.loadWorkspace);
  const workspaceChanged = useStore((s) => s.workspaceChanged);
  const setProgress = useStore((s) => s.setComposerProgress);
  const send = useStore((s) => s.sendComposerRequest);
  const cancel = useStore((s) => s.cancelComposerRequest);
  const setArea = useStore((s) => s.setArea);
  useComposerCommands();

  useEffect(() => {
    void load();
    void loadWorkspace();
  }, [load, loadWorkspace]);
  useEffect(() => on('requests:progress', setProgress), [setProgress]);
  useEffect(() => on('workspace:changed', workspaceChanged), [workspaceChanged]);
  // A session change still waiting for its save goes out before the window closes or reloads.
  useEffect(() => {
    const flush = (): void => useStore.getState().persistComposerSession(true);
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, []);
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
  // be on the page itself after the Send button was clicked); the tab and sidebar shortcuts are
  // in shortcuts.ts. The body editor and dialogs handle their keys first and mark them handled.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        // Through the request form, so the shortcut gets the same field checks as the Send button.
        const form = document.querySelector<HTMLFormElement>('form.request-line');
        if (form !== null) form.requestSubmit();
        else void send();
        return;
      }
      if (event.key === 'Escape' && isBusy(useStore.getState().composer)) {
        event.preventDefault();
        void cancel();
        return;
      }
      if (document.querySelector('[role="dialog"]') !== null) return;
      const shortcut = shortcutFor(event);
      if (shortcut === undefined) return;
      event.preventDefault();
      shortcut.run(useStore.getState(), event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [send, cancel]);

  if (connections === null || connections.length === 0) {
    return (
      <div className="view composer-view composer-empty">
        <header className="composer-toolbar">
          <h1>Composer</h1>
        </header>
        {connections === null ? (
          <p className="cx-muted cx-pad">Loading connections…</p>
        ) : (
          <EmptyState icon="composer" title="No connections yet">
            <p>
              The composer sends requests with a connection&apos;s token. Add a connection first;
              its platform&apos;s documented endpoints then appear here as one-click templates.
            </p>
            {connectionsError !== null && (
              <p className="cx-error-text">{connectionsError.message}</p>
            )}
            <p>
              <button type="button" className="cx-primary" onClick={() => setArea('connections')}>
                Go to Connections
              </button>
            </p>
          </EmptyState>
        )}
      </div>
    );
  }
  return (
    <div className="view composer-view">
      <header className="composer-toolbar">
        <h1>Composer</h1>
        <ConnectionPicker />
        <EnvironmentBar />
      </header>
      {contextError !== null && (
        <div className="card cx-card-error composer-context-error" role="alert">
          <p className="cx-error-message">{contextError.message}</p>
          {contextError.hint !== undefined && <p className="cx-muted">{contextError.hint}</p>}
        </div>
      )}
      <Workspace />
    </div>
  );
}

/** The active tab's connection. */
function ConnectionPicker(): ReactElement {
  const connections = useStore((s) => s.composer.connections) ?? NONE;
  const connectionId = useStore((s) => s.composer.connectionId);
  const select = useStore((s) => s.selectComposerConnection);
  return (
    <label className="compact-field connection-picker">
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
  );
}

/** Sidebar, tabs, and the request and response panes with the handles that size them. */
function Workspace(): ReactElement {
  const layout = useStore((s) => s.workspace.layout);
  const setLayout = useStore((s) => s.setPaneLayout);
  const activeTab = useStore((s) => s.composer.activeTab);
  const body = useRef<HTMLDivElement>(null);
  const panes = useRef<HTMLDivElement>(null);
  const stacked = useStacked(panes);
  const share = layout.requestShare;

  return (
    <div
      className="workspace-body"
      ref={body}
      style={{
        gridTemplateColumns: layout.sidebarCollapsed
          ? 'auto 1fr'
          : `${layout.sidebarWidth}px auto 1fr`,
      }}
    >
      {layout.sidebarCollapsed ? (
        <button
          type="button"
          className="sidebar-show"
          aria-label="Show the sidebar"
          title="Show the sidebar (Ctrl+B)"
          aria-expanded="false"
          onClick={() => setLayout({ sidebarCollapsed: false })}
        >
          »
        </button>
      ) : (
        <>
          <LibraryPanel onCollapse={() => setLayout({ sidebarCollapsed: true })} />
          <PaneSeparator
            label="Sidebar width"
            orientation="vertical"
            value={layout.sidebarWidth}
            min={180}
            max={480}
            step={16}
            defaultValue={DEFAULT_SIDEBAR}
            controls="composer-sidebar"
            valueText={`${layout.sidebarWidth} pixels`}
            toValue={(x) => x - (body.current?.getBoundingClientRect().left ?? 0)}
            onChange={(v) => setLayout({ sidebarWidth: Math.round(v) })}
          />
        </>
      )}
      <div className="workspace-main">
        <RequestTabs />
        <div
          role="tabpanel"
          id={TAB_PANEL_ID}
          aria-labelledby={tabDomId(activeTab)}
          className="workspace-tab"
        >
          {/* The request line spans both panes, so the URL field is wide at any split. */}
          <section className="request request-head" aria-label="Request">
            <RequestActions />
            <RequestLine />
          </section>
          <div
            ref={panes}
            className={`workspace-panes ${stacked ? 'is-stacked' : 'is-side-by-side'}`}
          >
            <div
              className="request-pane pane"
              role="region"
              aria-label="Request details"
              id="composer-request-pane"
              style={{ flexBasis: `${share * 100}%` }}
            >
              <RequestEditor />
            </div>
            <PaneSeparator
              label="Request and response split"
              orientation={stacked ? 'horizontal' : 'vertical'}
              value={share}
              min={0.2}
              max={0.8}
              step={0.05}
              defaultValue={DEFAULT_SHARE}
              controls="composer-request-pane"
              valueText={`Request ${Math.round(share * 100)}%`}
              toValue={(x, y) => {
                const box = panes.current?.getBoundingClientRect();
                if (box === undefined) return share;
                return stacked ? (y - box.top) / box.height : (x - box.left) / box.width;
              }}
              onChange={(v) => setLayout({ requestShare: Math.round(v * 1000) / 1000 })}
            />
            <div className="response-pane pane">
              <ResponsePanel />
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Whether the element is narrower than STACK_BELOW_PX (followed as the window resizes). */
function useStacked(ref: React.RefObject<HTMLDivElement | null>): boolean {
  const [stacked, setStacked] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = (): void => setStacked(element.getBoundingClientRect().width < STACK_BELOW_PX);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return stacked;
}

/** A request is running, or waiting for its connection to load: Esc cancels it. */
const isBusy = (composer: { running: unknown; sendQueued: boolean }): boolean =>
  composer.running !== null || composer.sendQueued;
