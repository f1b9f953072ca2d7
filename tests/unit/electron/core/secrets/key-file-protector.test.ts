import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';

const posix = process.platform !== 'win32';
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'grantline-keyfile-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('KeyFileProtector', () => {
  it('says plainly that it is the weak option', () => {
    const { info } = new KeyFileProtector(root);
    expect(info).toMatchObject({ backend: 'key-file', secure: false });
    expect(info.warning).toMatch(/^Secrets are encrypted with a key stored in a file next to them/);
  });

  it.runIf(posix)('creates a 32-byte key with mode 0600 in a 0700 data dir', async () => {
    const dataDir = join(root, 'nested', 'data');
    const protector = new KeyFileProtector(dataDir);
    const key = await protector.loadOrCreateKey();
    expect(key).toHaveLength(32);
    expect((await stat(protector.keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dataDir)).toEqual(['secret.key']);
  });

  it('returns the same key on later runs and to concurrent callers', async () => {
    const [a, b] = await Promise.all([
      new KeyFileProtector(root).loadOrCreateKey(),
      new KeyFileProtector(root).loadOrCreateKey(),
    ]);
    expect(a.equals(b)).toBe(true);
    expect((await new KeyFileProtector(root).loadOrCreateKey()).equals(a)).toBe(true);
    expect(await readdir(root)).toEqual(['secret.key']);
  });

  it.runIf(posix)('refuses a key file other users can read, telling how to fix it', async () => {
    const protector = new KeyFileProtector(root);
    const key = await protector.loadOrCreateKey();
    await chmod(protector.keyPath, 0o644);
    const error = await rejection(protector.loadOrCreateKey());
    expect(error.category).toBe('storage');
    expect(error.message).toContain('0644');
    expect(error.hint).toContain(`chmod 600 "${protector.keyPath}"`);
    // The key is left alone, not replaced.
    expect((await readFile(protector.keyPath)).equals(key)).toBe(true);

    await chmod(protector.keyPath, 0o600);
    expect((await protector.loadOrCreateKey()).equals(key)).toBe(true);
  });

  it('rejects a damaged key file instead of replacing it', async () => {
    const protector = new KeyFileProtector(root);
    await writeFile(protector.keyPath, 'too short', { mode: 0o600 });
    const error = await rejection(protector.loadOrCreateKey());
    expect(error.category).toBe('storage');
    expect(error.message).toMatch(/damaged/);
    expect(await readFile(protector.keyPath, 'utf8')).toBe('too short');
  });
});
