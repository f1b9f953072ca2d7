import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '#shared/ipc/contract.js';
import { buildApp, type BuiltApp } from './built-app.js';
import { startShell, type Shell, type ShellState } from './harness.js';

// The built main entry (one bundled ES module) run under Node with a fake of Electron's
// main-process API: start-up order, window settings, the app protocol, permissions and IPC.

let built: BuiltApp;
let shell: Shell;
let userData: string;
let afterBoot: ShellState;

beforeAll(async () => {
  built = await buildApp();
  userData = mkdtempSync(join(tmpdir(), 'grantline-shell-data-'));
  shell = await startShell({
    mainPath: built.mainPath,
    env: { GRANTLINE_USER_DATA_DIR: userData },
  });
  await shell.call('boot');
  afterBoot = await shell.call<ShellState>('state');
  await shell.call('ready');
  await shell.call('waitFor', { what: 'ready-to-show' });
}, 120_000);

afterAll(async () => {
  await shell?.close();
  built?.remove();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

const state = (): Promise<ShellState> => shell.call<ShellState>('state');

function indexOf(calls: string[], name: string): number {
  const index = calls.indexOf(name);
  expect(index, `${name} in ${calls.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('the bundled main entry', () => {
  it('is one file that imports only electron, Node built-ins and production dependencies', () => {
    const source = readFileSync(built.mainPath, 'utf8');
    const pkg = JSON.parse(readFileSync(join(built.root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const specifiers = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) {
      const ok =
        specifier === 'electron' ||
        specifier?.startsWith('node:') ||
        Object.keys(pkg.dependencies).some(
          (d) => specifier === d || specifier?.startsWith(`${d}/`),
        );
      expect(ok, specifier).toBe(true);
    }
    expect(source).not.toMatch(/from "\.{1,2}\//);
    expect(source).not.toMatch(/#shared\//);
    expect(source).not.toMatch(/sourceMappingURL/);
  });

  it('the preload is one CommonJS file that requires only electron', () => {
    const source = readFileSync(built.preloadPath, 'utf8');
    const required = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(source).not.toMatch(/^import /m);
    expect(source).not.toMatch(/sourceMappingURL/);
  });
});

describe('start-up under the fake Electron', () => {
  it('registers privileges, the sandbox and the guards before ready, and no window', () => {
    expect(afterBoot.errors).toEqual([]);
    for (const name of [
      'setName Grantline',
      'setPath userData',
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'app.on web-contents-created',
      'app.on second-instance',
    ]) {
      indexOf(afterBoot.calls, `${name} (before ready)`);
    }
    expect(afterBoot.windows).toEqual([]);
    expect(afterBoot.privileges).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
  });

  it('creates the window after permissions, protocol, every IPC handler and the menu', async () => {
    const { calls, windows, ipcChannels, errors } = await state();
    expect(errors).toEqual([]);
    const window = indexOf(calls, 'new BrowserWindow');
    for (const name of [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'protocol.handle app',
      'setApplicationMenu',
      ...channels.map((c) => `ipcMain.handle ${c}`),
    ]) {
      expect(indexOf(calls, name), name).toBeLessThan(window);
    }
    expect(ipcChannels).toEqual(expect.arrayContaining([...channels]));
    expect(indexOf(calls, 'setWindowOpenHandler')).toBeLessThan(indexOf(calls, 'loadURL'));
    expect(windows).toHaveLength(1);
    expect(windows[0]?.url).toBe('app://grantline/index.html');
  });

  it('builds the window with the security block and the bundled preload', async () => {
    const prefs = (await state()).windows[0]?.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      preload: built.preloadPath,
    });
  });

  it('uses no Electron API that the fake does not define', async () => {
    expect((await state()).unknown).toEqual([]);
  });
});

describe('the app protocol', () => {
  it('serves index and assets with their MIME types and the CSP', async () => {
    for (const [path, type] of [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
    ] as const) {
      const r = await shell.call<{ status: number; headers: Record<string, string> }>('protocol', {
        url: `app://grantline${path}`,
      });
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['content-security-policy'], path).toMatch(/default-src 'self'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses traversal, foreign hosts, missing files and writes', async () => {
    for (const url of [
      'app://grantline/../package.json',
      'app://grantline/%2e%2e/%2e%2e/package.json',
      'app://grantline/assets/..%2f..%2f..%2fpackage.json',
      'app://elsewhere/index.html',
      'app://grantline/missing.js',
    ]) {
      const r = await shell.call<{ status: number }>('protocol', { url });
      expect(r.status, url).toBe(404);
    }
    const post = await shell.call<{ status: number }>('protocol', {
      url: 'app://grantline/index.html',
      method: 'POST',
    });
    expect(post.status).toBe(405);
  });
});

describe('IPC', () => {
  it('answers the main frame of the app page', async () => {
    const r = await shell.call<{ ok: boolean; value: { name: string } }>('invoke', {
      channel: 'app:info',
    });
    expect(r).toMatchObject({ ok: true, value: { name: 'Grantline', mode: 'electron' } });
  });

  it('refuses child frames, other pages and other web contents', async () => {
    for (const from of ['child-frame', 'foreign-url', 'other-contents']) {
      const r = await shell.call<{ ok: boolean; error: { category: string } }>('invoke', {
        channel: 'app:info',
        from,
      });
      expect(r, from).toMatchObject({ ok: false, error: { category: 'forbidden' } });
    }
  });
});

describe('navigation and instances', () => {
  it('keeps the window on the app origin', async () => {
    expect(
      await shell.call('navigate', { url: 'https://evil.example/', event: 'will-navigate' }),
    ).toEqual({ prevented: true });
    expect(
      await shell.call('navigate', { url: 'app://grantline/index.html', event: 'will-navigate' }),
    ).toEqual({ prevented: false });
  });

  it('a second instance focuses the existing window instead of opening another', async () => {
    await shell.call('emitApp', { event: 'second-instance', args: [[], '/'] });
    const { windows, calls } = await state();
    expect(windows).toHaveLength(1);
    expect(calls.slice(-3)).toContain('window.focus');
  });
});

describe('permissions', () => {
  const ask = (permission: string, url: string, isMainFrame = true) =>
    shell.call<{ checked: boolean; requested: boolean }>('permission', {
      permission,
      url,
      isMainFrame,
    });

  it('lets the app page write to the clipboard, so copy buttons work', async () => {
    expect(await ask('clipboard-sanitized-write', 'app://grantline/index.html')).toEqual({
      checked: true,
      requested: true,
    });
  });

  it('denies the clipboard write to frames and origins other than the app top frame', async () => {
    const denied = { checked: false, requested: false };
    expect(await ask('clipboard-sanitized-write', 'app://grantline/index.html', false)).toEqual(
      denied,
    );
    expect(await ask('clipboard-sanitized-write', 'https://evil.example/')).toEqual(denied);
    expect(await ask('clipboard-sanitized-write', 'app://elsewhere/index.html')).toEqual(denied);
  });

  it('denies every other permission, even to the app page', async () => {
    for (const permission of [
      'clipboard-read',
      'notifications',
      'media',
      'geolocation',
      'openExternal',
      'fullscreen',
    ]) {
      expect(await ask(permission, 'app://grantline/index.html'), permission).toEqual({
        checked: false,
        requested: false,
      });
    }
  });
});
