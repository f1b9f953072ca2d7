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

const UNLOCK_HINT =
  'Unlock your keyring (log in to your desktop session, or unlock "Login" in Passwords and Keys, KWallet or Keychain Access), then try again.';

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

  /**
   * Unwrap the stored key, or create, wrap and store a new one. A keyring that is locked, still
   * starting or not answering is reported as such (details.secretProblem 'keyring-unavailable',
   * try again), never as damage: the wrapped key and the secrets stay as they are, and the next
   * attempt (SecretStore forgets a failed one) can succeed.
   */
  async loadOrCreateKey(): Promise<Buffer> {
    if (!(await this.#storage.isAsyncEncryptionAvailable())) {
      throw new AppError('storage', 'The OS keyring is locked or not answering.', {
        hint: `${UNLOCK_HINT} If no keyring runs here at all, start Grantline in a desktop session with GNOME Keyring or KWallet.`,
        details: { secretProblem: 'keyring-unavailable' },
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
      // safeStorage gives one error for a locked keyring and for a keyring that lost its entry,
      // and the first is far more common: say so, and never suggest discarding the key here.
      throw new AppError(
        'storage',
        `The OS keyring did not unwrap the data key in ${this.#file}.`,
        {
          hint: `${UNLOCK_HINT} If it still fails with the keyring unlocked, the keyring entry Grantline uses was reset (for example a new login keyring): restore the keyring from a backup. Keep the file: it is the only way back to your secrets.`,
          details: { secretProblem: 'keyring-unavailable' },
          cause: error,
        },
      );
    }
    const { result, shouldReEncrypt } = unwrapped;
    const key = decodeDataKey(result, this.#file);
    // The OS key was rotated or upgraded: store the key wrapped the new way, same key inside.
    if (shouldReEncrypt)
      await writeFileAtomic(this.#file, await this.#storage.encryptStringAsync(result));
    return key;
  }
}
