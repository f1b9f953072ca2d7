// Tests electron/host/keyring-protector.ts; kept beside the secret store tests it protects.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../../../electron/core/secrets/secret-store.js';
import {
  KEYRING_SERVICE,
  KeyringProtector,
  chooseBrowserModeProtector,
  keyringAccountFor,
  type KeyringEntryLike,
} from '../../../../../electron/host/keyring-protector.js';

/** An in-memory keyring, to test the keyring path without touching the real one. */
function memoryKeyring(): {
  entries: Map<string, string>;
  createEntry: (service: string, account: string) => KeyringEntryLike;
} {
  const entries = new Map<string, string>();
  return {
    entries,
    createEntry: (service, account) => ({
      getPassword: async () => entries.get(`${service}/${account}`) ?? null,
      setPassword: async (password) => {
        entries.set(`${service}/${account}`, password);
      },
    }),
  };
}

const hanging = (): KeyringEntryLike => ({
  getPassword: () => new Promise<never>(() => undefined),
  setPassword: () => new Promise<never>(() => undefined),
});

// What @napi-rs/keyring does here when it falls back to keyutils: reads "nothing", cannot write.
const deniesWrites = (): KeyringEntryLike => ({
  getPassword: async () => null,
  setPassword: async () => {
    throw new Error("Couldn't access platform storage: AccessDenied");
  },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantline-keyring-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('chooseBrowserModeProtector', () => {
  // Only where there is no session bus, so a developer's real keyring is never written to.
  it.runIf(process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS)(
    'falls back to the key file on a machine without a Secret Service',
    async () => {
      const protector = await chooseBrowserModeProtector(dir);
      expect(protector).toBeInstanceOf(KeyFileProtector);
      expect(protector.info).toMatchObject({ backend: 'key-file', secure: false });
      expect(await protector.loadOrCreateKey()).toHaveLength(32);
    },
  );

  it('falls back to the key file when the keyring never answers', async () => {
    const protector = await chooseBrowserModeProtector(dir, {
      timeoutMs: 50,
      createEntry: hanging,
    });
    expect(protector.info.backend).toBe('key-file');
  });

  it('falls back to the key file when the keyring reads but cannot keep a key', async () => {
    const protector = await chooseBrowserModeProtector(dir, { createEntry: deniesWrites });
    expect(protector.info.backend).toBe('key-file');
  });

  it('uses a working keyring and files the key under Grantline / the data dir', async () => {
    const keyring = memoryKeyring();
    const protector = await chooseBrowserModeProtector(dir, { createEntry: keyring.createEntry });
    expect(protector).toBeInstanceOf(KeyringProtector);
    expect(protector.info).toMatchObject({ backend: 'os-keyring', secure: true });
    expect([...keyring.entries.keys()]).toEqual([`${KEYRING_SERVICE}/${keyringAccountFor(dir)}`]);
    const key = await protector.loadOrCreateKey();
    // A later run reads the same key back from the keyring; nothing lands in the data dir.
    const later = new KeyringProtector(dir, { createEntry: keyring.createEntry });
    expect((await later.loadOrCreateKey()).equals(key)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps using an existing key file even when a keyring is available', async () => {
    const existing = await new KeyFileProtector(dir).loadOrCreateKey();
    const keyring = memoryKeyring();
    const protector = await chooseBrowserModeProtector(dir, { createEntry: keyring.createEntry });
    expect(protector.info.backend).toBe('key-file');
    expect((await protector.loadOrCreateKey()).equals(existing)).toBe(true);
    expect(keyring.entries.size).toBe(0);
  });

  it('does not make a new key when stored secrets belong to an unreachable keyring', async () => {
    const keyring = memoryKeyring();
    const first = await chooseBrowserModeProtector(dir, { createEntry: keyring.createEntry });
    await new SecretStore({ dataDir: dir, protector: first }).set('a', 'secret-a');

    const protector = await chooseBrowserModeProtector(dir, {
      timeoutMs: 50,
      createEntry: hanging,
    });
    expect(protector.info).toMatchObject({ backend: 'os-keyring' });
    expect(protector.info.warning).toMatch(/not reachable/);
    const error: unknown = await protector.loadOrCreateKey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).category).toBe('storage');
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('says the key file is missing (not that the keyring failed) when secret.key was deleted', async () => {
    await new SecretStore({ dataDir: dir, protector: new KeyFileProtector(dir) }).set(
      'a',
      'secret-a',
    );
    await rm(join(dir, 'secret.key'));
    // With the keyring unreachable (the case that used to blame DBus) and with a working one.
    for (const reachable of [false, true]) {
      const keyring = memoryKeyring();
      const protector = await chooseBrowserModeProtector(dir, {
        timeoutMs: 50,
        createEntry: reachable ? keyring.createEntry : hanging,
      });
      expect(protector.info).toMatchObject({ backend: 'key-file' });
      expect(protector.info.warning).toContain('secret.key is missing');
      const error = (await protector.loadOrCreateKey().catch((e: unknown) => e)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.message).toMatch(
        /The key file .*secret\.key is missing, so the 1 stored secret/,
      );
      expect(error.message).not.toMatch(/keyring is not available|DBus/i);
      expect(error.hint).toMatch(/back from a backup/);
      // No new key anywhere: that would orphan the stored secrets for good.
      expect(keyring.entries.size).toBe(0);
      expect(await readdir(dir)).toEqual(['secrets.json']);
    }
  });

  it('rejects a keyring entry that does not hold a valid key', async () => {
    const keyring = memoryKeyring();
    keyring.entries.set(
      `${KEYRING_SERVICE}/${keyringAccountFor(dir)}`,
      randomBytes(8).toString('base64'),
    );
    const protector = new KeyringProtector(dir, { createEntry: keyring.createEntry });
    const error: unknown = await protector.loadOrCreateKey().catch((e: unknown) => e);
    expect((error as AppError).category).toBe('storage');
  });
});
