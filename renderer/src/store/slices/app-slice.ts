import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import type { AppInfo, EventPayload } from '#shared/ipc/contract.js';
import type { ConnectionState } from '../../api/ws-api.js';
import type { StoreState } from '../store.js';

export type Notice = EventPayload<'app:notice'> & { id: number };

export interface AppSlice {
  info: AppInfo | undefined;
  infoError: IpcError | undefined;
  bridge: ConnectionState;
  notices: Notice[];
  /** The id the next notice gets. */
  nextNoticeId: number;
  setInfo: (info: AppInfo) => void;
  setInfoError: (error: IpcError) => void;
  setBridge: (state: ConnectionState) => void;
  addNotice: (notice: EventPayload<'app:notice'>) => void;
  dismissNotice: (id: number) => void;
}

/** What the app knows about itself and its link to the main process. */
export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set) => ({
  info: undefined,
  infoError: undefined,
  bridge: 'connecting',
  notices: [],
  nextNoticeId: 1,
  setInfo: (info) => set({ info, infoError: undefined }),
  setInfoError: (infoError) => set({ infoError }),
  setBridge: (bridge) => set({ bridge }),
  addNotice: (notice) =>
    set((state) => ({
      notices: [...state.notices, { ...notice, id: state.nextNoticeId }],
      nextNoticeId: state.nextNoticeId + 1,
    })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
});
