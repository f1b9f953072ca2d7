import type { StateCreator } from 'zustand';
import type { IpcError } from '#shared/errors.js';
import type { ChannelResult, EventPayload } from '#shared/ipc/contract.js';
import type { EnvironmentFile } from '#shared/workspace/schemas.js';
import {
  paneLayoutSchema,
  type PaneLayout,
  type WorkspaceSession,
} from '#shared/workspace/session.js';
import { call } from '../../api/call.js';
import type { StoreState } from '../store.js';

/** The workspace as main shows it: folder, collections tree, environments, damaged files. */
export type WorkspaceView = ChannelResult<'workspace:open'>;

export interface WorkspaceState {
  view: WorkspaceView | null;
  error: IpcError | null;
  /** The key of the environment requests are sent with, or null for none. */
  environment: string | null;
  layout: PaneLayout;
  /** Counts answers of workspace:open, so a slow one does not overwrite a newer one. */
  loads: number;
}

export interface WorkspaceSlice {
  workspace: WorkspaceState;
  loadWorkspace: () => Promise<void>;
  chooseWorkspaceFolder: (folder: string) => Promise<IpcError | null>;
  createWorkspaceFolder: (path: string) => Promise<IpcError | null>;
  renameWorkspaceRequest: (path: string, name: string) => Promise<IpcError | null>;
  moveWorkspaceRequest: (path: string, folder: string) => Promise<IpcError | null>;
  deleteWorkspaceRequest: (path: string) => Promise<IpcError | null>;
  setEnvironment: (key: string | null) => void;
  saveEnvironment: (key: string, environment: EnvironmentFile) => Promise<IpcError | null>;
  deleteEnvironment: (key: string) => Promise<IpcError | null>;
  setPaneLayout: (change: Partial<PaneLayout>) => void;
  /** Take the environment and pane sizes of a saved session. */
  restoreWorkspaceSession: (session: WorkspaceSession) => void;
  /** Files changed on disk: reload the tree, and let open tabs follow their files. */
  workspaceChanged: (event: EventPayload<'workspace:changed'>) => void;
}

export const initialWorkspaceState: WorkspaceState = {
  view: null,
  error: null,
  environment: null,
  layout: paneLayoutSchema.parse({}),
  loads: 0,
};

/** The workspace folder: request files, folders and environments, kept by main. */
export const createWorkspaceSlice: StateCreator<StoreState, [], [], WorkspaceSlice> = (
  set,
  get,
) => {
  const patch = (change: Partial<WorkspaceState>): void =>
    set((s) => ({ workspace: { ...s.workspace, ...change } }));

  const settle = async (
    run: () => Promise<{ ok: true } | { ok: false; error: IpcError }>,
  ): Promise<IpcError | null> => {
    const result = await run();
    if (!result.ok) return result.error;
    await get().loadWorkspace();
    return null;
  };

  return {
    workspace: initialWorkspaceState,

    loadWorkspace: async () => {
      const load = get().workspace.loads + 1;
      patch({ loads: load });
      const result = await call('workspace:open');
      if (get().workspace.loads !== load) return;
      if (!result.ok) {
        patch({ error: result.error });
        return;
      }
      const { environment } = get().workspace;
      const stillThere =
        environment === null || result.value.environments.some((e) => e.key === environment);
      patch({ view: result.value, error: null, ...(stillThere ? {} : { environment: null }) });
    },

    chooseWorkspaceFolder: async (folder) => {
      const result = await call('workspace:choose-folder', { folder });
      if (!result.ok) return result.error;
      patch({
        view: result.value,
        error: null,
        environment: null,
        loads: get().workspace.loads + 1,
      });
      get().persistComposerSession();
      return null;
    },

    createWorkspaceFolder: (path) => settle(() => call('workspace:create-folder', { path })),

    renameWorkspaceRequest: (path, name) =>
      settle(async () => {
        const result = await call('workspace:rename-request', { path, name });
        if (result.ok) get().retargetComposerFile(path, result.value);
        return result;
      }),

    moveWorkspaceRequest: (path, folder) =>
      settle(async () => {
        const result = await call('workspace:move-request', { path, folder });
        if (result.ok) get().retargetComposerFile(path, result.value);
        return result;
      }),

    deleteWorkspaceRequest: (path) =>
      settle(async () => {
        const result = await call('workspace:delete-request', { path });
        if (result.ok) get().retargetComposerFile(path, null);
        return result;
      }),

    setEnvironment: (key) => {
      patch({ environment: key });
      get().persistComposerSession();
    },

    saveEnvironment: (key, environment) =>
      settle(() => call('workspace:save-environment', { key, environment })),

    deleteEnvironment: (key) =>
      settle(async () => {
        const result = await call('workspace:delete-environment', { key });
        if (result.ok && get().workspace.environment === key) patch({ environment: null });
        return result;
      }),

    setPaneLayout: (change) => {
      const parsed = paneLayoutSchema.safeParse({ ...get().workspace.layout, ...change });
      if (!parsed.success) return;
      patch({ layout: parsed.data });
      get().persistComposerSession();
    },

    restoreWorkspaceSession: (session) =>
      patch({ environment: session.environment, layout: session.layout }),

    workspaceChanged: (event) => {
      const { view } = get().workspace;
      if (view !== null && view.root !== event.root) return;
      void get().loadWorkspace();
      get().composerFilesChanged(event.changes);
    },
  };
};
