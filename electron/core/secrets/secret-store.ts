import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { SecretProtection } from '../../../shared/ipc.js';
import {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  corruptFileNotice,
  moveAside,
  writeFileAtomic,
  type StorageNotice,
} from '../storage/safe-files.js';
import { SECRETS_FILE_NAME, type KeyProtector } from './key-protector.js';
import { openSecret, sealSecret, type OpenFailure } from './secret-envelope.js';

const FILE_FORMAT = 'grantline-secrets';
const FILE_VERSION = 1;
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const MAX_SECRET_LENGTH = 64 * 1024;

/** How to open the secret store of one data dir. */
export interface SecretStoreOptions {
  dataDir: string;
  protector: KeyProtector;
  /** Called once per notice as it happens, e.g. to forward it as an `app:notice` event. */
  onNotice?: (notice: StorageNotice) => void;
}

type Records = Map<string, unknown>;
type Parsed = { ok: true; records: Records; version: number } | { ok: false; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSecretsFile(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  if (!isPlainObject(raw) || raw.format !== FILE_FORMAT || !isPlainObject(raw.secrets)) {
    return { ok: false, reason: 'it is not a Grantline secrets file' };
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    return { ok: false, reason: 'its format version is invalid' };
  }
  // A Map keeps ids like "__proto__" as plain data; records stay opaque until someone asks for one.
  return { ok: true, records: new Map(Object.entries(raw.secrets)), version: raw.version };
}

/** True when the data dir holds at least one stored secret (used before choosing a new key). */
export async function hasStoredSecrets(dataDir: string): Promise<boolean> {
  try {
    const parsed = parseSecretsFile(await readFile(join(dataDir, SECRETS_FILE_NAME), 'utf8'));
    return parsed.ok && parsed.records.size > 0;
  } catch {
    return false;
  }
}

function checkId(id: string): void {
  if (!SECRET_ID.test(id)) {
    throw new AppError('validation', 'Invalid secret id.', {
      hint: 'Use 1-200 letters, digits, ".", "_", ":" or "-".',
    });
  }
}

/**
 * Encrypted storage for client secrets, in `<dataDir>/secrets.json` apart from the settings. Each
 * secret is its own AES-256-GCM envelope under the protector's data key, so one damaged record
 * never costs the others. Main-process only: the renderer may set, delete and ask `has`, never get.
 */
export class SecretStore {
  /** Path of secrets.json. */
  readonly file: string;
  readonly #dataDir: string;
  readonly #protector: KeyProtector;
  readonly #onNotice: ((notice: StorageNotice) => void) | undefined;
  readonly #notices: StorageNotice[] = [];
  #key: Promise<Buffer> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SecretStoreOptions) {
    this.#dataDir = options.dataDir;
    this.#protector = options.protector;
    this.#onNotice = options.onNotice;
    this.file = join(options.dataDir, SECRETS_FILE_NAME);
  }

  /** How the data key is protected, for the settings screen. */
  get protection(): SecretProtection {
    return this.#protector.info;
  }

  /** Files moved aside and similar events since the store was created (oldest first). */
  get notices(): readonly StorageNotice[] {
    return [...this.#notices];
  }

  /** Store or replace a secret. */
  async set(id: string, value: string): Promise<void> {
    checkId(id);
    if (value.length === 0 || value.length > MAX_SECRET_LENGTH) {
      throw new AppError('validation', 'A secret must be between 1 and 65536 characters long.');
    }
    const key = await this.#dataKey();
    await this.#serial(async () => {
      const records = await this.#load();
      records.set(id, sealSecret(key, id, value));
      await this.#save(records);
    });
  }

  /** Whether a secret is stored under `id` (no decryption, no key needed). */
  async has(id: string): Promise<boolean> {
    checkId(id);
    return this.#serial(async () => (await this.#load()).has(id));
  }

  /** Remove a secret; false when there was none. */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    return this.#serial(async () => {
      const records = await this.#load();
      if (!records.delete(id)) return false;
      await this.#save(records);
      return true;
    });
  }

  /** The plaintext secret. Main process only: never send the result to the renderer. */
  async get(id: string): Promise<string> {
    const value = await this.find(id);
    if (value === undefined) {
      throw new AppError('not_found', `No secret is stored under "${id}".`, {
        hint: 'Enter the client secret for this connection.',
      });
    }
    return value;
  }

  /** The plaintext, or undefined when nothing is stored under `id` (one read of the file). */
  async find(id: string): Promise<string | undefined> {
    checkId(id);
    const stored = await this.#serial(async () => (await this.#load()).get(id));
    if (stored === undefined) return undefined;
    const opened = openSecret(await this.#dataKey(), id, stored);
    if (opened.ok) return opened.value;
    throw this.#openError(id, opened.reason);
  }

  /** Ids of all stored secrets, sorted. */
  async ids(): Promise<string[]> {
    return this.#serial(async () => [...(await this.#load()).keys()].sort());
  }

  // Every read-modify-write runs one at a time, so parallel set() calls never lose each other.
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #dataKey(): Promise<Buffer> {
    // Forget a failed attempt so a retry (e.g. after unlocking the keyring) can succeed.
    this.#key ??= this.#protector.loadOrCreateKey().catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    return this.#key;
  }

  #report(notice: StorageNotice): void {
    this.#notices.push(notice);
    this.#onNotice?.(notice);
  }

  // Read from disk every time: the CLI and the app may share a data dir.
  async #load(): Promise<Records> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new Map();
      throw new AppError('storage', `Could not read ${SECRETS_FILE_NAME} (${code ?? 'error'}).`, {
        hint: `Check the permissions of ${this.#dataDir}.`,
      });
    }
    const parsed = parseSecretsFile(text);
    if (!parsed.ok) {
      this.#report(corruptFileNotice(this.file, moveAside(this.file), parsed.reason));
      return new Map();
    }
    if (parsed.version > FILE_VERSION) {
      throw new AppError(
        'storage',
        `${SECRETS_FILE_NAME} was written by a newer version of Grantline.`,
        { hint: 'Update Grantline to use these secrets; the file was left untouched.' },
      );
    }
    return parsed.records;
  }

  async #save(records: Records): Promise<void> {
    const body = {
      format: FILE_FORMAT,
      version: FILE_VERSION,
      secrets: Object.fromEntries(records),
    };
    try {
      await mkdir(this.#dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, PRIVATE_FILE_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new AppError('storage', `Could not save ${SECRETS_FILE_NAME} (${code}).`, {
        hint: `Check the free disk space and the permissions of ${this.#dataDir}.`,
      });
    }
  }

  #openError(id: string, reason: OpenFailure): AppError {
    if (reason === 'other-key') {
      return new AppError(
        'storage',
        `The secret "${id}" was encrypted with a different data key and cannot be read.`,
        {
          hint:
            `The key now protecting this data folder (${this.#protector.info.label}) is not the ` +
            'one it was saved with: it may have been replaced, or its keyring entry removed. ' +
            'Restore the original key, or enter the secret again. Other secrets are not affected.',
        },
      );
    }
    const what = reason === 'integrity' ? 'failed its integrity check' : 'is damaged';
    return new AppError('storage', `The stored secret "${id}" ${what} and cannot be read.`, {
      hint: 'The record was modified or damaged. Enter the secret again to replace it; other secrets are not affected.',
    });
  }
}
