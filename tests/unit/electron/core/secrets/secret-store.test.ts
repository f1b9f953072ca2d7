import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import type { KeyProtector } from '../../../../../electron/core/secrets/key-protector.js';
import {
  SecretStore,
  hasStoredSecrets,
} from '../../../../../electron/core/secrets/secret-store.js';
import type { StorageNotice } from '../../../../../electron/core/storage/safe-files.js';

function fixedKey(key: Buffer, label = 'test key'): KeyProtector {
  return {
    info: { backend: 'test', label, secure: true },
    loadOrCreateKey: async () => Buffer.from(key),
  };
}

type SecretsFile = {
  format: string;
  version: number;
  secrets: Record<string, Record<string, string>>;
};

async function readSecretsFile(dir: string): Promise<SecretsFile> {
  return JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')) as SecretsFile;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let dir: string;
let keyA: Buffer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantline-secrets-'));
  keyA = randomBytes(32);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SecretStore', () => {
  it('round-trips secrets and reports which ids are stored', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await store.set('conn-1:client-secret', 'first value ünï #%');
    await store.set('conn-2:client-secret', 'second');
    expect(await store.get('conn-1:client-secret')).toBe('first value ünï #%');
    expect(await store.has('conn-2:client-secret')).toBe(true);
    expect(await store.has('conn-3:client-secret')).toBe(false);
    expect(await store.ids()).toEqual(['conn-1:client-secret', 'conn-2:client-secret']);

    // A second store on the same dir (e.g. after a restart) reads the same secrets.
    const reopened = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    expect(await reopened.get('conn-2:client-secret')).toBe('second');

    expect(await store.delete('conn-1:client-secret')).toBe(true);
    expect(await store.delete('conn-1:client-secret')).toBe(false);
    const missing = await rejection(store.get('conn-1:client-secret'));
    expect(missing.category).toBe('not_found');
  });

  it('find() answers undefined for a missing id and the plaintext for a stored one', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    expect(await store.find('missing')).toBeUndefined();
    await store.set('present', 'value one');
    expect(await store.find('present')).toBe('value one');
    expect((await rejection(store.get('missing'))).category).toBe('not_found');
  });

  it('writes secrets.json with mode 0600, a versioned record, and no temp files', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await store.set('a', 'value');
    const file = await readSecretsFile(dir);
    expect(file.format).toBe('grantline-secrets');
    expect(file.version).toBe(1);
    expect(file.secrets.a).toMatchObject({ v: 1, alg: 'aes-256-gcm' });
    expect(Buffer.from(file.secrets.a!.iv!, 'base64')).toHaveLength(12);
    if (process.platform !== 'win32') {
      expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    }
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('produces a different ciphertext on every write of the same value', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await store.set('a', 'same value');
    const first = (await readSecretsFile(dir)).secrets.a!;
    await store.set('a', 'same value');
    const second = (await readSecretsFile(dir)).secrets.a!;
    expect(second.iv).not.toBe(first.iv);
    expect(second.data).not.toBe(first.data);
    expect(await store.get('a')).toBe('same value');
  });

  it('turns a tampered record into a storage error and keeps the other secrets', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await store.set('a', 'secret-a');
    await store.set('b', 'secret-b');
    const file = await readSecretsFile(dir);
    const data = Buffer.from(file.secrets.a!.data!, 'base64');
    data[0] = data[0]! ^ 0x01;
    file.secrets.a!.data = data.toString('base64');
    await writeFile(join(dir, 'secrets.json'), JSON.stringify(file));

    const error = await rejection(store.get('a'));
    expect(error.category).toBe('storage');
    expect(error.message).toContain('integrity');
    expect(error.hint).toMatch(/enter the secret again/i);
    expect(`${error.message} ${error.hint}`).not.toContain('secret-a');
    expect(await store.get('b')).toBe('secret-b');
    expect(await store.ids()).toEqual(['a', 'b']);
  });

  it('binds a record to its id: a record copied under another id does not open', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await store.set('a', 'secret-a');
    const file = await readSecretsFile(dir);
    file.secrets.b = file.secrets.a!;
    await writeFile(join(dir, 'secrets.json'), JSON.stringify(file));
    expect((await rejection(store.get('b'))).category).toBe('storage');
  });

  it('reports a wrong key as a storage error with a hint and never destroys the secrets', async () => {
    const original = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await original.set('a', 'secret-a');
    await original.set('b', 'secret-b');

    const withOtherKey = new SecretStore({
      dataDir: dir,
      protector: fixedKey(randomBytes(32), 'replacement key'),
    });
    const error = await rejection(withOtherKey.get('a'));
    expect(error.category).toBe('storage');
    expect(error.message).toMatch(/different data key/);
    expect(error.hint).toContain('replacement key');
    // Writing a new secret with the other key leaves the old records as they were.
    await withOtherKey.set('c', 'secret-c');

    const again = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    expect(await again.get('a')).toBe('secret-a');
    expect(await again.get('b')).toBe('secret-b');
    expect(await withOtherKey.get('c')).toBe('secret-c');
  });

  it('keeps all 50 secrets written concurrently', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    const ids = Array.from({ length: 50 }, (_, i) => `conn-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => store.set(id, `value of ${id}`)));
    expect(await store.ids()).toEqual(ids);
    const reopened = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    for (const id of ids) expect(await reopened.get(id)).toBe(`value of ${id}`);
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('moves a corrupt secrets.json aside, reports it, and keeps working', async () => {
    await writeFile(join(dir, 'secrets.json'), '{"format": "grantline-secrets", "secr');
    const seen: StorageNotice[] = [];
    const store = new SecretStore({
      dataDir: dir,
      protector: fixedKey(keyA),
      onNotice: (notice) => seen.push(notice),
    });
    expect(await store.ids()).toEqual([]);
    expect(store.notices).toHaveLength(1);
    expect(seen).toEqual(store.notices);
    const notice = store.notices[0]!;
    expect(notice).toMatchObject({ level: 'warning', code: 'corrupt-file-moved' });
    expect(notice.keptAt).toMatch(/secrets\.json\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(await readFile(notice.keptAt!, 'utf8')).toBe('{"format": "grantline-secrets", "secr');

    await store.set('a', 'fresh');
    expect(await store.get('a')).toBe('fresh');
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['secrets.json', notice.keptAt!.slice(dir.length + 1)]);
    expect(store.notices).toHaveLength(1);
  });

  it('keeps a newer secrets.json aside untouched and uses the records it can read', async () => {
    const writer = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await writer.set('a', 'secret-a');
    const file = await readSecretsFile(dir);
    const newer = JSON.stringify({
      ...file,
      version: 2,
      secrets: { ...file.secrets, b: { v: 2, sealedBy: 'future' } },
    });
    await writeFile(join(dir, 'secrets.json'), newer);
    const store = new SecretStore({
      dataDir: dir,
      protector: fixedKey(keyA),
      secretLabels: () => new Map([['b', 'the client secret of connection "Beta"']]),
    });
    expect(await store.get('a')).toBe('secret-a');
    expect(await store.has('b')).toBe(false);
    const notice = store.notices[0]!;
    expect(notice).toMatchObject({ level: 'warning', code: 'newer-version' });
    expect(notice.message).toMatch(/file format 2; this version reads up to 1/);
    expect(notice.message).toContain('It could not read: the client secret of connection "Beta"');
    expect(notice.keptAt).toMatch(/secrets\.json\.newer-v2-[\dT-]+Z$/);
    await store.set('c', 'secret-c');
    expect(await readFile(notice.keptAt!, 'utf8')).toBe(newer);
    expect((await readSecretsFile(dir)).version).toBe(1);
  });

  it('keeps well-formed records of a damaged file and names the connections that lost one', async () => {
    const writer = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    await writer.set('a', 'secret-a');
    await writer.set('b', 'secret-b');
    const file = await readSecretsFile(dir);
    file.secrets.b = { v: '1', iv: 'not a record' };
    const damaged = JSON.stringify(file);
    await writeFile(join(dir, 'secrets.json'), damaged);
    const store = new SecretStore({
      dataDir: dir,
      protector: fixedKey(keyA),
      secretLabels: () => new Map([['b', 'the client secret of connection "Beta"']]),
    });
    expect(await store.ids()).toEqual(['a']);
    expect(await store.get('a')).toBe('secret-a');
    const notice = store.notices[0]!;
    expect(notice).toMatchObject({ code: 'records-dropped' });
    expect(notice.message).toContain('the client secret of connection "Beta"');
    expect(await readFile(notice.keptAt!, 'utf8')).toBe(damaged);
    // The cleaned file is on disk: a new store sees no problem.
    const again = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    expect(await again.ids()).toEqual(['a']);
    expect(again.notices).toEqual([]);
  });

  it('says which secrets are missing when secrets.json is not JSON at all', async () => {
    await writeFile(join(dir, 'secrets.json'), '\u0000\u0000 garbage');
    const store = new SecretStore({
      dataDir: dir,
      protector: fixedKey(keyA),
      secretLabels: () =>
        new Map([
          ['a', 'the client secret of connection "Alpha"'],
          ['b', 'the private key of connection "Beta"'],
        ]),
    });
    expect(await store.ids()).toEqual([]);
    expect(store.notices[0]!.message).toMatch(
      /must be entered again: the client secret of connection "Alpha", the private key of connection "Beta"/,
    );
  });

  it('rejects invalid ids and empty values without echoing the value', async () => {
    const store = new SecretStore({ dataDir: dir, protector: fixedKey(keyA) });
    const badId = await rejection(store.set('../etc/passwd', 'hunter2'));
    expect(badId.category).toBe('validation');
    expect(badId.message).not.toContain('hunter2');
    expect((await rejection(store.set('a', ''))).category).toBe('validation');
  });

  it('retries a key that failed to load instead of caching the failure', async () => {
    let calls = 0;
    const flaky: KeyProtector = {
      info: { backend: 'test', label: 'flaky', secure: true },
      loadOrCreateKey: async () => {
        calls += 1;
        if (calls === 1) throw new AppError('storage', 'keyring locked');
        return Buffer.from(keyA);
      },
    };
    const store = new SecretStore({ dataDir: dir, protector: flaky });
    expect((await rejection(store.set('a', 'x'))).message).toBe('keyring locked');
    await store.set('a', 'x');
    expect(await store.get('a')).toBe('x');
  });

  it('tells whether a data dir holds secrets', async () => {
    expect(await hasStoredSecrets(dir)).toBe(false);
    await new SecretStore({ dataDir: dir, protector: fixedKey(keyA) }).set('a', 'x');
    expect(await hasStoredSecrets(dir)).toBe(true);
  });
});
