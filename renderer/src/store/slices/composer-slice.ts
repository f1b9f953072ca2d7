import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import { paramsFromUrl, urlWithParams } from '#shared/requests/query.js';
import {
  emptyDraft,
  type ExchangeResult,
  type HistoryEntry,
  type RequestDraft,
  type RequestProgress,
  type Row,
} from '#shared/requests/schemas.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import type { SessionTab, TabOrigin } from '#shared/workspace/session.js';
import { call } from '../../api/call.js';
import type { StoreState } from '../store.js';

/** A connection as the composer's picker lists it. */
export interface ComposerConnectionChoice {
  id: string;
  name: string;
  presetId: string;
}

/** Variables, catalog, saved requests and last draft of a connection. */
export type RequestContext = ChannelResult<'requests:context'>;

/** Where the draft on screen came from, shown above the editor; `file` is a workspace file. */
export type DraftOrigin = TabOrigin;

export interface RunningRequest {
  requestId: string;
  connectionId: string;
  progress: RequestProgress | null;
  cancelling: boolean;
  /** When Send was pressed (Date.now()), for the live elapsed timer. */
  startedAt: number;
}

/**
 * What each tab has of its own: connection, draft, response and the bookkeeping of its loads.
 * The active tab's lives in the top level of ComposerState (what the editor and the response
 * panel read); the others are parked in `parked` until they are activated again.
 */
export interface TabState {
  connectionId: string | null;
  /** The connection the draft on screen was loaded for (it may lag connectionId while loading). */
  draftFor: string | null;
  context: RequestContext | null;
  contextError: IpcError | null;
  draft: RequestDraft;
  variables: Row[];
  origin: DraftOrigin;
  /** The draft was changed since it was loaded from its origin. */
  edited: boolean;
  running: RunningRequest | null;
  /**
   * Send was pressed while the connection's draft was still loading: the request goes out as
   * soon as it has loaded (with the draft on screen), unless the user cancels first.
   */
  sendQueued: boolean;
  exchange: ExchangeResult | null;
  /** The send was refused before anything went out (missing variable, bad URL…). */
  sendError: IpcError | null;
  /**
   * The context load whose answer is awaited: each load puts a fresh token here, and the answer
   * to a load the user has since replaced (by choosing another connection) is dropped.
   */
  contextLoad: object | null;
  /** Counts edits of the draft, so a context that arrives after the user typed does not undo it. */
  draftEdits: number;
  /** The tab's file changed on disk while it had unsaved edits (or was removed): offer a reload. */
  diskChange: 'changed' | 'removed' | null;
  /** The draft as the tab's file last held it (JSON), to tell edits made elsewhere from its own saves. */
  fileSnapshot: string | null;
}

/** A closed tab, kept so it can be reopened (without its response). */
type ClosedTab = Omit<SessionTab, 'id'>;

export interface ComposerState extends TabState {
  connections: ComposerConnectionChoice[] | null;
  connectionsError: IpcError | null;
  history: HistoryEntry[];
  historyTotal: number;
  historyQuery: string;
  historyError: IpcError | null;
  /** The timer that remembers the draft after a pause in typing; a reset store disarms it. */
  rememberTimer: ReturnType<typeof setTimeout> | null;
  /** The open tabs, in order, by id. */
  tabs: string[];
  activeTab: string;
  /** The state of every tab but the active one. */
  parked: Record<string, TabState>;
  /** Recently closed tabs, newest last. */
  closed: ClosedTab[];
  /** A tab with unsaved changes the user asked to close: the window asks first. */
  closePrompt: string | null;
  /** The saved session (tabs, environment, pane sizes) was read, or there was none. */
  sessionLoaded: boolean;
  sessionTimer: ReturnType<typeof setTimeout> | null;
  /** The "Save as…" form of the active tab is open. */
  saveAsOpen: boolean;
}

export interface ComposerSlice {
  composer: ComposerState;
  loadComposerConnections: () => Promise<void>;
  /** Open the composer on a connection, with one of its catalog endpoints (else its last draft). */
  openComposerFor: (connectionId: string, endpointId?: string) => Promise<void>;
  selectComposerConnection: (connectionId: string, endpointId?: string) => Promise<void>;
  updateComposerDraft: (change: (draft: RequestDraft) => RequestDraft) => void;
  /** Change the URL; the params table follows. */
  setComposerUrl: (url: string) => void;
  /** Change the params table; the URL's query follows. */
  setComposerParams: (params: Row[]) => void;
  setComposerVariables: (variables: Row[]) => void;
  /** Put a draft in the active tab, or in a new tab when the active one has unsaved changes. */
  loadComposerDraft: (draft: RequestDraft, origin: DraftOrigin) => void;
  newComposerDraft: () => void;
  sendComposerRequest: () => Promise<void>;
  cancelComposerRequest: () => Promise<void>;
  setComposerProgress: (progress: RequestProgress) => void;
  loadComposerHistory: (query?: string) => Promise<void>;
  clearComposerHistory: () => Promise<void>;
  importComposerCurl: (
    command: string,
  ) => Promise<{ ok: true; notes: string[] } | { ok: false; error: IpcError }>;
  /** Open a new tab (on the active tab's connection unless one is given). */
  newComposerTab: (connectionId?: string) => void;
  activateComposerTab: (id: string) => void;
  /** Move to the next (1) or previous (-1) tab, wrapping around. */
  cycleComposerTab: (step: 1 | -1) => void;
  /** Close a tab; one with unsaved changes is only closed with `force` (else the window asks). */
  closeComposerTab: (id: string, force?: boolean) => 'closed' | 'confirm';
  cancelComposerClose: () => void;
  setComposerSaveAs: (open: boolean) => void;
  reopenComposerTab: () => void;
  /** Open a request file of the workspace in a tab (the one already showing it, if any). */
  openWorkspaceRequest: (path: string) => Promise<IpcError | null>;
  /** Save the active tab to its file, or as a new file named `name` in `folder`. */
  saveComposerTab: (target?: { name: string; folder: string }) => Promise<IpcError | null>;
  /** Bring the tab showing `path` to what is on disk now (dropping its unsaved edits). */
  reloadComposerTabFile: (id: string) => Promise<void>;
  /** Follow a file of the workspace that moved, was renamed or went away. */
  retargetComposerFile: (from: string, to: { path: string; name: string } | null) => void;
  /** React to files edited on disk: clean tabs follow, tabs with edits offer a reload. */
  composerFilesChanged: (changes: readonly { path: string; change: string }[]) => void;
  /** Save the session (tabs, environment, pane sizes) soon (or `now`), so it survives a restart. */
  persistComposerSession: (now?: boolean) => void;
}

const LAST_CONNECTION_KEY = 'grantline.composer.connection';
const REMEMBER_AFTER_MS = 600;
const SESSION_AFTER_MS = 400;
const MAX_TABS = 40;
const MAX_CLOSED = 20;

const FIRST_TAB = 'tab-1';
let tabCounter = 1;
const newTabId = (): string => `tab-${++tabCounter}-${Math.random().toString(36).slice(2, 8)}`;

function freshTab(connectionId: string | null = null): TabState {
  return {
    connectionId,
    draftFor: null,
    context: null,
    contextError: null,
    draft: emptyDraft(),
    variables: [],
    origin: { kind: 'new' },
    edited: false,
    running: null,
    sendQueued: false,
    exchange: null,
    sendError: null,
    contextLoad: null,
    draftEdits: 0,
    diskChange: null,
    fileSnapshot: null,
  };
}

const TAB_KEYS = Object.keys(freshTab()) as (keyof TabState)[];

/** The per-tab part of the composer's top level. */
function tabOf(composer: ComposerState): TabState {
  return Object.fromEntries(TAB_KEYS.map((k) => [k, composer[k]])) as unknown as TabState;
}

export const initialComposerState: ComposerState = {
  ...freshTab(),
  connections: null,
  connectionsError: null,
  history: [],
  historyTotal: 0,
  historyQuery: '',
  historyError: null,
  rememberTimer: null,
  tabs: [FIRST_TAB],
  activeTab: FIRST_TAB,
  parked: {},
  closed: [],
  closePrompt: null,
  sessionLoaded: false,
  sessionTimer: null,
  saveAsOpen: false,
};

/** The state of a tab by id: the top level for the active tab, else its parked state. */
export function composerTab(composer: ComposerState, id: string): TabState | undefined {
  return id === composer.activeTab ? composer : composer.parked[id];
}

/** A tab's title: its file or catalog name, else method and path of its URL. */
export function tabTitle(tab: TabState): string {
  // A file keeps its name while edited; an edited template is the user's own request now.
  if (tab.origin.kind === 'file') return tab.origin.name;
  if ((tab.origin.kind === 'saved' || tab.origin.kind === 'catalog') && !tab.edited) {
    return tab.origin.name;
  }
  const url = tab.draft.url.replace(/^\{\{\s*[\w.-]+\s*\}\}/, '').replace(/^https?:\/\/[^/]+/, '');
  return url === '' || url === '/' ? 'New request' : url.split('?')[0]!.slice(0, 60);
}

function storedConnectionId(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_CONNECTION_KEY) ?? null;
  } catch {
    return null;
  }
}

function storeConnectionId(id: string): void {
  try {
    globalThis.localStorage?.setItem(LAST_CONNECTION_KEY, id);
  } catch {
    // Storage disabled: the composer opens on the first connection next time.
  }
}

/** Why a send did not go out: the connection's variables and draft could not be loaded. */
const notLoaded: IpcError = {
  category: 'validation',
  message: 'Not sent: the connection could not be loaded.',
  hint: 'Fix the problem shown above, then choose the connection again and send.',
};

const newRequestId = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `req-${Date.now()}-${Math.random().toString(36).slice(2)}`;

const releaseOf = (tab: TabState): void => {
  const responseId = tab.exchange?.response?.responseId;
  if (responseId !== undefined) void call('requests:release', { responseId });
};

/**
 * The request composer: open tabs, each with its connection, draft, running request and answer.
 * The active tab's state is at the top level of `composer`, so the editor and the response
 * panel read one place; switching tabs parks it and brings the other one up.
 */
export const createComposerSlice: StateCreator<StoreState, [], [], ComposerSlice> = (set, get) => {
  const patch = (change: Partial<ComposerState>): void =>
    set((s) => ({ composer: { ...s.composer, ...change } }));

  /** Change the tab that holds `requestId` (active or parked); false when no tab holds it. */
  const patchByRequest = (
    requestId: string,
    change: (tab: TabState) => Partial<TabState>,
  ): boolean => {
    const { composer } = get();
    if (composer.running?.requestId === requestId) {
      patch(change(composer));
      return true;
    }
    for (const [id, tab] of Object.entries(composer.parked)) {
      if (tab.running?.requestId === requestId) {
        patch({ parked: { ...composer.parked, [id]: { ...tab, ...change(tab) } } });
        return true;
      }
    }
    return false;
  };

  const persistSoon = (): void => get().persistComposerSession();

  // The draft comes back after a restart: main keeps the last one per connection (scrubbed),
  // and the session with every tab.
  const scheduleRemember = (): void => {
    const previous = get().composer.rememberTimer;
    if (previous !== null) clearTimeout(previous);
    const timer = setTimeout(() => {
      if (get().composer.rememberTimer !== timer) return;
      patch({ rememberTimer: null });
      const { connectionId, draft, variables } = get().composer;
      if (connectionId !== null) void call('requests:remember', { connectionId, draft, variables });
    }, REMEMBER_AFTER_MS);
    patch({ rememberTimer: timer });
    persistSoon();
  };

  // A draft that comes with an origin was just loaded; one without was edited.
  const setDraft = (draft: RequestDraft, extra: Partial<ComposerState> = {}): void => {
    const edited = extra.origin === undefined;
    const draftEdits = get().composer.draftEdits + (edited ? 1 : 0);
    patch({
      draft,
      sendError: null,
      edited,
      draftEdits,
      ...(edited ? {} : { diskChange: null }),
      ...extra,
    });
    scheduleRemember();
  };

  /** Make `id` the active tab: park the current one, bring `id` up, load what it lacks. */
  const activate = (id: string, next?: TabState): void => {
    const { composer } = get();
    const target = next ?? composer.parked[id];
    if (target === undefined) return;
    const parked = { ...composer.parked };
    delete parked[id];
    if (composer.tabs.includes(composer.activeTab) && composer.activeTab !== id) {
      parked[composer.activeTab] = tabOf(composer);
    }
    const tabs = composer.tabs.includes(id) ? composer.tabs : [...composer.tabs, id];
    patch({ ...target, parked, tabs, activeTab: id });
    const { connectionId, context } = target;
    if (connectionId !== null && (context === null || context.connectionId !== connectionId)) {
      void get().selectComposerConnection(connectionId);
    } else if (connectionId !== null) {
      void get().loadComposerHistory();
    }
    persistSoon();
  };

  /** A tab with this draft, bound to its connection (its context loads when it is shown). */
  const tabWith = (
    connectionId: string,
    draft: RequestDraft,
    origin: DraftOrigin,
    extra: Partial<TabState> = {},
  ): TabState => ({ ...freshTab(connectionId), draftFor: connectionId, draft, origin, ...extra });

  const openInNewTab = (tab: TabState): boolean => {
    if (get().composer.tabs.length >= MAX_TABS) {
      get().showToast(`At most ${MAX_TABS} tabs can be open; close one first.`, 'error');
      return false;
    }
    activate(newTabId(), tab);
    return true;
  };

  const fileTabId = (path: string): string | undefined => {
    const { composer } = get();
    return composer.tabs.find((id) => {
      const tab = composerTab(composer, id);
      return tab?.origin.kind === 'file' && tab.origin.path === path;
    });
  };

  const restoreSession = async (choices: ComposerConnectionChoice[]): Promise<boolean> => {
    const result = await call('workspace:session');
    patch({ sessionLoaded: true });
    if (!result.ok) return false;
    const session = result.value;
    get().restoreWorkspaceSession(session);
    const known = new Set(choices.map((c) => c.id));
    const tabs = session.tabs.filter((t) => known.has(t.connectionId));
    if (tabs.length === 0) return false;
    const states: Record<string, TabState> = {};
    for (const t of tabs) {
      states[t.id] = tabWith(t.connectionId, t.draft, t.origin, {
        variables: t.variables,
        edited: t.edited,
      });
    }
    const active = tabs.find((t) => t.id === session.activeTab) ?? tabs[0]!;
    const parked = { ...states };
    delete parked[active.id];
    patch({ tabs: tabs.map((t) => t.id), parked, activeTab: '' });
    activate(active.id, states[active.id]);
    return true;
  };

  return {
    composer: initialComposerState,

    loadComposerConnections: async () => {
      const result = await call('connections:list');
      if (!result.ok) {
        patch({ connections: [], connectionsError: result.error });
        return;
      }
      const choices: ComposerConnectionChoice[] = result.value.connections
        .map(({ connection: { id, name, presetId } }) => ({ id, name, presetId }))
        .sort((a, b) => a.name.localeCompare(b.name));
      patch({ connections: choices, connectionsError: null });
      if (!get().composer.sessionLoaded && get().composer.connectionId === null) {
        if (await restoreSession(choices)) return;
      }
      const { connectionId } = get().composer;
      if (connectionId !== null && choices.some((c) => c.id === connectionId)) return;
      const stored = storedConnectionId();
      const pick = choices.find((c) => c.id === stored) ?? choices[0];
      if (pick !== undefined) await get().selectComposerConnection(pick.id);
    },

    openComposerFor: async (connectionId, endpointId) => {
      get().setArea('composer');
      const { composer } = get();
      // A tab with unsaved work on another connection stays as it is: the request opens beside it.
      if (composer.edited && composer.connectionId !== connectionId) {
        openInNewTab({ ...freshTab(connectionId) });
      }
      await get().selectComposerConnection(connectionId, endpointId);
      if (get().composer.connections === null) void get().loadComposerConnections();
    },

    selectComposerConnection: async (connectionId, endpointId) => {
      const load = {};
      patch({ contextLoad: load });
      storeConnectionId(connectionId);
      if (get().composer.connectionId !== connectionId) {
        // The response on screen stays: it says which request it answers. A send queued for the
        // previous connection is not one for this one.
        patch({ connectionId, context: null, sendError: null, sendQueued: false });
        persistSoon();
      }
      patch({ contextError: null });
      const editsBefore = get().composer.draftEdits;
      const result = await call('requests:context', { connectionId });
      if (get().composer.contextLoad !== load) return;
      const queued = get().composer.sendQueued;
      if (!result.ok) {
        patch({
          context: null,
          contextError: result.error,
          sendQueued: false,
          ...(queued ? { sendError: notLoaded } : {}),
        });
        return;
      }
      const context = result.value;
      // The draft on screen already belongs to this connection, or the user edited it while the
      // context was loading (typed a URL right after choosing the connection), or pressed Send
      // on it: keep it. A tab bound to a file keeps its request too (it now goes elsewhere).
      const editedMeanwhile = get().composer.draftEdits !== editsBefore || queued;
      const { draftFor, origin } = get().composer;
      const movedFile = origin.kind === 'file' && draftFor !== null && draftFor !== connectionId;
      const hasDraft = draftFor === connectionId || editedMeanwhile || movedFile;
      const template =
        endpointId !== undefined ? context.catalog.find((t) => t.id === endpointId) : undefined;
      if (template !== undefined && !editedMeanwhile) {
        setDraft(template.draft, {
          context,
          draftFor: connectionId,
          variables: hasDraft ? get().composer.variables : (context.last?.variables ?? []),
          origin: { kind: 'catalog', id: template.id, name: template.name },
        });
      } else if (hasDraft) {
        patch({ context, draftFor: connectionId, ...(movedFile ? { edited: true } : {}) });
      } else if (context.last !== null) {
        patch({
          context,
          draftFor: connectionId,
          draft: context.last.draft,
          variables: context.last.variables,
          origin: { kind: 'restored' },
          edited: false,
          sendError: null,
        });
      } else {
        const first = context.catalog[0];
        const baseUrl = context.variables.some((v) => v.name === 'baseUrl');
        patch({
          context,
          draftFor: connectionId,
          draft: first?.draft ?? { ...emptyDraft(), url: baseUrl ? '{{baseUrl}}/' : '' },
          variables: [],
          origin: first ? { kind: 'catalog', id: first.id, name: first.name } : { kind: 'new' },
          edited: false,
          sendError: null,
        });
      }
      persistSoon();
      if (queued) {
        patch({ sendQueued: false });
        void get().sendComposerRequest();
      }
      void get().loadComposerHistory();
    },

    updateComposerDraft: (change) => setDraft(change(get().composer.draft)),

    setComposerUrl: (url) => {
      const { draft } = get().composer;
      setDraft({ ...draft, url, params: paramsFromUrl(url, draft.params) });
    },

    setComposerParams: (params) => {
      const { draft } = get().composer;
      setDraft({ ...draft, params, url: urlWithParams(draft.url, params) });
    },

    setComposerVariables: (variables) => {
      patch({ variables, sendError: null, edited: true });
      scheduleRemember();
    },

    loadComposerDraft: (draft, origin) => {
      const { composer } = get();
      if (composer.edited && composer.connectionId !== null) {
        openInNewTab(
          tabWith(composer.connectionId, draft, origin, { variables: composer.variables }),
        );
        return;
      }
      setDraft(draft, { origin });
    },

    newComposerDraft: () => {
      const { context } = get().composer;
      const url = context?.variables.some((v) => v.name === 'baseUrl') ? '{{baseUrl}}/' : '';
      setDraft({ ...emptyDraft(), url }, { origin: { kind: 'new' } });
    },

    sendComposerRequest: async () => {
      const { connectionId, draftFor, draft, variables, running, contextError } = get().composer;
      if (connectionId === null || running !== null) return;
      if (draftFor !== connectionId) {
        // The connection's draft is still loading: send once it is there (see sendQueued), or
        // say why not when it could not load.
        patch(contextError !== null ? { sendError: notLoaded } : { sendQueued: true });
        return;
      }
      const requestId = newRequestId();
      patch({
        running: {
          requestId,
          connectionId,
          progress: null,
          cancelling: false,
          startedAt: Date.now(),
        },
        sendError: null,
      });
      const environment = get().workspace.environment;
      const result = await call('requests:send', {
        requestId,
        connectionId,
        draft,
        variables,
        ...(environment !== null ? { environment } : {}),
      });
      // The answer goes to the tab that sent it, even when another tab is shown now.
      const landed = patchByRequest(requestId, (tab) => {
        if (!result.ok) return { running: null, sendError: result.error };
        releaseOf(tab);
        return { running: null, exchange: result.value };
      });
      if (!landed) {
        // The tab was closed meanwhile.
        const responseId = result.ok ? result.value.response?.responseId : undefined;
        if (responseId !== undefined) void call('requests:release', { responseId });
        return;
      }
      if (result.ok) void get().loadComposerHistory();
    },

    cancelComposerRequest: async () => {
      const { running, sendQueued } = get().composer;
      if (sendQueued) patch({ sendQueued: false });
      if (running === null || running.cancelling) return;
      patch({ running: { ...running, cancelling: true } });
      await call('requests:cancel', { requestId: running.requestId });
    },

    setComposerProgress: (progress) => {
      patchByRequest(progress.requestId, (tab) =>
        tab.running === null ? {} : { running: { ...tab.running, progress } },
      );
    },

    loadComposerHistory: async (query) => {
      const q = query ?? get().composer.historyQuery;
      const { connectionId } = get().composer;
      if (query !== undefined) patch({ historyQuery: query });
      if (connectionId === null) return;
      const result = await call('requests:history', {
        connectionId,
        limit: 100,
        ...(q.trim() !== '' ? { query: q } : {}),
      });
      if (get().composer.historyQuery !== q || get().composer.connectionId !== connectionId) return;
      patch(
        result.ok
          ? { history: result.value.entries, historyTotal: result.value.total, historyError: null }
          : { historyError: result.error },
      );
    },

    clearComposerHistory: async () => {
      const { connectionId } = get().composer;
      if (connectionId === null) return;
      await call('requests:clear-history', { connectionId });
      await get().loadComposerHistory();
    },

    importComposerCurl: async (command) => {
      const { connectionId } = get().composer;
      if (connectionId === null) {
        return {
          ok: false,
          error: { category: 'validation', message: 'Pick a connection first.' },
        };
      }
      const result = await call('requests:import-curl', { connectionId, command });
      if (!result.ok) return result;
      get().loadComposerDraft(result.value.draft, { kind: 'curl' });
      return { ok: true, notes: result.value.notes };
    },

    newComposerTab: (connectionId) => {
      const { composer } = get();
      const id = connectionId ?? composer.connectionId ?? composer.connections?.[0]?.id ?? null;
      if (id === null) return;
      const sameContext = composer.context?.connectionId === id ? composer.context : null;
      const baseUrl = sameContext?.variables.some((v) => v.name === 'baseUrl') ?? true;
      openInNewTab(
        tabWith(
          id,
          { ...emptyDraft(), url: baseUrl ? '{{baseUrl}}/' : '' },
          { kind: 'new' },
          {
            context: sameContext,
          },
        ),
      );
    },

    activateComposerTab: (id) => {
      if (id === get().composer.activeTab) return;
      activate(id);
    },

    cycleComposerTab: (step) => {
      const { tabs, activeTab } = get().composer;
      if (tabs.length < 2) return;
      const at = tabs.indexOf(activeTab);
      activate(tabs[(at + step + tabs.length) % tabs.length]!);
    },

    closeComposerTab: (id, force = false) => {
      const { composer } = get();
      const tab = composerTab(composer, id);
      if (tab === undefined) return 'closed';
      if (tab.edited && !force) {
        patch({ closePrompt: id });
        return 'confirm';
      }
      if (tab.running !== null) void call('requests:cancel', { requestId: tab.running.requestId });
      releaseOf(tab);
      const closed: ClosedTab[] =
        tab.connectionId === null
          ? composer.closed
          : [
              ...composer.closed,
              {
                connectionId: tab.connectionId,
                draft: tab.draft,
                variables: tab.variables,
                origin: tab.origin,
                edited: tab.edited,
              },
            ].slice(-MAX_CLOSED);
      const at = composer.tabs.indexOf(id);
      const tabs = composer.tabs.filter((t) => t !== id);
      const parked = { ...composer.parked };
      delete parked[id];
      patch({ closed, closePrompt: null, parked, tabs });
      if (id === composer.activeTab) {
        const next = tabs[Math.min(at, tabs.length - 1)];
        if (next !== undefined) {
          // The closed tab is not parked: activate() sees it is no longer in the tab list.
          activate(next);
        } else {
          activate(newTabId(), {
            ...freshTab(tab.connectionId),
            draftFor: tab.connectionId,
            draft: { ...emptyDraft(), url: '{{baseUrl}}/' },
            context: tab.context,
          });
        }
      }
      persistSoon();
      return 'closed';
    },

    cancelComposerClose: () => patch({ closePrompt: null }),

    setComposerSaveAs: (open) => patch({ saveAsOpen: open }),

    reopenComposerTab: () => {
      const { closed } = get().composer;
      const last = closed.at(-1);
      if (last === undefined) return;
      patch({ closed: closed.slice(0, -1) });
      openInNewTab(
        tabWith(last.connectionId, last.draft, last.origin, {
          variables: last.variables,
          edited: last.edited,
        }),
      );
    },

    openWorkspaceRequest: async (path) => {
      const existing = fileTabId(path);
      if (existing !== undefined) {
        get().activateComposerTab(existing);
        return null;
      }
      const result = await call('workspace:read-request', { path });
      if (!result.ok) return result.error;
      const { connectionId, draft, name } = result.value;
      const known = get().composer.connections?.some((c) => c.id === connectionId) ?? false;
      if (!known) {
        return {
          category: 'validation',
          message: `"${name}" is sent with a connection this app does not have (${connectionId}).`,
          hint: 'Add that connection, or open the file and choose one of yours, then save it.',
        };
      }
      const tab = tabWith(
        connectionId,
        draft,
        { kind: 'file', path: result.value.path, name },
        { fileSnapshot: JSON.stringify(draft) },
      );
      const { composer } = get();
      // A pristine tab (nothing typed, nothing sent) is reused instead of piling up tabs.
      const pristine =
        !composer.edited &&
        composer.exchange === null &&
        composer.running === null &&
        composer.origin.kind !== 'file';
      if (pristine && composer.tabs.length > 0) {
        activate(composer.activeTab, tab);
        return null;
      }
      openInNewTab(tab);
      return null;
    },

    saveComposerTab: async (target) => {
      const { connectionId, draft, origin, activeTab } = get().composer;
      if (connectionId === null)
        return { category: 'validation', message: 'Pick a connection first.' };
      const overFile = target === undefined && origin.kind === 'file';
      if (target === undefined && !overFile) {
        return { category: 'validation', message: 'Give the request a name to save it as a file.' };
      }
      const result = await call('workspace:save-request', {
        ...(overFile
          ? { path: origin.path, name: origin.name }
          : { name: target!.name, folder: target!.folder }),
        connectionId,
        draft,
      });
      if (!result.ok) return result.error;
      const saved = result.value;
      const now = get().composer;
      const fileOrigin: DraftOrigin = { kind: 'file', path: saved.path, name: saved.name };
      const fileSnapshot = JSON.stringify(saved.draft);
      if (now.activeTab === activeTab) {
        // Edits typed while the file was written stay marked as unsaved.
        patch({ origin: fileOrigin, edited: now.draft !== draft, diskChange: null, fileSnapshot });
      } else if (now.parked[activeTab] !== undefined) {
        const tab = now.parked[activeTab];
        patch({
          parked: {
            ...now.parked,
            [activeTab]: {
              ...tab,
              origin: fileOrigin,
              edited: tab.draft !== draft,
              diskChange: null,
              fileSnapshot,
            },
          },
        });
      }
      // A tab now bound to a file is worth keeping at once, not after the usual pause.
      persistSoon();
      get().persistComposerSession(true);
      void get().loadWorkspace();
      return null;
    },

    reloadComposerTabFile: async (id) => {
      const tab = composerTab(get().composer, id);
      if (tab?.origin.kind !== 'file') return;
      const result = await call('workspace:read-request', { path: tab.origin.path });
      if (!result.ok) {
        get().showToast(result.error.message, 'error');
        return;
      }
      const update: Partial<TabState> = {
        draft: result.value.draft,
        connectionId: result.value.connectionId,
        origin: { kind: 'file', path: result.value.path, name: result.value.name },
        edited: false,
        diskChange: null,
        fileSnapshot: JSON.stringify(result.value.draft),
      };
      const now = get().composer;
      if (now.activeTab === id) {
        const connectionChanged = now.connectionId !== result.value.connectionId;
        patch({ ...update, draftFor: result.value.connectionId, draftEdits: now.draftEdits + 1 });
        if (connectionChanged) void get().selectComposerConnection(result.value.connectionId);
      } else if (now.parked[id] !== undefined) {
        patch({
          parked: {
            ...now.parked,
            [id]: {
              ...now.parked[id],
              ...update,
              context: null,
              draftFor: result.value.connectionId,
            },
          },
        });
      }
      persistSoon();
    },

    retargetComposerFile: (from, to) => {
      const id = fileTabId(from);
      if (id === undefined) return;
      const tab = composerTab(get().composer, id)!;
      const update: Partial<TabState> =
        to === null
          ? { origin: { kind: 'new' }, edited: true, diskChange: null }
          : { origin: { kind: 'file', path: to.path, name: to.name } };
      const now = get().composer;
      if (now.activeTab === id) patch(update);
      else patch({ parked: { ...now.parked, [id]: { ...tab, ...update } } });
      persistSoon();
    },

    composerFilesChanged: (changes) => {
      const flag = (id: string, diskChange: TabState['diskChange']): void => {
        const now = get().composer;
        if (now.activeTab === id) patch({ diskChange });
        else if (now.parked[id] !== undefined) {
          patch({ parked: { ...now.parked, [id]: { ...now.parked[id], diskChange } } });
        }
      };
      for (const { path, change } of changes) {
        const id = fileTabId(path);
        if (id === undefined) continue;
        const tab = composerTab(get().composer, id)!;
        if (change === 'removed') flag(id, 'removed');
        else if (!tab.edited) void get().reloadComposerTabFile(id);
        else {
          // Offer the version on disk only when it is not the one this tab last saved or loaded
          // (the watcher also reports the app's own saves).
          void call('workspace:read-request', { path }).then((result) => {
            const current = composerTab(get().composer, id);
            if (!result.ok || current === undefined) return;
            if (JSON.stringify(result.value.draft) !== current.fileSnapshot) flag(id, 'changed');
          });
        }
      }
    },

    persistComposerSession: (now = false) => {
      const previous = get().composer.sessionTimer;
      if (previous !== null) clearTimeout(previous);
      const save = (): void => {
        patch({ sessionTimer: null });
        const { composer, workspace } = get();
        if (!composer.sessionLoaded) return;
        const tabs: SessionTab[] = [];
        for (const id of composer.tabs) {
          const tab = composerTab(composer, id);
          if (tab === undefined || tab.connectionId === null) continue;
          tabs.push({
            id,
            connectionId: tab.connectionId,
            draft: tab.draft,
            variables: tab.variables,
            origin: tab.origin,
            edited: tab.edited,
          });
        }
        void call('workspace:save-session', {
          tabs,
          activeTab: composer.activeTab,
          environment: workspace.environment,
          layout: workspace.layout,
        });
      };
      if (now) {
        if (previous !== null) save();
        return;
      }
      const timer = setTimeout(() => {
        if (get().composer.sessionTimer === timer) save();
      }, SESSION_AFTER_MS);
      patch({ sessionTimer: timer });
    },
  };
};
