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

/** Where the draft on screen came from, shown above the editor. */
export type DraftOrigin =
  | { kind: 'new' }
  | { kind: 'restored' }
  | { kind: 'catalog'; id: string; name: string }
  | { kind: 'saved'; id: string; name: string }
  | { kind: 'history'; id: string }
  | { kind: 'curl' }
  /** A request file of the workspace (e.g. one imported from an API description). */
  | { kind: 'workspace'; path: string; name: string };

export interface RunningRequest {
  requestId: string;
  connectionId: string;
  progress: RequestProgress | null;
  cancelling: boolean;
}

export interface ComposerState {
  connections: ComposerConnectionChoice[] | null;
  connectionsError: IpcError | null;
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
  history: HistoryEntry[];
  historyTotal: number;
  historyQuery: string;
  historyError: IpcError | null;
  /**
   * The context load whose answer is awaited: each load puts a fresh token here, and the answer
   * to a load the user has since replaced (by choosing another connection) is dropped.
   */
  contextLoad: object | null;
  /** Counts edits of the draft, so a context that arrives after the user typed does not undo it. */
  draftEdits: number;
  /** The timer that remembers the draft after a pause in typing; a reset store disarms it. */
  rememberTimer: ReturnType<typeof setTimeout> | null;
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
  saveComposerRequest: (name: string, id?: string) => Promise<IpcError | null>;
  deleteComposerSaved: (id: string) => Promise<void>;
}

const LAST_CONNECTION_KEY = 'grantline.composer.connection';
const REMEMBER_AFTER_MS = 600;

export const initialComposerState: ComposerState = {
  connections: null,
  connectionsError: null,
  connectionId: null,
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
  history: [],
  historyTotal: 0,
  historyQuery: '',
  historyError: null,
  contextLoad: null,
  draftEdits: 0,
  rememberTimer: null,
};

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

/** The request composer: the connection, the draft being edited, the running request and its answer. */
export const createComposerSlice: StateCreator<StoreState, [], [], ComposerSlice> = (set, get) => {
  const patch = (change: Partial<ComposerState>): void =>
    set((s) => ({ composer: { ...s.composer, ...change } }));

  // The draft comes back after a restart: main keeps the last one per connection (scrubbed).
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
  };

  // A draft that comes with an origin was just loaded; one without was edited.
  const setDraft = (draft: RequestDraft, extra: Partial<ComposerState> = {}): void => {
    const edited = extra.origin === undefined;
    const draftEdits = get().composer.draftEdits + (edited ? 1 : 0);
    patch({ draft, sendError: null, edited, draftEdits, ...extra });
    scheduleRemember();
  };

  const releaseExchange = (): void => {
    const responseId = get().composer.exchange?.response?.responseId;
    if (responseId !== undefined) void call('requests:release', { responseId });
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
      const { connectionId } = get().composer;
      if (connectionId !== null && choices.some((c) => c.id === connectionId)) return;
      const stored = storedConnectionId();
      const pick = choices.find((c) => c.id === stored) ?? choices[0];
      if (pick !== undefined) await get().selectComposerConnection(pick.id);
    },

    openComposerFor: async (connectionId, endpointId) => {
      get().setArea('composer');
      await get().selectComposerConnection(connectionId, endpointId);
      if (get().composer.connections === null) void get().loadComposerConnections();
    },

    selectComposerConnection: async (connectionId, endpointId) => {
      const load = {};
      patch({ contextLoad: load });
      storeConnectionId(connectionId);
      if (get().composer.connectionId !== connectionId) {
        releaseExchange();
        // A send queued for the previous connection is not one for this one.
        patch({ connectionId, context: null, exchange: null, sendError: null, sendQueued: false });
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
      // on it: keep it.
      const editedMeanwhile = get().composer.draftEdits !== editsBefore || queued;
      const hasDraft = get().composer.draftFor === connectionId || editedMeanwhile;
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
        patch({ context, draftFor: connectionId });
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

    loadComposerDraft: (draft, origin) => setDraft(draft, { origin }),

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
        running: { requestId, connectionId, progress: null, cancelling: false },
        sendError: null,
      });
      const result = await call('requests:send', { requestId, connectionId, draft, variables });
      if (get().composer.running?.requestId !== requestId) return;
      if (!result.ok) {
        patch({ running: null, sendError: result.error });
        return;
      }
      if (get().composer.connectionId !== connectionId) {
        patch({ running: null });
        const responseId = result.value.response?.responseId;
        if (responseId !== undefined) void call('requests:release', { responseId });
        return;
      }
      releaseExchange();
      patch({ running: null, exchange: result.value });
      void get().loadComposerHistory();
    },

    cancelComposerRequest: async () => {
      const { running, sendQueued } = get().composer;
      if (sendQueued) patch({ sendQueued: false });
      if (running === null || running.cancelling) return;
      patch({ running: { ...running, cancelling: true } });
      await call('requests:cancel', { requestId: running.requestId });
    },

    setComposerProgress: (progress) => {
      const { running } = get().composer;
      if (running === null || running.requestId !== progress.requestId) return;
      patch({ running: { ...running, progress } });
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
      setDraft(result.value.draft, { origin: { kind: 'curl' } });
      return { ok: true, notes: result.value.notes };
    },

    saveComposerRequest: async (name, id) => {
      const { connectionId, draft } = get().composer;
      if (connectionId === null)
        return { category: 'validation', message: 'Pick a connection first.' };
      const result = await call('requests:save', {
        connectionId,
        name,
        draft,
        ...(id !== undefined ? { id } : {}),
      });
      if (!result.ok) return result.error;
      const saved = result.value;
      const context = get().composer.context;
      if (context !== null && context.connectionId === connectionId) {
        const others = context.saved.filter((s) => s.id !== saved.id);
        patch({
          context: {
            ...context,
            saved: [...others, saved].sort((a, b) => a.name.localeCompare(b.name)),
          },
          origin: { kind: 'saved', id: saved.id, name: saved.name },
          edited: false,
        });
      }
      return null;
    },

    deleteComposerSaved: async (id) => {
      const { connectionId, context, origin } = get().composer;
      if (connectionId === null) return;
      const result = await call('requests:delete-saved', { connectionId, id });
      if (!result.ok || context === null) return;
      patch({
        context: { ...context, saved: context.saved.filter((s) => s.id !== id) },
        ...(origin.kind === 'saved' && origin.id === id ? { origin: { kind: 'new' } } : {}),
      });
    },
  };
};
