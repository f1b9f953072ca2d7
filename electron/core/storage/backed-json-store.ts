import { AppError } from '../../../shared/errors.js';
import type { JsonBackendFactory, JsonStore, JsonStoreOptions } from './json-store.js';
import {
  describeIssues,
  fromStored,
  loadJsonDocument,
  toStored,
  validateDocument,
} from './json-store-loader.js';
import { PRIVATE_FILE_MODE, type StorageNotice } from './safe-files.js';

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
 * Build a JsonStore on a conf-compatible backend. The file is checked, migrated or moved aside
 * before the backend opens it, because conf throws (or silently clears) on a bad file.
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

  const loaded = loadJsonDocument(options, defaults);
  report(loaded.notices);
  const backend = openBackend({
    dir: options.dir,
    name: options.name,
    fileMode: PRIVATE_FILE_MODE,
  });

  const persist = (document: T): T => {
    try {
      backend.store = toStored(document, options.version);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'write failed';
      throw new AppError('storage', `Could not save ${options.name}.json (${code}).`, {
        hint: `Check the free disk space and the permissions of ${options.dir}.`,
        cause: error,
      });
    }
    return document;
  };
  if (loaded.dirty) persist(loaded.document);

  // Slow path, for a file that changed under us (edited by hand, written by another process).
  const recover = (): T => {
    const again = loadJsonDocument(options, defaults);
    report(again.notices);
    if (again.dirty) persist(again.document);
    return again.document;
  };

  const read = (): T => {
    let raw: unknown;
    try {
      raw = backend.store;
    } catch {
      return recover();
    }
    const stored = fromStored(raw);
    if (stored.ok && stored.version === options.version) {
      const validated = validateDocument(options, stored.body);
      if (validated.ok) return validated.value;
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
    path: backend.path,
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
