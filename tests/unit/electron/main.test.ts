import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '#shared/ipc/contract.js';

// main.ts's startup order, run against a recording fake of 'electron' (the binary cannot run
// here). Several Electron calls only work before `ready` (scheme privileges, sandbox, userData),
// and the window must not exist before its guards, permissions, protocol and IPC do.

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const state = {
    ready: false,
    resolveReady: (): void => undefined,
    appListeners: new Map<string, Fn>(),
    paths: new Map<string, string>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    ipcChannels: [] as string[],
  };
  const record = (name: string): void => {
    calls.push(state.ready ? name : `${name} (before ready)`);
  };
  return { calls, state, record };
});

// electron-store loads the real 'electron' package (not this file's mock) from node_modules;
// conf is the same store without that, so it stands in for it here.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class FakeElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: Record<string, unknown>) {
      super({ ...options, configName: options.name as string });
    }
  }
  return { default: FakeElectronStore };
});

vi.mock('electron', () => {
  const { calls, state, record } = fake;
  const webContents = {
    on: () => undefined,
    setWindowOpenHandler: () => record('setWindowOpenHandler'),
    session: {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
    },
  };
  class BrowserWindow {
    readonly webContents = webContents;
    readonly entry: { options: Record<string, unknown>; url?: string };
    constructor(options: Record<string, unknown>) {
      record('new BrowserWindow');
      this.entry = { options };
      state.windows.push(this.entry);
      state.appListeners.get('web-contents-created')?.({}, webContents);
    }
    static getAllWindows(): unknown[] {
      return state.windows;
    }
    maximize(): void {}
    once(): void {}
    on(): void {}
    isDestroyed(): boolean {
      return false;
    }
    loadURL(url: string): Promise<void> {
      record('loadURL');
      this.entry.url = url;
      return Promise.resolve();
    }
  }
  const defaultSession = {
    protocol: { handle: (scheme: string) => record(`protocol.handle ${scheme}`) },
    setPermissionRequestHandler: () => record('defaultSession.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('defaultSession.setPermissionCheckHandler'),
  };
  return {
    app: {
      isPackaged: true,
      setName: (name: string) => record(`setName ${name}`),
      getPath: (name: string) => state.paths.get(name) ?? join('/tmp', 'fake-app-data'),
      setPath: (name: string, value: string) => {
        record(`setPath ${name}`);
        state.paths.set(name, value);
      },
      requestSingleInstanceLock: () => {
        record('requestSingleInstanceLock');
        return true;
      },
      enableSandbox: () => record('enableSandbox'),
      on: (event: string, listener: Fn) => {
        record(`app.on ${event}`);
        state.appListeners.set(event, listener);
      },
      isReady: () => state.ready,
      whenReady: () =>
        new Promise<void>((resolve) => {
          state.resolveReady = () => {
            state.ready = true;
            calls.push('READY');
            resolve();
          };
        }),
      getVersion: () => '45.4.1',
      setAboutPanelOptions: () => undefined,
      quit: () => record('quit'),
      exit: () => record('exit'),
    },
    protocol: { registerSchemesAsPrivileged: () => record('registerSchemesAsPrivileged') },
    session: { defaultSession },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string) => {
        record(`ipcMain.handle ${channel}`);
        state.ipcChannels.push(channel);
      },
      removeHandler: () => undefined,
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: () => record('setApplicationMenu'),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: () => Promise.resolve() },
    safeStorage: {
      getSelectedStorageBackend: () => 'gnome_libsecret',
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
    },
  };
});

const userData = mkdtempSync(join(tmpdir(), 'grantline-main-'));

beforeAll(async () => {
  vi.stubEnv('GRANTLINE_USER_DATA_DIR', userData);
  await import('../../../electron/main.js');
  fake.state.resolveReady();
  await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

const indexOf = (name: string): number => {
  const index = fake.calls.indexOf(name);
  expect(index, `${name} in ${fake.calls.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return index;
};

describe('main.ts startup', () => {
  it('does the before-ready work before ready', () => {
    for (const name of [
      'setName Grantline',
      'setPath userData',
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'app.on web-contents-created',
      'app.on second-instance',
    ]) {
      expect(indexOf(`${name} (before ready)`)).toBeLessThan(indexOf('READY'));
    }
    // The single-instance lock lives in userData, so the data dir must be chosen first.
    expect(indexOf('setPath userData (before ready)')).toBeLessThan(
      indexOf('requestSingleInstanceLock (before ready)'),
    );
    expect(fake.state.paths.get('userData')).toBe(userData);
  });

  it('creates the window last, after permissions, protocol, IPC and the menu', () => {
    const window = indexOf('new BrowserWindow');
    for (const name of [
      'defaultSession.setPermissionRequestHandler',
      'defaultSession.setPermissionCheckHandler',
      'protocol.handle app',
      'ipcMain.handle app:info',
      'setApplicationMenu',
    ]) {
      expect(indexOf(name), name).toBeLessThan(window);
    }
    // The web-contents guard ran for the window before it loaded anything.
    expect(indexOf('setWindowOpenHandler')).toBeLessThan(indexOf('loadURL'));
    expect(fake.state.windows[0]?.url).toBe('app://grantline/index.html');
  });

  it('builds the window with the security block', () => {
    const prefs = fake.state.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]preload\.cjs$/);
  });

  it('registers every contract channel and quits with its last window except on macOS', () => {
    expect(fake.state.ipcChannels).toEqual(channels);
    fake.state.appListeners.get('window-all-closed')?.();
    expect(fake.calls.includes('quit')).toBe(process.platform !== 'darwin');
  });
});
