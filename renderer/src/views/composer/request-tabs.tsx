import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useStore } from '../../store/store.js';
import { composerTab, tabTitle } from '../../store/slices/composer-slice.js';
import { Dialog } from './dialog.js';

export const TAB_PANEL_ID = 'composer-tab-panel';
export const tabDomId = (id: string): string => `composer-tab-${id}`;

/**
 * The open requests as tabs: method, name, connection, a dot for unsaved changes, a spinner
 * while running. Arrow keys move between tabs, Delete closes one; the × is for the mouse.
 */
export function RequestTabs(): ReactElement {
  const composer = useStore((s) => s.composer);
  const activate = useStore((s) => s.activateComposerTab);
  const close = useStore((s) => s.closeComposerTab);
  const newTab = useStore((s) => s.newComposerTab);
  const reopen = useStore((s) => s.reopenComposerTab);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const { tabs, activeTab, connections } = composer;

  const focusTab = (id: string): void => {
    // After the store has re-rendered the list.
    requestAnimationFrame(() => refs.current.get(id)?.focus());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    let next: string | undefined;
    if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
    else if (event.key === 'ArrowLeft') next = tabs[(index - 1 + tabs.length) % tabs.length];
    else if (event.key === 'Home') next = tabs[0];
    else if (event.key === 'End') next = tabs.at(-1);
    else if (event.key === 'Delete') {
      event.preventDefault();
      const id = tabs[index]!;
      if (close(id) === 'closed') focusTab(useStore.getState().composer.activeTab);
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    activate(next);
    focusTab(next);
  };

  return (
    <div className="request-tabs">
      <div role="tablist" aria-label="Open requests" className="request-tab-list">
        {tabs.map((id, index) => {
          const tab = composerTab(composer, id);
          if (tab === undefined) return null;
          const title = tabTitle(tab);
          const connection = connections?.find((c) => c.id === tab.connectionId)?.name ?? '';
          const selected = id === activeTab;
          const state = tab.running !== null ? ', running' : tab.edited ? ', unsaved changes' : '';
          return (
            <button
              key={id}
              ref={(el) => {
                if (el) refs.current.set(id, el);
                else refs.current.delete(id);
              }}
              type="button"
              role="tab"
              id={tabDomId(id)}
              aria-selected={selected}
              aria-controls={TAB_PANEL_ID}
              aria-keyshortcuts="Delete"
              tabIndex={selected ? 0 : -1}
              title={`${title} · ${connection}${tab.origin.kind === 'file' ? ` · ${tab.origin.path}` : ''}`}
              className={`request-tab ${selected ? 'is-active' : ''}`}
              onClick={() => activate(id)}
              onAuxClick={(e) => {
                if (e.button === 1) close(id);
              }}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {/* The name is the visible text (method, title, connection) plus the state. */}
              <span className={`tab-method method-${tab.draft.method.toLowerCase()}`}>
                {tab.draft.method}
              </span>{' '}
              <span className="tab-title">{title}</span>{' '}
              <span className="tab-connection">{connection}</span>
              {state !== '' && <span className="cx-visually-hidden">{state}</span>}
              {tab.running !== null ? (
                <span className="spinner tab-spinner" aria-hidden="true" />
              ) : tab.edited ? (
                <span className="dirty-dot" aria-hidden="true" title="Unsaved changes">
                  ●
                </span>
              ) : null}
              <span
                className="tab-close"
                aria-hidden="true"
                title="Close tab (Ctrl+W)"
                onClick={(e) => {
                  e.stopPropagation();
                  close(id);
                }}
              >
                ×
              </span>
            </button>
          );
        })}
      </div>
      <button
        type="button"
        className="cx-icon-button tab-new"
        aria-label="New tab"
        title="New tab (Ctrl+T)"
        onClick={() => newTab()}
      >
        +
      </button>
      <button
        type="button"
        className="cx-icon-button tab-reopen"
        aria-label="Reopen closed tab"
        title="Reopen closed tab (Ctrl+Shift+T)"
        disabled={composer.closed.length === 0}
        onClick={reopen}
      >
        ↺
      </button>
      <ClosePrompt />
    </div>
  );
}

/** Asks before a tab with unsaved changes is closed; keeping it is the default. */
function ClosePrompt(): ReactElement | null {
  const composer = useStore((s) => s.composer);
  const close = useStore((s) => s.closeComposerTab);
  const cancel = useStore((s) => s.cancelComposerClose);
  const id = composer.closePrompt;
  if (id === null) return null;
  const tab = composerTab(composer, id);
  if (tab === undefined) return null;
  return (
    <Dialog
      title="Close without saving?"
      onClose={cancel}
      footer={
        <>
          <button type="button" className="cx-button" onClick={cancel}>
            Keep editing
          </button>
          <button type="button" className="cx-danger" onClick={() => close(id, true)}>
            Close without saving
          </button>
        </>
      }
    >
      <p>
        <strong>{tabTitle(tab)}</strong> has changes that are not saved
        {tab.origin.kind === 'file' ? ` to ${tab.origin.path}` : ' to a file'}. Closed tabs can be
        reopened with <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>T</kbd> while the app runs.
      </p>
    </Dialog>
  );
}
