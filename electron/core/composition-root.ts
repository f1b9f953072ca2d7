import { createAppContext, type AppContext } from './app-context.js';
import { createAppCore, type AppCore } from './app-core.js';
import type { StoreOpener } from './connections/connection-repository.js';
import { createHandlers } from './handlers/handler-table.js';
import type { HandlerTable } from './ipc/dispatch.js';
import type { KeyProtector } from './secrets/key-protector.js';

/**
 * The one place the app is wired: the Electron main process, browser mode (`grantline serve`) and
 * the CLI (`grantline token`) all build their context, services and handlers here, so they share
 * the same stores, the same start-up checks and the same notices. Each caller injects only what
 * differs between them: how the data key is protected and how JSON files are stored.
 */
export interface ComposeAppOptions {
  mode: AppContext['mode'];
  version: string;
  dataDir: string;
  platform?: string;
  /** Protects the secrets' data key (Electron safeStorage, the OS keyring or a key file). */
  protector: KeyProtector;
  /** Opens JSON document stores (electron-store in Electron, conf elsewhere). */
  openStore: StoreOpener;
  /** The desktop app's save dialog (see AppContext.chooseSavePath); absent elsewhere. */
  chooseSavePath?: AppContext['chooseSavePath'];
  /** The desktop app's automatic updates; absent elsewhere. */
  updates?: AppContext['updates'];
  now?: () => number;
}

/** The wired app: context (events, mode), services, and the IPC handler table built on demand. */
export interface ComposedApp {
  context: AppContext;
  core: AppCore;
  /** The handler table for IPC or the WebSocket host; built on first use, then shared. */
  handlers(): HandlerTable;
  /** Resolves once every store has been read once (start-up notices already emitted). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function composeApp(options: ComposeAppOptions): ComposedApp {
  const { protector } = options;
  const context = createAppContext({
    version: options.version,
    mode: options.mode,
    dataDir: options.dataDir,
    platform: options.platform ?? process.platform,
    secretProtection: protector.info,
    ...(options.chooseSavePath ? { chooseSavePath: options.chooseSavePath } : {}),
    ...(options.updates ? { updates: options.updates } : {}),
  });
  // Read from the protector on every use: Electron's safeStorage chooses its Linux backend only
  // after start-up, and the settings screen must describe the one actually in use.
  Object.defineProperty(context, 'secretProtection', {
    get: () => protector.info,
    enumerable: true,
  });
  const core = createAppCore({
    dataDir: options.dataDir,
    protector,
    openStore: options.openStore,
    events: context.events,
    ...(options.now ? { now: options.now } : {}),
  });
  let table: HandlerTable | undefined;
  return {
    context,
    core,
    handlers: () => (table ??= createHandlers(context, core)),
    ready: core.ready,
    close: () => core.close(),
  };
}
