import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '#shared/errors.js';
import type { SecretProtection } from '#shared/ipc/contract.js';
import {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  setAside,
  writeFileAtomic,
  type SetAside,
  type StorageNotice,
} from '../storage/safe-files.js';
import {
  describeWriteFailure,
  isUnwritable,
  storageWriteError,
} from '../storage/storage-errors.js';
import {
  listForUser,
  newerVersionNotice,
  recordsDroppedNotice,
  unreadableFileNotice,
  unwritableNotice,
} from '../storage/storage-notices.js';
import { sweepOrphanTemps } from '../storage/temp-files.js';
import {
  KEY_FILE_NAME,
  SAFE_STORAGE_KEY_FILE_NAME,
  SECRETS_FILE_NAME,
  type KeyProtector,
} from './key-protector.js';
import { openSecret, sealSecret, type OpenFailure } from './secret-envelope.js';
import {
  SECRETS_FILE_VERSION,
  nameSecrets,
  parseSecretsFile,
  serializeSecrets,
  sortRecords,
  type SecretRecords,
} from './secrets-file.js';
const SECRET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const MAX_SECRET_LENGTH = 64 * 1024;

/** How to open the secret store of one data dir. */
export interface SecretStoreOptions {
  dataDir: string;
  protector: KeyProtector;
  /** Called once per notice as it happens, e.g. to forward it as an `app:notice` event. */
  onNotice?: (notice: StorageNotice) => void;
  /**
   * Names of the secrets that connections reference (`the client secret of "Acme"`), so a notice
   * about lost records can say which connections now lack their secret.
   */
  secretLabels?: () => ReadonlyMap<string, string>;
}

type Records = SecretRecords;

/** True when the data dir holds at least one stored secret (used before choosing a new key). */
export async function hasStoredSecrets(dataDir: string): Promise<boolean> {
  return (await storedSecretsSummary(dataDir)) !== undefined;
}

/**
 * How many secrets secrets.json holds and which key backend sealed them (when the file says);
 * undefined when there are none or the file cannot be read. Opens no record.
 */
export async function storedSecretsSummary(
  dataDir: string,
): Promise<{ count: number; protection: string | undefined } | undefined> {
  try {
    const parsed = parseSecretsFile(await readFile(join(dataDir, SECRETS_FILE_NAME), 'utf8'));
    if (!parsed.ok || parsed.records.size === 0) return undefined;
    return { count: parsed.records.size, protection: parsed.protection };
  } catch {
    return undefined;
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
  readonly #secretLabels: () => ReadonlyMap<string, string>;
  readonly #notices: StorageNotice[] = [];
  // Records recovered from a file that could not be cleaned up on disk (read-only or full), by
  // the file text they came from (undefined: no file), so the problem is reported once, not on
  // every read.
  #held: { text: string | undefined; records: Records } | undefined;
  // Set while secrets.json must not be written over (damaged or newer, could not be moved aside).
  #locked: string | undefined;
  #key: Promise<Buffer> | undefined;
  // The last clean file read, by its text: an unchanged file is not parsed again (bench B1).
  #parsed: { text: string; records: Records } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SecretStoreOptions) {
    this.#dataDir = options.dataDir;
    this.#protector = options.protector;
    this.#onNotice = options.onNotice;
    this.#secretLabels = options.secretLabels ?? (() => new Map());
    this.file = join(options.dataDir, SECRETS_FILE_NAME);
    // Leftovers of writers killed mid-write; the key files are created through temp files too.
    for (const name of [SECRETS_FILE_NAME, KEY_FILE_NAME, SAFE_STORAGE_KEY_FILE_NAME]) {
      sweepOrphanTemps(join(options.dataDir, name));
    }
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
      // A key file that cannot be created on a read-only or full disk: say so, not "internal".
      if (isUnwritable(error) && !(error instanceof AppError)) {
        throw storageWriteError(join(this.#dataDir, KEY_FILE_NAME), this.#dataDir, error);
      }
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
    let text: string | undefined;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        throw new AppError('storage', `Could not read ${SECRETS_FILE_NAME} (${code ?? 'error'}).`, {
          hint: `Check the permissions of ${this.#dataDir}.`,
        });
      }
    }
    if (this.#held !== undefined && this.#held.text === text) return new Map(this.#held.records);
    if (text === undefined) return new Map();
    if (this.#parsed?.text === text) return new Map(this.#parsed.records);
    const parsed = parseSecretsFile(text);
    if (!parsed.ok) {
      const missing = nameSecrets([...this.#labels().keys()], this.#labels());
      const consequence =
        missing.length > 0
          ? `These secrets are now missing and must be entered again: ${listForUser(missing)}. `
          : '';
      return this.#setAside(text, 'corrupt', new Map(), (kept) =>
        unreadableFileNotice(this.file, kept, parsed.reason, consequence),
      );
    }
    const { kept, lost } = sortRecords(parsed.records);
    const lostNames = nameSecrets(lost, this.#labels());
    if (parsed.version > SECRETS_FILE_VERSION) {
      const versions = { found: parsed.version, supported: SECRETS_FILE_VERSION };
      return this.#setAside(text, `newer-v${parsed.version}`, kept, (aside) =>
        newerVersionNotice(this.file, aside, versions, lostNames),
      );
    }
    if (lost.length === 0) {
      this.#parsed = { text, records: new Map(parsed.records) };
      return parsed.records;
    }
    return this.#setAside(text, 'corrupt', kept, (aside) =>
      recordsDroppedNotice(this.file, aside, lostNames),
    );
  }

  #labels(): ReadonlyMap<string, string> {
    try {
      return this.#secretLabels();
    } catch {
      return new Map();
    }
  }

  // Keep the original file aside (never deleted) and go on with the records this version can use.
  async #setAside(
    text: string,
    tag: string,
    records: Records,
    describe: (aside: SetAside) => StorageNotice,
  ): Promise<Records> {
    const aside = setAside(this.file, tag);
    this.#report(describe(aside));
    if (aside.keptAt === undefined) {
      this.#locked =
        `${SECRETS_FILE_NAME} needs attention and could not be moved aside ` +
        `(${describeWriteFailure(aside.failure)})`;
      this.#held = { text, records };
      return new Map(records);
    }
    if (records.size > 0) {
      try {
        await this.#save(records);
      } catch (error) {
        // The original is safe aside; keep the recovered records in memory until a save works.
        this.#held = { text: undefined, records };
        const cause = error instanceof AppError ? error.cause : error;
        if (isUnwritable(cause)) this.#report(unwritableNotice(this.#dataDir, cause));
      }
    }
    return new Map(records);
  }

  async #save(records: Records): Promise<void> {
    if (this.#locked !== undefined) {
      throw new AppError('storage', `Not saved: ${this.#locked}.`, {
        hint: `Fix the data folder ${this.#dataDir} (see the notice at start-up), then restart Grantline.`,
      });
    }
    try {
      await mkdir(this.#dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
      await writeFileAtomic(
        this.file,
        serializeSecrets(records, this.#protector.info.backend),
        PRIVATE_FILE_MODE,
      );
    } catch (error) {
      throw storageWriteError(this.file, this.#dataDir, error);
    }
    this.#held = undefined;
  }

  #openError(id: string, reason: OpenFailure): AppError {
    // The user knows "the client secret of connection "Acme"", not a reference id.
    const [name = `secret ${id}`] = nameSecrets([id], this.#labels());
    const what = name.charAt(0).toUpperCase() + name.slice(1);
    if (reason === 'other-key') {
      return new AppError(
        'storage',
        `${what} was encrypted with a different data key and cannot be read.`,
        {
          hint:
            `The key now protecting this data folder (${this.#protector.info.label}) is not the ` +
            'one it was saved with: it may have been replaced, or its keyring entry removed. ' +
            'Restore the original key, or enter the secret again. Other secrets are not affected.',
          details: { secretProblem: reason },
        },
      );
    }
    const problem = reason === 'integrity' ? 'failed its integrity check' : 'is damaged';
    return new AppError('storage', `${what} ${problem} and cannot be read.`, {
      hint: 'The record was modified or damaged. Enter the secret again to replace it; other secrets are not affected.',
      details: { secretProblem: reason },
    });
  }
}
