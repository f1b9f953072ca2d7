import type {
  AppInfo,
  ChannelResult,
  SecretProtection,
  UpdateStatus,
} from '#shared/ipc/contract.js';
import { EventBus } from './events.js';

/** Everything the handlers need from their environment, injected by main.ts or the host. */
export interface AppContext {
  version: string;
  mode: AppInfo['mode'];
  dataDir: string;
  platform: string;
  secretProtection: SecretProtection;
  events: EventBus;
  /**
   * Asks the user where to save a file (the desktop app's save dialog); resolves to the chosen
   * path, or undefined when the user cancels. Absent where there is no such dialog.
   */
  chooseSavePath?: (suggestedName: string) => Promise<string | undefined>;
  /** The desktop app's automatic updates; absent where there are none (browser mode, CLI). */
  updates?: UpdatesControl;
}

/** What the `app:*update*` channels drive (the Electron updater adapter implements it). */
export interface UpdatesControl {
  status(): UpdateStatus;
  install(options: { force: boolean }): ChannelResult<'app:install-update'>;
  setCheckAutomatically(enabled: boolean): UpdateStatus;
}

/** Build a context with a fresh event bus. */
export function createAppContext(init: Omit<AppContext, 'events'>): AppContext {
  return { ...init, events: new EventBus() };
}
