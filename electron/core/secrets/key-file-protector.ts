import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '#shared/errors.js';
import type { SecretProtection } from '#shared/ipc/contract.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, createFileExclusive } from '../storage/safe-files.js';
import {
  DATA_KEY_BYTES,
  KEY_FILE_NAME,
  assertDataKey,
  generateDataKey,
  type KeyProtector,
} from './key-protector.js';

/** The weakest protector: a random key in `<dataDir>/secret.key`, readable by the owner only. */
export class KeyFileProtector implements KeyProtector {
  readonly info: SecretProtection;
  readonly keyPath: string;

  constructor(readonly dataDir: string) {
    this.keyPath = join(dataDir, KEY_FILE_NAME);
    this.info = {
      backend: 'key-file',
      label: 'Key file in the data folder',
      secure: false,
      warning:
        `Secrets are encrypted with a key stored in a file next to them (${this.keyPath}). ` +
        'Anyone who can read your data folder or its backups can decrypt them. Use the desktop ' +
        'app, or an unlocked OS keyring (Secret Service), for stronger protection.',
    };
  }

  /** Read the key file, or create it (0600, in a 0700 dir) with a fresh random key. */
  async loadOrCreateKey(): Promise<Buffer> {
    await mkdir(this.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const existing = await this.#read();
    if (existing) return existing;
    await createFileExclusive(this.keyPath, generateDataKey(), PRIVATE_FILE_MODE);
    // Read back whichever key won, in case another process created one at the same moment.
    const created = await this.#read();
    if (!created) throw new AppError('storage', `Could not create ${this.keyPath}.`);
    return created;
  }

  async #read(): Promise<Buffer | undefined> {
    let handle;
    try {
      handle = await open(this.keyPath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new AppError('storage', `Could not open the key file ${this.keyPath}.`, {
        cause: error,
      });
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new AppError('storage', `${this.keyPath} is not a regular file.`);
      }
      // On POSIX a key others can read (or replace) protects nothing; Windows has no mode bits.
      if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
        throw new AppError(
          'storage',
          `The key file ${this.keyPath} is accessible to other users (mode ${mode}), so Grantline ` +
            'will not use it.',
          { hint: `Make it private, then try again: chmod 600 "${this.keyPath}"` },
        );
      }
      const buffer = Buffer.alloc(DATA_KEY_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return assertDataKey(buffer.subarray(0, bytesRead), this.keyPath);
    } finally {
      await handle.close();
    }
  }
}

/**
 * Stands in when secrets.json says its secrets were sealed with the key file and the key file is
 * gone: never makes a new key (that would orphan them for good), and says what happened.
 */
export class MissingKeyFileProtector implements KeyProtector {
  readonly info: SecretProtection;
  readonly keyPath: string;

  constructor(
    readonly dataDir: string,
    readonly storedCount: number,
  ) {
    this.keyPath = join(dataDir, KEY_FILE_NAME);
    this.info = {
      backend: 'key-file',
      label: 'Key file in the data folder (missing)',
      secure: false,
      warning:
        `The key file ${this.keyPath} is missing, so the ${storedCount} stored ` +
        `secret${storedCount === 1 ? '' : 's'} in this data folder cannot be decrypted.`,
    };
  }

  async loadOrCreateKey(): Promise<Buffer> {
    const n = this.storedCount;
    throw new AppError(
      'storage',
      `The key file ${this.keyPath} is missing, so the ${n} stored secret${n === 1 ? '' : 's'} ` +
        `encrypted with it cannot be decrypted. The OS keyring has nothing to do with it.`,
      {
        hint:
          `Put ${KEY_FILE_NAME} back from a backup of this data folder and restart Grantline. To ` +
          'start over instead, move secrets.json out of the data folder, restart, and enter the ' +
          'secrets again; the connections themselves are kept.',
      },
    );
  }
}
