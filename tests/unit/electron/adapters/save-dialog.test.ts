import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  dialog: [] as unknown[][],
  result: { canceled: false, filePath: '' },
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'downloads' ? '/home/u/Downloads' : '/tmp') },
  dialog: {
    showSaveDialog: (...args: unknown[]) => {
      calls.dialog.push(args);
      return Promise.resolve(calls.result);
    },
  },
}));

const { createSaveDialogChooser } = await import('../../../../electron/adapters/save-dialog.js');

const win = { isDestroyed: () => false };

describe('the desktop save dialog', () => {
  it('opens on the main window in Downloads with the suggested name, and returns the choice', async () => {
    calls.result = { canceled: false, filePath: '/home/u/Documents/body.json' };
    const choose = createSaveDialogChooser(() => win as never);
    expect(await choose('body.json')).toBe('/home/u/Documents/body.json');
    expect(calls.dialog.at(-1)).toEqual([win, { defaultPath: '/home/u/Downloads/body.json' }]);
  });

  it('keeps a suggested name inside Downloads, whatever separators it holds', async () => {
    const choose = createSaveDialogChooser(() => undefined);
    await choose('../../.ssh/authorized_keys');
    await choose('..\\evil.txt');
    const paths = calls.dialog
      .slice(-2)
      .map((args) => (args[0] as { defaultPath: string }).defaultPath);
    for (const path of paths) expect(path).toMatch(/^\/home\/u\/Downloads\/[^/]+$/);
  });

  it('returns undefined when the user cancels', async () => {
    calls.result = { canceled: true, filePath: '' };
    const choose = createSaveDialogChooser(() => win as never);
    expect(await choose('x.json')).toBeUndefined();
  });
});
