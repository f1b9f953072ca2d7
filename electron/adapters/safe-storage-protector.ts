import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage, type SafeStorage } from 'electron';
import { AppError } from '#shared/errors.js';
import type { SecretProtection } from '#shared/ipc/contract.js';
import {
  SAFE_STORAGE_KEY_FILE_NAME,
  decodeDataKey,
  generateDataKey,
  type KeyProtector,
} from '../core/secrets/key-protector.js';
import { createFileExclusive, writeFileAtomic } from '../core/storage/safe-files.js';

type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

/** Options for the Electron protector. */
export interface SafeStorageProtectorOptions {
  /** Fail instead of using Chromium's `basic_text` backend (a hard-coded key: obfuscation only). */
  refuseBasicText?: boolean;
  safeStorage?: SafeStorageLike;
}

const LINUX_LABELS: Partial<Record<string, string>> = {
  gnome_libsecret: 'Secret Service (GNOME Keyring / libsecret)',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet 5',
  kwallet6: 'KDE Wallet 6',
};

const BASIC_TEXT_WARNING =
  'No OS keyring was found, so Electron protects secrets with a built-in key (basic_text): anyone ' +
  'who can read your data folder can decrypt them. Run Grantline in a desktop session with GNOME ' +
  'Keyring or KWallet, or start it with --password-store=gnome-libsecret.';

/**
 * Wraps the data key with Electron safeStorage (Keychain, DPAPI, libsecret/KWallet) and keeps the
 * wrapped key in `<dataDir>/secret.key.enc`. Create it after the app's `ready` event.
 */
export class SafeStorageProtector implements KeyProtector {
  readonly #file: string;
  readonly #storage: SafeStorageLike;
  readonly #refuseBasicText: boolean;

  constructor(dataDir: string, options: SafeStorageProtectorOptions = {}) {
    this.#file = join(dataDir, SAFE_STORAGE_KEY_FILE_NAME);
    this.#storage = options.safeStorage ?? safeStorage;
    this.#refuseBasicText = options.refuseBasicText ?? false;
  }

  /** Computed on each read: on Linux the backend is only known once the app is ready. */
  get info(): SecretProtection {
    if (process.platform === 'darwin') {
      return { backend: 'keychain', label: 'macOS Keychain', secure: true };
    }
    if (process.platform === 'win32') {
      return { backend: 'dpapi', label: 'Windows DPAPI (your user account)', secure: true };
    }
    const backend = this.#storage.getSelectedStorageBackend();
    const label = LINUX_LABELS[backend];
    if (label !== undefined) return { backend, label, secure: true };
    // basic_text encrypts with a key hard-coded in Chromium: present, but no protection at rest.
    return backend === 'basic_text'
      ? { backend, label: 'Built-in key (basic_text)', secure: false, warning: BASIC_TEXT_WARNING }
      : { backend, label: 'Not known before app ready', secure: false };
  }

  /**
   * Start Electron's async encryption service, which is when Linux chooses its backend (until
   * then `getSelectedStorageBackend()` says 'unknown'). Resolves to whether encryption is available.
   */
  async detectBackend(): Promise<boolean> {
    return this.#storage.isAsyncEncryptionAvailable();
  }

  /** Unwrap the stored key, or create, wrap and store a new one. */
  async loadOrCreateKey(): Promise<Buffer> {
    if (!(await this.#storage.isAsyncEncryptionAvailable())) {
      throw new AppError('storage', 'Electron safeStorage encryption is not available.', {
        hint: 'On Linux, run Grantline in a desktop session with GNOME Keyring or KWallet.',
      });
    }
    if (this.#refuseBasicText && this.info.backend === 'basic_text') {
      throw new AppError('storage', 'Refusing to store secrets with the basic_text backend.', {
        hint: BASIC_TEXT_WARNING,
      });
    }
    let wrapped: Buffer;
    try {
      wrapped = await readFile(this.#file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const fresh = await this.#storage.encryptStringAsync(generateDataKey().toString('base64'));
      await createFileExclusive(this.#file, fresh);
      wrapped = await readFile(this.#file);
    }
    let unwrapped;
    try {
      unwrapped = await this.#storage.decryptStringAsync(wrapped);
    } catch (error) {
      throw new AppError('storage', `Could not unwrap the data key in ${this.#file}.`, {
        hint: 'The OS keyring entry Electron uses may have been reset. Restore it, or move the file away and enter your secrets again.',
        cause: error,
      });
    }
    const { result, shouldReEncrypt } = unwrapped;
    const key = decodeDataKey(result, this.#file);
    // The OS key was rotated or upgraded: store the key wrapped the new way, same key inside.
    if (shouldReEncrypt)
      await writeFileAtomic(this.#file, await this.#storage.encryptStringAsync(result));
    return key;
  }
}
