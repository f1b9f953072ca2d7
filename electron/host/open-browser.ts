import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
];

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** True when a graphical session can show a window. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** A Chromium-family browser to open the app window with, if one is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GRANTLINE_BROWSER) return env.GRANTLINE_BROWSER;
  for (const name of CANDIDATES) {
    const found = onPath(name, env);
    if (found) return found;
  }
  return undefined;
}

/**
 * Open `url` as an app window (no tabs or address bar) in Chromium with its own profile, or in
 * the default browser when no Chromium is installed. Returns what it did, for the log line.
 *
 * Any local user can read another process's command line (/proc/PID/cmdline, ps), so `url` must
 * carry no secret: pass the host's one-time launch address, never the address with the key.
 */
export function openAppWindow(url: string, profileDir: string): string {
  if (new URL(url).hash !== '') {
    throw new Error('openAppWindow: the address has a fragment; pass the one-time launch address.');
  }
  const chromium = findChromium();
  if (chromium) {
    const child = spawn(
      chromium,
      [
        `--app=${url}`,
        `--user-data-dir=${profileDir}`,
        '--no-first-run',
        '--no-default-browser-check',
      ],
      { detached: true, stdio: 'ignore' },
    );
    child.on('error', () => undefined);
    child.unref();
    return `opened in ${chromium} (app mode)`;
  }
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return `opened with ${opener}`;
}
