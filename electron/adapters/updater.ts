import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import electronUpdater from 'electron-updater';
import type { ChannelResult, UpdateStatus } from '#shared/ipc/contract.js';
import type { UpdatesControl } from '../core/app-context.js';
import type { StoreOpener } from '../core/connections/connection-repository.js';

/** How often a running app looks for a new release. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

const settingsSchema = z.object({ checkForUpdates: z.boolean() });

export interface UpdaterOptions {
  dataDir: string;
  openStore: StoreOpener;
  /** How many requests are running now: installing waits for them or asks first. */
  runningRequests: () => number;
  /** Every change of status (forwarded to the renderer as `app:update-status`). */
  onStatus: (status: UpdateStatus) => void;
  /** Where problems are logged, once each. */
  log?: (message: string) => void;
}

export interface Updater extends UpdatesControl {
  /** First check now, then one every CHECK_INTERVAL_MS (when the setting is on). */
  start(): void;
  stop(): void;
}

/** Explain an updater error in words a user can act on. */
function describeError(error: Error): string {
  const text = error.message;
  if (/sha512|checksum|signature|not signed|code sign/i.test(text)) {
    return (
      'The downloaded update failed its integrity check and was discarded; nothing was ' +
      'installed. Grantline will try again at the next check.'
    );
  }
  if (/ERR_|ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|network|status code 5\d\d/i.test(text)) {
    return 'The update server could not be reached. Grantline will try again in 24 hours.';
  }
  return `Checking for updates failed (${text.split('\n')[0]}). Grantline will try again in 24 hours.`;
}

/**
 * True when this copy came from a release package that can update itself: electron-builder wrote
 * the feed configuration (app-update.yml), and on Linux the app runs as an AppImage or from the
 * .deb (a bare unpacked folder has nothing electron-updater can replace).
 */
function installedFromRelease(): boolean {
  const resources = process.resourcesPath;
  if (!resources || !existsSync(join(resources, 'app-update.yml'))) return false;
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.APPIMAGE) || existsSync(join(resources, 'package-type'));
}

/**
 * Automatic updates through electron-updater: a check after start-up and every 24 hours, the
 * download in the background, and the install on "Restart to update" or when the app quits.
 * Off when the "Check for updates automatically" setting is off; `unsupported` when the app was not
 * installed from a release package (electron-updater has no feed configuration then).
 * Failures change the status once and are logged once: no dialog, the next period retries.
 */
export function createUpdater(options: UpdaterOptions): Updater {
  const { autoUpdater } = electronUpdater;
  const log = options.log ?? ((message: string) => console.warn(message));
  const settings = options.openStore({
    dir: options.dataDir,
    name: 'settings',
    schema: settingsSchema,
    defaults: { checkForUpdates: true },
    version: 1,
  });
  const enabled = (): boolean => settings.read().checkForUpdates;
  const supported = autoUpdater.isUpdaterActive() && installedFromRelease();

  const logged = new Set<string>();
  const logOnce = (message: string): void => {
    if (logged.has(message)) return;
    logged.add(message);
    log(`Updates: ${message}`);
  };
  // electron-updater logs every step and every error; keep only the first of each error.
  autoUpdater.logger = { info: () => undefined, warn: logOnce, error: () => undefined };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;

  let current: Omit<UpdateStatus, 'checkAutomatically'> = {
    state: supported ? (enabled() ? 'idle' : 'disabled') : 'unsupported',
  };
  let lastSent = '';
  const status = (): UpdateStatus => ({ ...current, checkAutomatically: enabled() });
  const publish = (next: Omit<UpdateStatus, 'checkAutomatically'>): void => {
    current = next;
    const snapshot = status();
    const key = JSON.stringify(snapshot);
    if (key === lastSent) return;
    lastSent = key;
    options.onStatus(snapshot);
  };

  autoUpdater.on('checking-for-update', () => {
    if (current.state !== 'ready') publish({ state: 'checking' });
  });
  autoUpdater.on('update-not-available', () => publish({ state: 'idle' }));
  autoUpdater.on('update-available', (info) =>
    publish({ state: 'downloading', version: info.version, percent: 0 }),
  );
  autoUpdater.on('download-progress', (progress) => {
    // Whole percents: the renderer needs no more, and the event stream stays small.
    const percent = Math.min(100, Math.floor(progress.percent));
    if (current.state === 'downloading' && current.percent !== percent) {
      publish({ ...current, percent });
    }
  });
  autoUpdater.on('update-downloaded', (info) => publish({ state: 'ready', version: info.version }));
  autoUpdater.on('error', (error) => {
    const message = describeError(error);
    logOnce(`${message} (${error.message.split('\n')[0]})`);
    // A downloaded update stays ready even when a later check fails.
    if (current.state !== 'ready') publish({ state: 'error', message });
  });

  const check = (): void => {
    if (!supported || !enabled() || current.state === 'ready') return;
    // Failures arrive through the 'error' event above as well; nothing more to do here.
    autoUpdater.checkForUpdates().catch(() => undefined);
  };

  let timer: NodeJS.Timeout | undefined;
  return {
    start() {
      check();
      timer ??= setInterval(check, CHECK_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    status,
    install({ force }): ChannelResult<'app:install-update'> {
      if (!supported) return { outcome: 'unsupported' };
      if (current.state !== 'ready') return { outcome: 'not-ready' };
      const running = options.runningRequests();
      if (running > 0 && !force) return { outcome: 'requests-running', running };
      // Closes the windows, quits, installs and starts the new version.
      setImmediate(() => autoUpdater.quitAndInstall(false, true));
      return { outcome: 'installing' };
    },
    setCheckAutomatically(on) {
      settings.update((document) => ({ ...document, checkForUpdates: on }));
      if (!supported) return status();
      if (current.state === 'disabled' || current.state === 'idle' || current.state === 'error') {
        publish(on ? { state: 'idle' } : { state: 'disabled' });
      } else {
        publish(current);
      }
      if (on) check();
      return status();
    },
  };
}
