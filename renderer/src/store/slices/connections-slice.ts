import type { StateCreator } from 'zustand';
import type { TokenStatus } from '#shared/connection.js';
import type { IpcError } from '#shared/errors.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { call } from '../../api/call.js';
import type { StoreState } from '../store.js';

/** Work under way on one row of the list. */
export type RowBusy = 'testing' | 'renaming' | 'duplicating' | 'deleting';

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
  loadSavedConnections: () => Promise<void>;
  /** A `tokens:status-changed` event or a fresh status: updates that row live. */
  applyTokenStatus: (status: TokenStatus) => void;
  /** Put a saved connection into the list (after save), replacing one with the same id. */
  upsertSavedConnection: (view: ConnectionView) => void;
  showConnectionsList: () => void;
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
    testSaved: async (id) => {
      busy(id, 'testing');
      const result = await call('tokens:fetch', { connectionId: id, force: true });
      busy(id, null);
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
        set({ lastSavedId: result.value.connection.id });
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
