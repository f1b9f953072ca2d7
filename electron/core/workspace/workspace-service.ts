import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '#shared/errors.js';
import { redactDraft, storableVariables } from '#shared/redaction.js';
import { workspaceSessionSchema, type WorkspaceSession } from '#shared/workspace/session.js';
import type { StoreOpener } from '../connections/connection-repository.js';
import type { EventBus } from '../events.js';
import type { RequestStore } from '../requests/request-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { JsonStore } from '../storage/json-store.js';
import { migrateSavedRequests } from './migrate-saved-requests.js';
import { Workspace } from './workspace.js';
import { watchWorkspace, type WorkspaceWatcher } from './workspace-watcher.js';

const settingsSchema = z.object({
  /** The folder the user chose; null for the default one in the data dir. */
  folder: z.string().nullable(),
  /** The old saved requests were copied into the default workspace. */
  migrated: z.boolean(),
});
type WorkspaceSettings = z.infer<typeof settingsSchema>;

interface WorkspaceServiceOptions {
  dataDir: string;
  openStore: StoreOpener;
  secrets: SecretStore;
  events: EventBus;
  /** The old store of saved requests, read once to move them into the default workspace. */
  savedRequests: () => Pick<RequestStore, 'allSaved' | 'requestsFile'>;
  /** Quiet time of the watcher before it reports (tests shorten it). */
  watchDebounceMs?: number;
}

/**
 * The open workspace: which folder (remembered in the data dir), the one-time move of the old
 * saved requests into the default workspace, and the watcher that reports edits made on disk as
 * `workspace:changed`. Nothing is created or watched until the workspace is first used.
 */
export class WorkspaceService {
  private store: JsonStore<WorkspaceSettings> | undefined;
  private sessionStore: JsonStore<WorkspaceSession> | undefined;
  private opening: Promise<Workspace> | undefined;
  private watcher: Promise<WorkspaceWatcher | undefined> | undefined;

  constructor(private readonly options: WorkspaceServiceOptions) {}

  /** `<dataDir>/workspaces/default`. */
  get defaultFolder(): string {
    return join(this.options.dataDir, 'workspaces', 'default');
  }

  /** The workspace in use, opened (and migrated, and watched) on first call. */
  async current(): Promise<Workspace> {
    this.opening ??= this.openFolder().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  /** Use another folder from now on (created when missing); the choice is remembered. */
  async choose(folder: string): Promise<Workspace> {
    if (!isAbsolute(folder)) {
      throw new AppError('validation', 'Choose the workspace folder by its full path.', {
        hint: 'For example /home/me/api-workspace or C:\\Users\\me\\api-workspace.',
      });
    }
    const target = resolve(folder);
    const info = await stat(target).catch(() => undefined);
    if (info !== undefined && !info.isDirectory()) {
      throw new AppError('validation', `${target} is a file, not a folder.`, {
        hint: 'Choose a folder (an empty one starts a new workspace).',
      });
    }
    // Open the new folder before letting go of the old one: a refused folder changes nothing.
    const next = new Workspace(target, this.options.secrets);
    await next.ensure();
    await this.stopWatching();
    const isDefault = target === resolve(this.defaultFolder);
    this.settings().update((s) => ({ ...s, folder: isDefault ? null : target }));
    this.opening = undefined;
    return this.current();
  }

  /** The composer's session (open tabs, environment, pane sizes) as last saved. */
  session(): WorkspaceSession {
    return this.sessions().read();
  }

  /** Remember the composer's session; every draft is scrubbed first, as stored drafts are. */
  saveSession(session: WorkspaceSession): void {
    const scrubbed: WorkspaceSession = {
      ...session,
      tabs: session.tabs.map((tab) => ({
        ...tab,
        draft: redactDraft(tab.draft),
        variables: storableVariables(tab.variables),
      })),
    };
    this.sessions().update(() => scrubbed);
  }

  async close(): Promise<void> {
    await this.stopWatching();
  }

  private settings(): JsonStore<WorkspaceSettings> {
    this.store ??= this.options.openStore({
      dir: this.options.dataDir,
      name: 'workspace',
      schema: settingsSchema,
      defaults: { folder: null, migrated: false },
      version: 1,
    });
    return this.store;
  }

  private sessions(): JsonStore<WorkspaceSession> {
    this.sessionStore ??= this.options.openStore({
      dir: this.options.dataDir,
      name: 'workspace-session',
      schema: workspaceSessionSchema,
      defaults: workspaceSessionSchema.parse({}),
      version: 1,
    });
    return this.sessionStore;
  }

  private async openFolder(): Promise<Workspace> {
    const settings = this.settings().read();
    const workspace = new Workspace(settings.folder ?? this.defaultFolder, this.options.secrets);
    await workspace.ensure();
    if (settings.folder === null && !settings.migrated) await this.migrate(workspace);
    this.watcher = watchWorkspace(
      workspace,
      (changes) => this.options.events.emit('workspace:changed', { root: workspace.root, changes }),
      {
        ...(this.options.watchDebounceMs !== undefined
          ? { debounceMs: this.options.watchDebounceMs }
          : {}),
        onError: () => undefined,
      },
    ).catch((error: unknown) => {
      this.options.events.emit('app:notice', {
        level: 'warning',
        message:
          `Edits made outside the app in ${workspace.root} are not picked up while it runs ` +
          `(${error instanceof Error ? error.message : String(error)}); reopen the workspace to see them.`,
      });
      return undefined;
    });
    await this.watcher;
    return workspace;
  }

  private async migrate(workspace: Workspace): Promise<void> {
    const report = await migrateSavedRequests(workspace, this.options.savedRequests());
    this.settings().update((s) => ({ ...s, migrated: true }));
    if (report.migrated > 0) {
      this.options.events.emit('app:notice', {
        level: 'info',
        message:
          `${report.migrated} saved request${report.migrated === 1 ? ' was' : 's were'} copied ` +
          `into the workspace at ${workspace.root}; the original list is kept in ${report.backup}.`,
      });
    }
  }

  private async stopWatching(): Promise<void> {
    const watcher = await this.watcher;
    this.watcher = undefined;
    await watcher?.close();
  }
}
