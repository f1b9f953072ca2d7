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
