import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import { z } from 'zod';
import { filesUnder, leaksInDir } from '../../../../fixtures/canary/leak-forms.js';

const CANARY = 'Canary+/%#:&= secret ünï';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantline-canary-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('canary: a saved secret appears in no file of the data dir', () => {
  it('finds the canary when it is there in any encoded form (the scanner works)', async () => {
    const bytes = Buffer.from(CANARY, 'utf8');
    await writeFile(join(dir, 'plain.txt'), `x${CANARY}y`);
    const cases = [
      `{"v":"${Buffer.concat([Buffer.from('ab'), bytes]).toString('base64')}"}`,
      bytes.toString('base64url'),
      encodeURIComponent(CANARY),
      bytes.toString('hex'),
    ];
    for (const [i, content] of cases.entries()) {
      await writeFile(join(dir, `case-${i}.txt`), content);
    }
    const leaks = leaksInDir(dir, CANARY);
    for (const name of ['plain.txt', ...cases.map((_, i) => `case-${i}.txt`)]) {
      expect(leaks.some((leak) => leak.startsWith(join(dir, name)))).toBe(true);
    }
  });

  it('stores the canary only in encrypted form, even after rewrites and corruption', async () => {
    const protector = new KeyFileProtector(dir);
    const store = new SecretStore({ dataDir: dir, protector });
    await store.set('canary', CANARY);
    await store.set('other', 'unrelated value');
    await store.set('canary', CANARY);
    await store.delete('other');

    // Settings next to the secrets must never pick it up either.
    const settings = openJsonStore({
      dir,
      name: 'settings',
      schema: z.object({ theme: z.string() }),
      defaults: { theme: 'dark' },
      version: 1,
    });
    settings.write({ theme: 'light' });

    // A secrets file that was moved aside keeps only ciphertext too.
    await writeFile(join(dir, 'secrets.json'), `${await readFile(store.file, 'utf8')}garbage`);
    expect(await store.ids()).toEqual([]);
    await store.set('canary', CANARY);

    expect(await store.get('canary')).toBe(CANARY);
    expect(filesUnder(dir).length).toBeGreaterThanOrEqual(4);
    expect(leaksInDir(dir, CANARY)).toEqual([]);
  });
});
