import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '#shared/errors.js';
import type { SecretProtection } from '#shared/ipc/contract.js';
import { KeyFileProtector, MissingKeyFileProtector } from '../core/secrets/key-file-protector.js';
import {
  KEY_FILE_NAME,
  decodeDataKey,
  generateDataKey,
  type KeyProtector,
} from '../core/secrets/key-protector.js';
import { storedSecretsSummary } from '../core/secrets/secret-store.js';

/** Keyring service name under which the data keys are filed. */
export const KEYRING_SERVICE = 'Grantline';
const DEFAULT_TIMEOUT_MS = 3000;

/** The slice of @napi-rs/keyring's AsyncEntry we use (injectable for tests). */
export interface KeyringEntryLike {
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
}

/** Tuning and test seams for the keyring protector. */
export interface KeyringProtectorOptions {
  /** Give up on a keyring call after this long (a locked or absent Secret Service can hang). */
  timeoutMs?: number;
  createEntry?: (service: string, account: string) => KeyringEntryLike;
}

// On Linux the library silently falls back to the kernel keyring (keyutils), which forgets
// everything at logout or reboot: the data key, and so every secret, would be lost. Pin the
// Secret Service so that case fails instead, and the key file takes over with a visible warning.
function defaultEntry(service: string, account: string): KeyringEntryLike {
  const options =
    process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : {};
  return new AsyncEntry(service, account, options);
}

/** The keyring account for a data dir: stable per folder, without spelling out the path. */
export function keyringAccountFor(dataDir: string): string {
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return `data-key-${digest}`;
}

function keyringLabel(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (GNOME Keyring, KWallet)';
}

const KEYRING_HINT =
  'Make sure your OS keyring is running and unlocked (on Linux: a Secret Service such as GNOME ' +
  'Keyring in your desktop session), then restart Grantline.';

async function withTimeout<T>(
  ms: number,
  what: string,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AppError('storage', `The OS keyring did not answer within ${ms} ms (${what}).`));
    }, ms);
  });
  try {
    // The native call runs off the main thread, so a hung keyring cannot block the event loop.
    return await Promise.race([Promise.resolve().then(() => call(controller.signal)), timeout]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('storage', `The OS keyring is not available (${what}: ${detail}).`, {
      hint: KEYRING_HINT,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the data key in the OS keyring (service "Grantline", one account per data dir). */
export class KeyringProtector implements KeyProtector {
  readonly info: SecretProtection;
  readonly account: string;
  readonly #timeoutMs: number;
  readonly #createEntry: (service: string, account: string) => KeyringEntryLike;
  #key: Buffer | undefined;

  constructor(dataDir: string, options: KeyringProtectorOptions = {}) {
    this.account = keyringAccountFor(dataDir);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#createEntry = options.createEntry ?? defaultEntry;
    this.info = { backend: 'os-keyring', label: keyringLabel(), secure: true };
  }

  /** Read the key from the keyring, or store a fresh one there and read it back. */
  async loadOrCreateKey(): Promise<Buffer> {
    if (this.#key) return Buffer.from(this.#key);
    const where = `the keyring entry ${KEYRING_SERVICE}/${this.account}`;
    const entry = await withTimeout(this.#timeoutMs, 'open', async () =>
      this.#createEntry(KEYRING_SERVICE, this.account),
    );
    let stored = await withTimeout(this.#timeoutMs, 'read', (signal) => entry.getPassword(signal));
    if (stored === null) {
      const fresh = generateDataKey().toString('base64');
      await withTimeout(this.#timeoutMs, 'write', (signal) => entry.setPassword(fresh, signal));
      // Use what the keyring kept, not what we sent: another process may have won the race.
      stored = await withTimeout(this.#timeoutMs, 'verify', (signal) => entry.getPassword(signal));
      if (stored === null) {
        throw new AppError('storage', 'The OS keyring did not keep the data key.', {
          hint: KEYRING_HINT,
        });
      }
    }
    this.#key = decodeDataKey(stored, where);
    return Buffer.from(this.#key);
  }
}

/** Stands in when the secrets were sealed with a keyring key that cannot be reached right now. */
class UnreachableKeyringProtector implements KeyProtector {
  readonly info: SecretProtection;

  constructor(
    dataDir: string,
    readonly reason: AppError,
  ) {
    this.info = {
      backend: 'os-keyring',
      label: `${keyringLabel()} (not reachable)`,
      secure: true,
      warning:
        `The secrets in ${dataDir} are protected by the OS keyring, which is not reachable, so ` +
        'they cannot be used or changed until it is.',
    };
  }

  async loadOrCreateKey(): Promise<Buffer> {
    throw new AppError('storage', this.reason.message, {
      hint:
        `${KEYRING_HINT} If this data folder used a key file (${KEY_FILE_NAME}) instead, that ` +
        'file is missing: put it back from a backup. To start over without these secrets, move ' +
        'secrets.json out of the data folder.',
    });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pick how browser mode and the CLI protect the data key: an existing key file is kept; otherwise
 * the OS keyring when it answers; otherwise a new key file (with its visible warning). Never makes
 * a new key while secrets sealed by an unreachable keyring key exist.
 */
export async function chooseBrowserModeProtector(
  dataDir: string,
  options: KeyringProtectorOptions = {},
): Promise<KeyProtector> {
  const keyFile = new KeyFileProtector(dataDir);
  if (await exists(keyFile.keyPath)) return keyFile;
  const stored = await storedSecretsSummary(dataDir);
  // Sealed with a key file that is gone: neither the keyring nor a new key file can open them.
  if (stored?.protection === 'key-file') return new MissingKeyFileProtector(dataDir, stored.count);
  const keyring = new KeyringProtector(dataDir, options);
  try {
    await keyring.loadOrCreateKey();
    return keyring;
  } catch (error) {
    const reason =
      error instanceof AppError ? error : new AppError('storage', 'The OS keyring failed.');
    if (stored !== undefined) return new UnreachableKeyringProtector(dataDir, reason);
    return keyFile;
  }
}
