import { BrowserWindow, screen } from 'electron';
import { APP_INDEX_URL } from './app-url.js';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  fitToDisplays,
  readWindowState,
  writeWindowState,
  type Rect,
} from './window-state.js';

/** What the main window needs from main.ts. */
export interface MainWindowOptions {
  /** Absolute path of the bundled sandboxed preload (dist/preload/preload.cjs). */
  preloadPath: string;
  /** JSON file in userData that remembers bounds and maximized state. */
  stateFile: string;
  title: string;
}

function restoredBounds(stateFile: string): { bounds: Partial<Rect>; maximized: boolean } {
  const saved = readWindowState(stateFile);
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const fitted = saved ? fitToDisplays(saved.bounds, workAreas) : undefined;
  // No usable saved position: let Electron centre a default-size window on the primary display.
  return { bounds: fitted ?? { ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
}

/** Create the main window, restore its last bounds, and load the renderer from app://grantline/. */
export function createMainWindow({
  preloadPath,
  stateFile,
  title,
}: MainWindowOptions): BrowserWindow {
  const { bounds, maximized } = restoredBounds(stateFile);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title,
    show: false,
    backgroundColor: '#1b1d23',
    autoHideMenuBar: false,
    // ── Security block: do not change without reading Electron's security checklist ──────────
    // https://www.electronjs.org/docs/latest/tutorial/security
    // The renderer is an untrusted page: isolated from the preload, sandboxed by the OS, without
    // Node. It reaches main only through the `window.api` methods the preload generates from
    // shared/ipc/contract.ts, and main checks the sender of every call (ipc-main.ts).
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) could otherwise open links outside the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      // The spellchecker downloads dictionaries from a Google CDN on Linux and Windows; tokens,
      // URLs and JSON gain nothing from it.
      spellcheck: false,
      // The preload is ours, built from electron/preload.ts, and exposes only the contract methods.
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
    },
    // ── End of security block ──────────────────────────────────────────────────────────────────
  });

  // maximize() shows a hidden window at once, before its first paint: do it with show().
  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      writeWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // Losing the window position is not worth blocking the user from closing the app.
    }
  });
  win.loadURL(APP_INDEX_URL).catch((error: unknown) => {
    console.error(`Grantline: could not load ${APP_INDEX_URL}: ${String(error)}`);
  });
  return win;
}
