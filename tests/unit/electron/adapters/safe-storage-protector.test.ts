import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/errors.js';
import { SafeStorageProtector } from '../../../../electron/adapters/safe-storage-protector.js';

// The protector takes its safeStorage as an option; the module's default import is never used.
vi.mock('electron', () => ({ safeStorage: {} }));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storage(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    getSelectedStorageBackend: () => 'gnome_libsecret' as const,
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    encryptStringAsync: (text: string) => Promise.resolve(Buffer.from(`w:${text}`)),
    decryptStringAsync: (data: Buffer) =>
      Promise.resolve({ result: data.toString().slice(2), shouldReEncrypt: false }),
    ...overrides,
  };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantline-safe-storage-'));
  dirs.push(dir);
  return dir;
}

async function failure(protector: SafeStorageProtector): Promise<AppError> {
  const error = await protector.loadOrCreateKey().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const discardAdvice = /move the file away|enter your secrets again|delete/i;

describe('SafeStorageProtector with a locked or unavailable keyring', () => {
  it('says to unlock the keyring and try again when encryption is not available yet', async () => {
    const protector = new SafeStorageProtector(dataDir(), {
      safeStorage: storage({ isAsyncEncryptionAvailable: () => Promise.resolve(false) }),
    });
    const error = await failure(protector);
    expect(error.details?.secretProblem).toBe('keyring-unavailable');
    expect(`${error.message} ${error.hint}`).toMatch(/unlock your keyring.*try again/i);
    expect(`${error.message} ${error.hint}`).not.toMatch(discardAdvice);
  });

  it('never suggests discarding the key when the keyring refuses to unwrap it', async () => {
    const dir = dataDir();
    const wrapped = join(dir, 'secret.key.enc');
    writeFileSync(wrapped, 'w:' + Buffer.alloc(32, 7).toString('base64'));
    const protector = new SafeStorageProtector(dir, {
      safeStorage: storage({
        decryptStringAsync: () =>
          Promise.reject(new Error('Error while decrypting the ciphertext provided')),
      }),
    });
    const error = await failure(protector);
    expect(error.details?.secretProblem).toBe('keyring-unavailable');
    expect(error.hint).toMatch(/unlock your keyring.*try again/i);
    expect(`${error.message} ${error.hint}`).not.toMatch(discardAdvice);
    // The wrapped key is kept as it was.
    expect(readFileSync(wrapped, 'utf8')).toBe('w:' + Buffer.alloc(32, 7).toString('base64'));
  });

  it('opens the same key once the keyring answers again', async () => {
    const dir = dataDir();
    const key = Buffer.alloc(32, 9);
    writeFileSync(join(dir, 'secret.key.enc'), 'w:' + key.toString('base64'));
    let locked = true;
    const protector = new SafeStorageProtector(dir, {
      safeStorage: storage({ isAsyncEncryptionAvailable: () => Promise.resolve(!locked) }),
    });
    await failure(protector);
    locked = false;
    expect(await protector.loadOrCreateKey()).toEqual(key);
  });

  it('still reports real damage (a wrapped key that is not a key) as damage', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'secret.key.enc'), 'w:not a key at all!');
    const error = await failure(new SafeStorageProtector(dir, { safeStorage: storage() }));
    expect(error.message).toMatch(/damaged/);
    expect(error.details?.secretProblem).not.toBe('keyring-unavailable');
  });
});
