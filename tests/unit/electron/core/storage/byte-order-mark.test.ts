import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../../../electron/core/app-core.js';
import { EventBus } from '../../../../../electron/core/events.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';

// A file saved by an editor that writes UTF-8 with a byte order mark is not damaged.

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'grantline-bom-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function start() {
  return createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: new EventBus(),
  });
}

describe('a UTF-8 byte order mark in the data files', () => {
  it('is accepted in connections.json and secrets.json: nothing moved aside, nothing lost', async () => {
    const first = start();
    await first.ready;
    const saved = await first.connections.save(
      {
        name: 'Alpha',
        presetId: 'generic-oauth2',
        clientId: 'client',
        tokenUrl: 'https://idp.example/token',
        tls: { insecure: false },
      } as Parameters<typeof first.connections.save>[0],
      { clientSecret: 'alpha secret' },
    );
    await first.close();
    for (const name of ['connections.json', 'secrets.json']) {
      const file = join(dataDir, name);
      await writeFile(file, `\uFEFF${await readFile(file, 'utf8')}`);
    }

    const second = start();
    await second.ready;
    expect(second.notices()).toEqual([]);
    expect(second.connections.list().map((c) => c.name)).toEqual(['Alpha']);
    expect(await second.secrets.find(saved.secretRef!)).toBe('alpha secret');
    expect((await readdir(dataDir)).sort()).toEqual([
      'connections.json',
      'secret.key',
      'secrets.json',
    ]);
    // Rewritten without the mark, so every reader (conf, electron-store) takes it as it is.
    expect((await readFile(join(dataDir, 'connections.json'), 'utf8')).startsWith('\uFEFF')).toBe(
      false,
    );
    await second.close();
  });
});
