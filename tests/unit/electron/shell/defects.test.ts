import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from './built-app.js';
import { startShell, type Shell, type ShellState } from './harness.js';

// First-launch defects of the desktop shell, each shown on the built main entry under the fake
// Electron. Each test boots its own process with its own data folder.

let built: BuiltApp;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  built = await buildApp();
}, 120_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(() => built?.remove());

async function boot(
  options: { control?: Record<string, unknown>; prepare?: (userData: string) => void } = {},
): Promise<{ shell: Shell; userData: string }> {
  const userData = mkdtempSync(join(tmpdir(), 'grantline-shell-data-'));
  cleanups.push(() => rmSync(userData, { recursive: true, force: true }));
  options.prepare?.(userData);
  const shell = await startShell({
    mainPath: built.mainPath,
    env: { GRANTLINE_USER_DATA_DIR: userData },
  });
  cleanups.push(() => shell.close());
  if (options.control) await shell.call('configure', options.control);
  await shell.call('boot');
  await shell.call('ready');
  return { shell, userData };
}

interface AppInfo {
  ok: true;
  value: { secretProtection: { backend: string; secure: boolean; warning?: string } };
}

describe('a window restored as maximised', () => {
  it('is maximised when it is first shown, not before its content is painted', async () => {
    const { shell } = await boot({
      prepare: (dir) =>
        writeFileSync(
          join(dir, 'window-state.json'),
          JSON.stringify({ bounds: { x: 0, y: 0, width: 900, height: 600 }, maximized: true }),
        ),
    });
    const state = await shell.call<ShellState>('waitFor', { what: 'ready-to-show' });
    expect(state.windows[0]?.maximized).toBe(true);
    expect(state.windows[0]?.visible).toBe(true);
    expect(state.windows[0]?.shownBeforeContent).toBe(false);
  });
});

describe('app:info on Linux', () => {
  it.runIf(process.platform === 'linux')(
    'describes the safeStorage backend in use, with the warning for basic_text',
    async () => {
      const { shell } = await boot({ control: { backendAfterReady: 'basic_text' } });
      await shell.call('waitFor', { what: 'window' });
      const info = await shell.call<AppInfo>('invoke', { channel: 'app:info' });
      expect(info.value.secretProtection).toMatchObject({ backend: 'basic_text', secure: false });
      expect(info.value.secretProtection.warning).toMatch(/anyone who can read your data folder/);
    },
  );
});

describe('start-up while the keyring is slow (a keychain prompt is open)', () => {
  it('shows the window before the keyring answers, and only after every IPC handler', async () => {
    const { shell } = await boot({ control: { keychainDelayMs: 12_000 } });
    // A second launch during the wait must not create the window early.
    await shell.call('emitApp', { event: 'second-instance', args: [[], '/'] });
    const state = await shell.call<ShellState>('waitFor', { what: 'window', timeoutMs: 5000 });
    const window = state.calls.indexOf('new BrowserWindow');
    expect(state.calls.filter((c) => c === 'new BrowserWindow')).toHaveLength(1);
    const lastHandler = Math.max(
      ...state.calls.map((c, i) => (c.startsWith('ipcMain.handle ') ? i : -1)),
    );
    expect(lastHandler).toBeGreaterThan(0);
    expect(window).toBeGreaterThan(lastHandler);
    // The window answers while the keyring is still busy.
    const info = await shell.call<{ ok: boolean }>('invoke', { channel: 'app:info' });
    expect(info.ok).toBe(true);
  }, 30_000);

  it('explains the wait in the window when the keyring takes long', async () => {
    const { shell } = await boot({ control: { keychainDelayMs: 15_000 } });
    await shell.call('waitFor', { what: 'ready-to-show', timeoutMs: 5000 });
    await shell.call('sleep', 8000);
    const { sent } = await shell.call<ShellState>('state');
    const notices = sent.filter((s) => s.channel.includes('app:notice'));
    expect(notices.map((n) => (n.payload as { message: string }).message).join('\n')).toMatch(
      /waiting for the OS keyring/,
    );
  }, 30_000);
});
