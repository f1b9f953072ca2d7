import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import type { UpdateStatus } from '#shared/ipc/contract.js';
import { composeApp } from './core/composition-root.js';
import { openElectronJsonStore } from './adapters/electron-store-json-store.js';
import { registerAppScheme, serveRenderer } from './adapters/app-protocol.js';
import { registerIpcMain } from './adapters/ipc-main.js';
import { installAppMenu } from './adapters/menu.js';
import { SafeStorageProtector } from './adapters/safe-storage-protector.js';
import { restrictPermissions, installWebContentsGuards } from './adapters/web-contents-guards.js';
import { createMainWindow } from './adapters/window.js';
import { createSaveDialogChooser } from './adapters/save-dialog.js';
import { createUpdater } from './adapters/updater.js';

// Compiled to dist/electron/main.js; everything it loads sits beside it in dist/.
const distDir = fileURLToPath(new URL('../', import.meta.url));
const PRELOAD_PATH = join(distDir, 'preload', 'preload.cjs');
const RENDERER_DIR = join(distDir, 'renderer');

interface PackageMeta {
  productName: string;
  version: string;
}

// Read from our package.json rather than app.getName()/getVersion(): launched as
// `electron dist/electron/main.js` (tests, dev), Electron finds no package.json beside the file and
// would report itself ("Electron", its own version) instead of Grantline.
function readPackageMeta(): PackageMeta {
  let raw: { productName?: unknown; version?: unknown } = {};
  try {
    raw = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      productName?: unknown;
      version?: unknown;
    };
  } catch {
    // Not fatal: the app can run with Electron's own idea of its version.
  }
  return {
    productName: typeof raw.productName === 'string' ? raw.productName : 'Grantline',
    version: typeof raw.version === 'string' ? raw.version : app.getVersion(),
  };
}

const meta = readPackageMeta();
app.setName(meta.productName);
// One data dir per product whatever the launch path; GRANTLINE_USER_DATA_DIR gives tests and
// side-by-side profiles their own (the single-instance lock is per data dir, so they coexist).
app.setPath(
  'userData',
  process.env.GRANTLINE_USER_DATA_DIR || join(app.getPath('appData'), meta.productName),
);

let mainWindow: BrowserWindow | undefined;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({
      preloadPath: PRELOAD_PATH,
      stateFile: join(app.getPath('userData'), 'window-state.json'),
      title: meta.productName,
    });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** How long start-up may wait for the stores and the keyring before the window shows anyway. */
const SHOW_WINDOW_AFTER_MS = 1500;
/** After this long still waiting for the keyring, the window says why. */
const KEYRING_NOTICE_AFTER_MS = 8000;

const KEYRING_WAIT_NOTICE =
  'Grantline is waiting for the OS keyring to unlock your stored secrets. A keyring or Keychain ' +
  'prompt may be open behind other windows: answer it, and the secrets become available. ' +
  'Everything else works meanwhile.';

/** True when `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

// The window exists only once every IPC handler does: until then a second launch's focus
// request is remembered, and served by the window start() shows.
let handlersRegistered = false;

async function start(): Promise<void> {
  // Must precede `ready`: the scheme's privileges, the sandbox for every renderer, and the guards
  // that every web contents (including ones created during startup) gets.
  registerAppScheme();
  app.enableSandbox();
  installWebContentsGuards();
  app.on('second-instance', () => {
    if (handlersRegistered) showWindow();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay active without windows until the user quits from the menu.
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  restrictPermissions(session.defaultSession);
  serveRenderer(session.defaultSession, RENDERER_DIR);

  const dataDir = app.getPath('userData');
  // Created after `ready`: on Linux, safeStorage only knows its keyring backend from then on.
  const protector = new SafeStorageProtector(dataDir);
  // Requests running now: "Restart to update" waits for them or asks first.
  let runningRequests = 0;
  let installWhenIdle = false;
  const updater = createUpdater({
    dataDir,
    openStore: openElectronJsonStore,
    runningRequests: () => runningRequests,
    onStatus: (status: UpdateStatus) => {
      composed.context.events.emit('app:update-status', status);
      installMenu(status.state === 'ready');
    },
  });
  const installMenu = (updateReady: boolean): void =>
    installAppMenu({
      appName: meta.productName,
      isMac: process.platform === 'darwin',
      isDev: !app.isPackaged,
      ...(updateReady ? { restartToUpdate: () => void restartToUpdate() } : {}),
      // The same commands as the window's palette: the window runs them by id.
      runCommand: (id) => composed.context.events.emit('app:command', { id }),
    });
  const restartToUpdate = async (): Promise<void> => {
    const result = updater.install({ force: false });
    if (result.outcome !== 'requests-running') return;
    const { response } = await dialog.showMessageBox({
      type: 'question',
      buttons: ['Restart When They Finish', 'Restart Now', 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: `${result.running ?? 1} request(s) still running`,
      detail: 'Restarting now stops them. Grantline can wait until they are done instead.',
    });
    if (response === 0) installWhenIdle = true;
    if (response === 1) updater.install({ force: true });
  };
  const composed = composeApp({
    mode: 'electron',
    version: meta.version,
    dataDir,
    protector,
    openStore: openElectronJsonStore,
    chooseSavePath: createSaveDialogChooser(() => mainWindow),
    updates: updater,
  });
  app.on('will-quit', () => {
    updater.stop();
    void composed.close();
  });
  const handlers = composed.handlers();
  const send = handlers['requests:send'];
  handlers['requests:send'] = async (args, ctx) => {
    runningRequests += 1;
    try {
      return await send(args, ctx);
    } finally {
      runningRequests -= 1;
      if (installWhenIdle && runningRequests === 0) {
        installWhenIdle = false;
        updater.install({ force: false });
      }
    }
  };
  registerIpcMain({
    handlers,
    events: composed.context.events,
    getWindow: () => mainWindow,
  });
  app.setAboutPanelOptions({ applicationName: meta.productName, applicationVersion: meta.version });
  installMenu(false);
  handlersRegistered = true;

  // Starting safeStorage (so app:info names the backend in use) and reading every store once
  // (so app:info lists every start-up problem) can wait on a keyring prompt. A quick start shows
  // the window with everything known; a slow one shows it anyway, with a busy indicator, and
  // explains the wait; the handlers that need the secrets wait for the keyring themselves.
  const started = Promise.all([protector.detectBackend(), composed.ready]);
  const quick = await settlesWithin(started, SHOW_WINDOW_AFTER_MS);
  showWindow();
  // The first check once the window shows, then one a day; a failure never interrupts the user.
  updater.start();
  if (!quick) {
    mainWindow?.setProgressBar(2); // indeterminate, on the taskbar or dock
    const explained = setTimeout(
      () =>
        composed.context.events.emit('app:notice', {
          level: 'warning',
          message: KEYRING_WAIT_NOTICE,
        }),
      KEYRING_NOTICE_AFTER_MS - SHOW_WINDOW_AFTER_MS,
    );
    void started
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(explained);
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.setProgressBar(-1);
      });
  }
  app.on('activate', () => {
    if (handlersRegistered && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
}

// A second launch hands its focus request to the running instance and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error('Grantline failed to start:', error);
    app.exit(1);
  });
}
