import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionRepository } from '../../../../../electron/core/connections/connection-repository.js';
import type { KeyProtector } from '../../../../../electron/core/secrets/key-protector.js';
import { SecretStore } from '../../../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import type {
  JsonStore,
  JsonStoreOptions,
} from '../../../../../electron/core/storage/json-store.js';
import { AppError } from '#shared/errors.js';

// A save is all or nothing: when the connection cannot be written (disk full, read-only folder),
// the secrets given with it are put back as they were, so no secret is left without its
// connection and no connection keeps settings that do not match its secret.

const key = randomBytes(32);
const protector: KeyProtector = {
  info: { backend: 'test', label: 'test key', secure: true },
  loadOrCreateKey: async () => Buffer.from(key),
};

let dataDir: string;
let failWrites: boolean;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'grantline-save-atomic-'));
  failWrites = false;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** conf stores whose writes fail while `failWrites` is set, like a disk that just filled up. */
function flakyOpener<T extends object>(options: JsonStoreOptions<T>): JsonStore<T> {
  const store = openJsonStore(options);
  const refuse = (): never => {
    throw new AppError('storage', `Could not save ${options.name}.json (ENOSPC).`);
  };
  return {
    ...store,
    get path() {
      return store.path;
    },
    get notices() {
      return store.notices;
    },
    write: (document) => (failWrites ? refuse() : store.write(document)),
    update: (change) => (failWrites ? refuse() : store.update(change)),
    set: (k, v) => (failWrites ? refuse() : store.set(k, v)),
  };
}

function setup() {
  const secrets = new SecretStore({ dataDir, protector });
  const connections = new ConnectionRepository(dataDir, flakyOpener, secrets);
  return { secrets, connections };
}

const input = (name: string, clientId = 'client') =>
  ({
    name,
    presetId: 'generic-oauth2',
    clientId,
    tokenUrl: 'https://idp.example/token',
    tls: { insecure: false },
  }) as Parameters<ConnectionRepository['save']>[0];

describe('ConnectionRepository.save is all or nothing', () => {
  it('a new connection whose write fails leaves no secret behind', async () => {
    const { secrets, connections } = setup();
    failWrites = true;
    await expect(connections.save(input('Alpha'), { clientSecret: 's3cret' })).rejects.toThrow(
      /ENOSPC/,
    );
    expect(connections.list()).toEqual([]);
    expect(await secrets.ids()).toEqual([]);
  });

  it('a secret that cannot be stored leaves no connection behind', async () => {
    // The keyring refuses: the data key cannot be had, so the secret cannot be sealed.
    const locked: KeyProtector = {
      ...protector,
      loadOrCreateKey: () => Promise.reject(new AppError('storage', 'The keyring is locked.')),
    };
    const connections = new ConnectionRepository(
      dataDir,
      flakyOpener,
      new SecretStore({ dataDir, protector: locked }),
    );
    await expect(connections.save(input('Alpha'), { clientSecret: 's3cret' })).rejects.toThrow(
      /keyring is locked/,
    );
    expect(connections.list()).toEqual([]);
  });

  it('an edit whose write fails keeps the old settings and the old secret', async () => {
    const { secrets, connections } = setup();
    const saved = await connections.save(input('Alpha', 'old-client'), { clientSecret: 'old' });
    failWrites = true;
    await expect(
      connections.save({ ...input('Alpha', 'new-client'), id: saved.id }, { clientSecret: 'new' }),
    ).rejects.toThrow(/ENOSPC/);
    expect(connections.get(saved.id).clientId).toBe('old-client');
    expect(await secrets.get(saved.secretRef!)).toBe('old');
  });

  it('removing a secret whose relink fails puts the secret back', async () => {
    const { secrets, connections } = setup();
    const saved = await connections.save(input('Alpha'), { clientSecret: 'keep me' });
    failWrites = true;
    await expect(connections.setSecrets(saved.id, { clientSecret: '' })).rejects.toThrow(/ENOSPC/);
    expect(await secrets.get(saved.secretRef!)).toBe('keep me');
    expect(connections.get(saved.id).secretRef).toBe(saved.secretRef);
  });

  it('a duplicate whose write fails copies no secret', async () => {
    const { secrets, connections } = setup();
    const saved = await connections.save(input('Alpha'), { clientSecret: 'one' });
    const before = await secrets.ids();
    failWrites = true;
    await expect(connections.duplicate(saved.id)).rejects.toThrow(/ENOSPC/);
    expect(await secrets.ids()).toEqual(before);
    expect(connections.list()).toHaveLength(1);
  });

  it('without a failure, the connection is saved in one write with its secret linked', async () => {
    const { secrets, connections } = setup();
    const saved = await connections.save(input('Alpha'), { clientSecret: 'linked' });
    expect(saved.secretRef).toBeDefined();
    expect(connections.get(saved.id).secretRef).toBe(saved.secretRef);
    expect(await secrets.get(saved.secretRef!)).toBe('linked');
  });
});
