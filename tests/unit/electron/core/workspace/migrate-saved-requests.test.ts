import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { RequestStore } from '../../../../../electron/core/requests/request-store.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import {
  BACKUP_SUFFIX,
  migrateSavedRequests,
} from '../../../../../electron/core/workspace/migrate-saved-requests.js';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';

const noSecrets = {
  set: async () => undefined,
  delete: async () => false,
  has: async () => false,
  find: async () => undefined,
};

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'grantline-ws-migrate-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('migrateSavedRequests', () => {
  it('copies every saved request once, suffixes a taken name and keeps the old store', async () => {
    const store = new RequestStore(dataDir, openJsonStore);
    const draft = (url: string) => ({ ...emptyDraft(), url });
    store.save('conn-a', 'List items', draft('{{baseUrl}}/a'));
    store.save('conn-b', 'List items', draft('{{baseUrl}}/b'));
    store.save('conn-b', 'Get item', {
      ...draft('{{baseUrl}}/b/1'),
      headers: [{ name: 'Authorization', value: 'Bearer abc.def', enabled: true }],
    });
    const before = readFileSync(store.requestsFile, 'utf8');
    const workspace = new Workspace(join(dataDir, 'workspaces', 'default'), noSecrets);
    await workspace.ensure();

    const report = await migrateSavedRequests(workspace, store);
    expect(report).toMatchObject({ migrated: 3, skipped: 0 });
    expect(report.backup).toBe(join(dataDir, `requests${BACKUP_SUFFIX}`));
    expect(readFileSync(report.backup!, 'utf8')).toBe(before);
    expect(readFileSync(store.requestsFile, 'utf8')).toBe(before);

    const { tree, problems } = await workspace.tree();
    expect(problems).toEqual([]);
    const requests = tree.map((n) => ({ path: n.path, name: n.name }));
    expect(requests).toEqual([
      { path: 'get-item.yaml', name: 'Get item' },
      { path: 'list-items-2.yaml', name: 'List items (2)' },
      { path: 'list-items.yaml', name: 'List items' },
    ]);
    const second = await workspace.readRequest('list-items-2.yaml');
    expect(second).toMatchObject({ connection: 'conn-b', draft: { url: '{{baseUrl}}/b' } });
    expect(readFileSync(join(workspace.root, 'get-item.yaml'), 'utf8')).not.toContain('abc.def');

    // A second run (e.g. after an interrupted first one) writes nothing new.
    const again = await migrateSavedRequests(workspace, store);
    expect(again).toMatchObject({ migrated: 0, skipped: 3 });
    expect(
      readdirSync(workspace.root).filter((f) => f !== 'grantline-workspace.yaml'),
    ).toHaveLength(3);
  });

  it('does nothing and keeps no backup when there is nothing saved', async () => {
    const store = new RequestStore(dataDir, openJsonStore);
    const workspace = new Workspace(join(dataDir, 'ws'), noSecrets);
    await workspace.ensure();
    expect(await migrateSavedRequests(workspace, store)).toEqual({
      migrated: 0,
      skipped: 0,
      backup: null,
    });
    expect(existsSync(join(dataDir, `requests${BACKUP_SUFFIX}`))).toBe(false);
  });
});
