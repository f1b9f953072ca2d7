import type { StateCreator } from 'zustand';
import type { TokenStatus } from '#shared/connection.js';
import type { IpcError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { call } from '../../api/call.js';
import type { StoreState } from '../store.js';

/** Work under way on one row of the list. */
export type RowBusy = 'testing' | 'renaming' | 'duplicating' | 'deleting';

/** What the detail pane of the selected connection shows besides its facts. */
export type ConnectionDetailMode = 'idle' | 'rename' | 'delete';

/** The outcome of the last "Test" of a saved connection in this session (no token). */
export interface LastTest {
  /** ISO time the answer came back. */
  at: string;
  ok: boolean;
  /** The status after the test (ok), or why it failed. */
  status: TokenStatus | null;
  error: IpcError | null;
}

export interface ConnectionsSlice {
  /** Saved connections (no secrets: only whether each is stored), null until loaded. */
  savedConnections: ConnectionView[] | null;
  savedConnectionsError: IpcError | null;
  /** The list, or the wizard (new connection or editing one). */
  connectionsScreen: 'list' | 'wizard';
  /** The connection saved last, to highlight it in the list. */
  lastSavedId: string | null;
  rowBusy: Record<string, RowBusy>;
  rowErrors: Record<string, IpcError>;
  /** The connection whose detail pane is open, null when none is. */
  selectedConnectionId: string | null;
  connectionDetailMode: ConnectionDetailMode;
  lastTests: Record<string, LastTest>;
  loadSavedConnections: () => Promise<void>;
  /** A `tokens:status-changed` event or a fresh status: updates that row live. */
  applyTokenStatus: (status: TokenStatus) => void;
  /** Put a saved connection into the list (after save), replacing one with the same id. */
  upsertSavedConnection: (view: ConnectionView) => void;
  showConnectionsList: () => void;
  /** Open the detail pane of a connection (null closes it), optionally renaming or deleting. */
  selectSaved: (id: string | null, mode?: ConnectionDetailMode) => void;
  setConnectionDetailMode: (mode: ConnectionDetailMode) => void;
  /**
   * The one way the list edits a connection: every "Edit" (row menu, detail pane, palette) calls
   * this, so pointing it at another editor changes them all.
   */
  editSaved: (id: string) => void;
  testSaved: (id: string) => Promise<void>;
  renameSaved: (id: string, name: string) => Promise<boolean>;
  duplicateSaved: (id: string) => Promise<void>;
  deleteSaved: (id: string) => Promise<void>;
  openInInspector: (id: string) => void;
  tryRequest: (id: string) => void;
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** Saved connections, their live token status and the actions on each row. */
export const createConnectionsSlice: StateCreator<StoreState, [], [], ConnectionsSlice> = (
  set,
  get,
) => {
  const busy = (id: string, what: RowBusy | null): void =>
    set((s) => ({
      rowBusy: what === null ? withoutKey(s.rowBusy, id) : { ...s.rowBusy, [id]: what },
      rowErrors: what === null ? s.rowErrors : withoutKey(s.rowErrors, id),
    }));
  const failed = (id: string, error: IpcError): void =>
    set((s) => ({ rowErrors: { ...s.rowErrors, [id]: error } }));

  return {
    savedConnections: null,
    savedConnectionsError: null,
    connectionsScreen: 'list',
    lastSavedId: null,
    rowBusy: {},
    rowErrors: {},
    selectedConnectionId: null,
    connectionDetailMode: 'idle',
    lastTests: {},
    loadSavedConnections: async () => {
      const result = await call('connections:list');
      set(
        result.ok
          ? { savedConnections: result.value.connections, savedConnectionsError: null }
          : { savedConnectionsError: result.error },
      );
    },
    applyTokenStatus: (status) =>
      set((s) => ({
        savedConnections:
          s.savedConnections?.map((v) =>
            v.connection.id === status.connectionId ? { ...v, status } : v,
          ) ?? null,
      })),
    upsertSavedConnection: (view) =>
      set((s) => {
        const list = s.savedConnections ?? [];
        const exists = list.some((v) => v.connection.id === view.connection.id);
        return {
          savedConnections: exists
            ? list.map((v) => (v.connection.id === view.connection.id ? view : v))
            : [...list, view],
        };
      }),
    showConnectionsList: () => set({ connectionsScreen: 'list' }),
    selectSaved: (id, mode = 'idle') =>
      set({ selectedConnectionId: id, connectionDetailMode: id === null ? 'idle' : mode }),
    setConnectionDetailMode: (mode) => set({ connectionDetailMode: mode }),
    editSaved: (id) => void get().editConnection(id),
    testSaved: async (id) => {
      busy(id, 'testing');
      const result = await call('tokens:fetch', { connectionId: id, force: true });
      busy(id, null);
      const at = new Date().toISOString();
      const test: LastTest = result.ok
        ? {
            at,
            ok: result.value.state !== 'error',
            status: result.value,
            error: result.value.error,
          }
        : { at, ok: false, status: null, error: result.error };
      set((s) => ({ lastTests: { ...s.lastTests, [id]: test } }));
      if (result.ok) get().applyTokenStatus(result.value);
      else failed(id, result.error);
    },
    renameSaved: async (id, name) => {
      busy(id, 'renaming');
      const result = await call('connections:rename', { id, name });
      busy(id, null);
      if (!result.ok) {
        failed(id, result.error);
        return false;
      }
      get().upsertSavedConnection(result.value);
      return true;
    },
    duplicateSaved: async (id) => {
      busy(id, 'duplicating');
      const result = await call('connections:duplicate', { id });
      busy(id, null);
      if (!result.ok) failed(id, result.error);
      else {
        get().upsertSavedConnection(result.value);
        const copyId = result.value.connection.id;
        set({ lastSavedId: copyId, selectedConnectionId: copyId, connectionDetailMode: 'idle' });
      }
    },
    deleteSaved: async (id) => {
      busy(id, 'deleting');
      const result = await call('connections:delete', { id });
      busy(id, null);
      if (!result.ok) {
        failed(id, result.error);
        return;
      }
      set((s) => ({
        savedConnections: s.savedConnections?.filter((v) => v.connection.id !== id) ?? null,
        lastSavedId: s.lastSavedId === id ? null : s.lastSavedId,
        selectedConnectionId: s.selectedConnectionId === id ? null : s.selectedConnectionId,
        connectionDetailMode: s.selectedConnectionId === id ? 'idle' : s.connectionDetailMode,
        lastTests: withoutKey(s.lastTests, id),
      }));
    },
    openInInspector: (id) => {
      const s = get();
      s.setInspectorSource('connection');
      s.selectConnection(id);
      s.setArea('inspector');
    },
    tryRequest: (id) => {
      const s = get();
      s.setArea('composer');
      void s.openComposerFor(id);
    },
  };
};
