import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import {
  watchWorkspace,
  type WorkspaceChange,
  type WorkspaceWatcher,
} from '../../../../../electron/core/workspace/workspace-watcher.js';

const noSecrets = {
  set: async () => undefined,
  delete: async () => false,
  has: async () => false,
  find: async () => undefined,
};

let root: string;
let workspace: Workspace;
let watcher: WorkspaceWatcher | undefined;
let batches: WorkspaceChange[][];
let waiters: (() => void)[];

/** Resolves at the next batch of changes reported after this call. */
function nextBatch(): Promise<WorkspaceChange[]> {
  const seen = batches.length;
  return new Promise((resolve) => {
    const check = (): void => {
      if (batches.length > seen) resolve(batches[seen]!);
      else waiters.push(check);
    };
    check();
  });
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'grantline-ws-watch-'));
  workspace = new Workspace(root, noSecrets);
  await workspace.ensure();
  batches = [];
  waiters = [];
  watcher = await watchWorkspace(
    workspace,
    (changes) => {
      batches.push(changes);
      for (const wake of waiters.splice(0)) wake();
    },
    { debounceMs: 50 },
  );
});

afterEach(async () => {
  await watcher?.close();
  rmSync(root, { recursive: true, force: true });
});

const save = (name: string) =>
  workspace.saveRequest({
    folder: '',
    name,
    connectionId: 'conn-1',
    draft: { ...emptyDraft(), url: `{{baseUrl}}/${name}` },
  });

describe('watchWorkspace', () => {
  it('reports a file edited outside the app', async () => {
    const saved = await save('first');
    const batch = nextBatch();
    const text = `name: Edited outside\nconnection: conn-1\ndraft:\n  url: https://x.example/\n`;
    writeFileSync(join(root, saved.path), text);
    expect(await batch).toEqual([{ path: 'first.yaml', change: 'changed' }]);
    expect((await workspace.readRequest('first.yaml')).name).toBe('Edited outside');
  });

  it('does not report the app’s own writes, only the outside edit that follows them', async () => {
    const batch = nextBatch();
    await save('own');
    await save('own two');
    const renamed = await workspace.renameRequest('own.yaml', 'Renamed');
    await workspace.deleteRequest(renamed.path);
    // The outside edit comes last: the first batch reported must hold it and nothing else.
    writeFileSync(join(root, 'outside.yaml'), 'name: Outside\nconnection: c\ndraft: {}\n');
    expect(await batch).toEqual([{ path: 'outside.yaml', change: 'added' }]);
  });
});
