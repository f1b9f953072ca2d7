import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import { z } from 'zod';

const CANARY = 'Canary+/%#:&= secret ünï';

/**
 * Every way the canary could leak into a file: plain, base64 (at any byte alignment, so it is found
 * inside a longer base64 string too), base64url, URL/form-encoded and hex.
 */
function leakForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ]);
  for (let shift = 0; shift < 3; shift += 1) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Drop the first and last 4-character groups: they mix in neighbouring bytes.
    const core = padded.slice(shift === 0 ? 0 : 4, -4);
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function leaksIn(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(dir)) {
    const content = (await readFile(file)).toString('latin1');
    const utf8 = (await readFile(file)).toString('utf8');
    for (const form of leakForms(secret)) {
      if (content.includes(form) || utf8.includes(form)) found.push(`${file}: ${form}`);
    }
  }
  return found;
}

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
    const leaks = await leaksIn(dir, CANARY);
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
    expect((await filesUnder(dir)).length).toBeGreaterThanOrEqual(4);
    expect(await leaksIn(dir, CANARY)).toEqual([]);
  });
});
