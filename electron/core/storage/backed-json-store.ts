import { statSync } from 'node:fs';
import { AppError } from '#shared/errors.js';
import type { JsonBackend, JsonBackendFactory, JsonStore, JsonStoreOptions } from './json-store.js';
import {
  describeIssues,
  fromStored,
  jsonStorePath,
  loadJsonDocument,
  toStored,
  validateDocument,
  type LoadedDocument,
} from './json-store-loader.js';
import { PRIVATE_FILE_MODE, type StorageNotice } from './safe-files.js';
import { isUnwritable, storageWriteError } from './storage-errors.js';
import { unwritableNotice } from './storage-notices.js';

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkOptions<T extends object>(options: JsonStoreOptions<T>): T {
  if (!SAFE_NAME.test(options.name)) {
    throw new AppError('internal', `Invalid store name "${options.name}".`);
  }
  if (!Number.isInteger(options.version) || options.version < 1) {
    throw new AppError('internal', `The schema version of ${options.name}.json must be >= 1.`);
  }
  const defaults = options.schema.safeParse(options.defaults);
  if (!defaults.success) {
    throw new AppError(
      'internal',
      `The defaults of ${options.name}.json fail its schema: ${describeIssues(defaults.error.issues)}`,
    );
  }
  return defaults.data;
}

/**
 * Build a JsonStore on a conf-compatible backend. The file is checked, migrated, salvaged or moved
 * aside before the backend reads it, because conf throws (or silently clears) on a bad file.
 */
export function createJsonStore<T extends object>(
  options: JsonStoreOptions<T>,
  openBackend: JsonBackendFactory,
): JsonStore<T> {
  const defaults = checkOptions(options);
  const notices: StorageNotice[] = [];
  const report = (list: readonly StorageNotice[]): void => {
    for (const notice of list) {
      notices.push(notice);
      options.onNotice?.(notice);
    }
  };

  // Before the backend opens: conf reads the file in its constructor and throws on bad JSON.
  const first = loadJsonDocument(options, defaults);
  const path = jsonStorePath(options.dir, options.name);
  // Opened on first use: a damaged file that could not be moved aside is never handed to conf.
  let opened: JsonBackend | undefined;
  const backend = (): JsonBackend =>
    (opened ??= openBackend({ dir: options.dir, name: options.name, fileMode: PRIVATE_FILE_MODE }));
  // Set while the file on disk must not be written over (damaged or newer, could not be moved).
  let locked: string | undefined;
  // The document in memory while the disk cannot hold it (read-only folder, full disk).
  let pinned: T | undefined;

  // The last document read and validated, with the file's identity when it was read. The file is
  // re-read and re-validated only when it changed (a write, another process, an edit by hand):
  // a token fetch looks its connection up on every cache miss (bench B1).
  let cached: { signature: string; document: T } | undefined;
  const signature = (): string | undefined => {
    try {
      const s = statSync(path, { bigint: true });
      return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    } catch {
      return undefined;
    }
  };

  const persist = (document: T): T => {
    if (locked !== undefined) {
      throw new AppError('storage', `Not saved: ${locked}.`, {
        hint: `Fix the data folder ${options.dir} (see the notice at start-up), then restart Grantline.`,
      });
    }
    cached = undefined;
    try {
      backend().store = toStored(document, options.version);
    } catch (error) {
      throw storageWriteError(path, options.dir, error);
    }
    pinned = undefined;
    return document;
  };

  // Take a freshly loaded document: write it if needed, or keep it in memory when that fails.
  const adopt = (loaded: LoadedDocument<T>): T => {
    report(loaded.notices);
    if (loaded.locked !== undefined) {
      locked = loaded.locked;
      pinned = loaded.document;
    } else if (loaded.dirty) {
      try {
        persist(loaded.document);
      } catch (error) {
        const cause = error instanceof AppError ? error.cause : error;
        // Start-up must survive a folder it cannot write; anything else is a real bug.
        if (!isUnwritable(cause)) throw error;
        pinned = loaded.document;
        report([unwritableNotice(options.dir, cause)]);
      }
    }
    return loaded.document;
  };
  adopt(first);

  // Slow path, for a file that changed under us (edited by hand, written by another process).
  const recover = (): T => adopt(loadJsonDocument(options, defaults));

  const read = (): T => {
    if (pinned !== undefined) return structuredClone(pinned);
    const before = signature();
    if (before !== undefined && cached?.signature === before) {
      return structuredClone(cached.document);
    }
    cached = undefined;
    let raw: unknown;
    try {
      raw = backend().store;
    } catch {
      return recover();
    }
    const stored = fromStored(raw);
    if (stored.ok && stored.version === options.version) {
      const validated = validateDocument(options, stored.body);
      if (validated.ok) {
        // Kept only when the file did not change while it was read.
        if (before !== undefined && signature() === before) {
          cached = { signature: before, document: structuredClone(validated.value) };
        }
        return validated.value;
      }
    }
    return recover();
  };

  const write = (document: T): T => {
    const result = options.schema.safeParse(document);
    if (!result.success) {
      throw new AppError(
        'validation',
        `Not saved: ${options.name} is invalid (${describeIssues(result.error.issues)}).`,
        {
          details: {
            issues: result.error.issues.map((issue) => ({
              path: issue.path.map(String).join('.'),
              message: issue.message,
            })),
          },
        },
      );
    }
    return persist(result.data);
  };

  return {
    path,
    version: options.version,
    get notices(): readonly StorageNotice[] {
      return [...notices];
    },
    read,
    write,
    update: (change) => write(change(read())),
    get: (key) => read()[key],
    set: (key, value) => write({ ...read(), [key]: value }),
    reset: () => persist(structuredClone(defaults)),
  };
}
