import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  currentCommands,
  registerCommands,
  runCommand,
  runKeyCommand,
  runMenuCommand,
  useCommandStore,
} from '../../../../renderer/src/commands/registry.js';
import {
  formatShortcut,
  isTypingTarget,
  matchesShortcut,
} from '../../../../renderer/src/commands/shortcuts.js';
import { searchCommands } from '../../../../renderer/src/commands/palette.js';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  code?: string,
) => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

afterEach(() => useCommandStore.setState(useCommandStore.getInitialState(), true));

describe('shortcuts', () => {
  it('CmdOrCtrl is Ctrl off macOS and ⌘ on macOS, and modifiers must match exactly', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), 'CmdOrCtrl+K', false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'CmdOrCtrl+K', true)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), 'CmdOrCtrl+K', false)).toBe(false);
    expect(matchesShortcut(key('K', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+K', false)).toBe(
      false,
    );
    expect(
      matchesShortcut(key('P', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+P', false),
    ).toBe(true);
  });

  it('? is typed with Shift, and Option combinations on macOS match by key code', () => {
    expect(matchesShortcut(key('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(
      matchesShortcut(key('˜', { metaKey: true, altKey: true }, 'KeyN'), 'CmdOrCtrl+Alt+N', true),
    ).toBe(true);
  });

  it('reads the way each platform writes it', () => {
    expect(formatShortcut('CmdOrCtrl+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatShortcut('CmdOrCtrl+Shift+P', true)).toBe('⌘⇧P');
    expect(formatShortcut('CmdOrCtrl+Alt+N', false)).toBe('Ctrl+Alt+N');
  });

  it('knows a text field from a button', () => {
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
  });
});

describe('the registry', () => {
  it('registers, lets a later registration of an id win, and unregisters exactly its own', () => {
    const first = vi.fn();
    const second = vi.fn();
    const offA = registerCommands([{ id: 'x', title: 'First', group: 'G', run: first }]);
    const offB = registerCommands([{ id: 'x', title: 'Second', group: 'G', run: second }]);
    expect(currentCommands().map((c) => c.title)).toEqual(['Second']);
    offB();
    expect(currentCommands().map((c) => c.title)).toEqual(['First']);
    offA();
    expect(currentCommands()).toEqual([]);
  });

  it('runs a command by id, refuses an unknown or disabled one', async () => {
    const run = vi.fn();
    registerCommands([
      { id: 'on', title: 'On', group: 'G', run },
      { id: 'off', title: 'Off', group: 'G', run, enabled: () => false },
    ]);
    expect(runCommand('on')).toBe(true);
    expect(runCommand('off')).toBe(false);
    expect(runCommand('missing')).toBe(false);
    await Promise.resolve();
    await Promise.resolve();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('ignores the desktop menu echoing a key the window already ran, not a later choice', async () => {
    const run = vi.fn();
    registerCommands([{ id: 'view.toggle-theme', title: 'Toggle', group: 'G', run }]);
    runKeyCommand('view.toggle-theme');
    expect(runMenuCommand('view.toggle-theme')).toBe(false);
    useCommandStore.setState({
      lastKeyRun: { id: 'view.toggle-theme', at: performance.now() - 5000 },
    });
    expect(runMenuCommand('view.toggle-theme')).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('palette search', () => {
  const commands = [
    'Toggle light and dark theme',
    'Use the light theme',
    'Go to Connections',
    'New connection',
  ].map((title) => ({ id: title, title, group: 'G', run: () => undefined }));

  it('matches each word on its own, best first', () => {
    expect(searchCommands(commands, 'tgl thme')[0]?.title).toBe('Toggle light and dark theme');
    expect(searchCommands(commands, 'new conn')[0]?.title).toBe('New connection');
  });

  it('takes search operators as plain text, and lists all for an empty query', () => {
    expect(searchCommands(commands, "!'^=").length).toBe(4);
    expect(searchCommands(commands, '   ').length).toBe(4);
    expect(searchCommands(commands, '^theme')[0]?.title).toMatch(/theme/);
  });
});
