import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCommandIds, appCommands } from '#shared/commands.js';
import { eventIpcChannel } from '#shared/ipc/contract.js';
import { buildApp, type BuiltApp } from './built-app.js';
import { startShell, type Shell, type ShellState } from './harness.js';

// The desktop menu carries the window's commands (shared/commands.ts) with their accelerators;
// choosing one sends its id to the window over `app:command`, where the registry runs it.

let built: BuiltApp;
let shell: Shell;
let userData: string;

beforeAll(async () => {
  built = await buildApp();
  userData = mkdtempSync(join(tmpdir(), 'grantline-shell-menu-'));
  shell = await startShell({
    mainPath: built.mainPath,
    env: { GRANTLINE_USER_DATA_DIR: userData },
  });
  await shell.call('boot');
  await shell.call('ready');
  await shell.call('waitFor', { what: 'ready-to-show' });
}, 120_000);

afterAll(async () => {
  await shell?.close();
  built?.remove();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

const state = (): Promise<ShellState> => shell.call<ShellState>('state');

describe('the application menu runs the window commands', () => {
  const menuCommands = appCommandIds.filter((id) => 'menu' in appCommands[id]);

  it('lists every menu command with the accelerator the window uses', async () => {
    const { menuItems } = await state();
    expect(menuCommands.length).toBeGreaterThan(5);
    for (const id of menuCommands) {
      const spec: { title: string; menuLabel?: string; shortcut?: readonly string[] } =
        appCommands[id];
      const item = menuItems.find((i) => i.label === (spec.menuLabel ?? spec.title));
      expect(item, id).toBeDefined();
      const accelerator = spec.shortcut?.find((s) => s.includes('+')) ?? null;
      expect(item?.accelerator, id).toBe(accelerator);
      // Shown, not registered: the window's dispatcher runs the key, so it never runs twice.
      if (accelerator !== null) expect(item?.registerAccelerator, id).toBe(false);
    }
  });

  it.each(appCommandIds.filter((id) => 'menu' in appCommands[id]))(
    'choosing %s sends its id to the window',
    async (id) => {
      const spec: { title: string; menuLabel?: string } = appCommands[id];
      const before = (await state()).sent.length;
      await shell.call('menuClick', { label: spec.menuLabel ?? spec.title });
      const sent = (await state()).sent.slice(before);
      expect(sent).toEqual([{ channel: eventIpcChannel('app:command'), payload: { id } }]);
    },
  );

  it('still has the standard Edit menu and no unknown Electron API', async () => {
    const s = await state();
    expect(s.menuLabels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Go']));
    expect(s.unknown).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
