import { homedir } from 'node:os';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (where package.json and dist/ live): the nearest folder above this file with a
 * package.json. The file runs from dist/electron/host/ (tsc), dist/host/ or dist/host/chunks/ (the
 * bundled command) and electron/host/ (tests).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('grantline: package.json not found above the app files.');
    dir = parent;
  }
  return dir;
}

/** The app version from package.json. */
export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/** Where the built renderer lives. */
export function rendererDir(): string {
  return join(packageRoot(), 'dist', 'renderer');
}

/**
 * Default data dir for browser mode and the CLI. It sits beside (not inside) Electron's
 * userData folder: the two modes protect their data key differently (safeStorage vs OS keyring or
 * key file), so sharing one secrets file would make each unable to read the other's secrets.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GRANTLINE_DATA_DIR) return env.GRANTLINE_DATA_DIR;
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Grantline Browser Mode');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Grantline Browser Mode');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'grantline-browser-mode');
  }
}
