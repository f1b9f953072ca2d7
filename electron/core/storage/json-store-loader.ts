import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import type { JsonStoreOptions } from './json-store.js';
import {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  corruptFileNotice,
  moveAside,
  type StorageNotice,
} from './safe-files.js';

/** conf reserves this top-level key for its own bookkeeping; we keep the schema version there. */
export const INTERNAL_KEY = '__internal__';

/** The result of bringing a document file into a usable state. */
export interface LoadedDocument<T> {
  document: T;
  /** True when the file must be (re)written: new, migrated, moved aside or normalised. */
  dirty: boolean;
  notices: StorageNotice[];
}

type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Path of the document file, as conf names it (`<dir>/<name>.json`). */
export function jsonStorePath(dir: string, name: string): string {
  return join(dir, `${name}.json`);
}

/** The document as written to disk: the body plus the schema version under conf's internal key. */
export function toStored(document: object, version: number): Record<string, unknown> {
  return { ...document, [INTERNAL_KEY]: { schemaVersion: version } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Separate the stored schema version from the document body; files without one count as 1. */
export function fromStored(
  raw: unknown,
): { ok: true; version: number; body: Record<string, unknown> } | { ok: false; reason: string } {
  if (!isPlainObject(raw)) return { ok: false, reason: 'it is not a JSON object' };
  const { [INTERNAL_KEY]: internal, ...body } = raw;
  const version = isPlainObject(internal) ? internal.schemaVersion : undefined;
  if (version === undefined) return { ok: true, version: 1, body };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, reason: 'its schema version is not a positive integer' };
  }
  return { ok: true, version, body };
}

/** Fill missing top-level keys from the defaults, then parse with the schema. */
export function validateDocument<T extends object>(
  options: JsonStoreOptions<T>,
  body: object,
): Validation<T> {
  const result = options.schema.safeParse({ ...options.defaults, ...body });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: describeIssues(result.error.issues) };
}

/** A short, value-free summary of schema issues ("connections.0.url: Invalid URL"). */
export function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  const shown = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function migrate<T extends object>(
  options: JsonStoreOptions<T>,
  file: string,
  from: number,
  body: Record<string, unknown>,
): { body: Record<string, unknown>; backup: string } {
  const steps: number[] = [];
  for (let n = from + 1; n <= options.version; n += 1) steps.push(n);
  const missing = steps.find((n) => typeof options.migrations?.[n] !== 'function');
  if (missing !== undefined) {
    throw new AppError('internal', `No migration to version ${missing} of ${options.name}.json.`);
  }
  // Keep the pre-migration file before anything runs, so a bad migration loses nothing.
  const backup = `${file}.bak-v${from}`;
  copyFileSync(file, backup);
  chmodSync(backup, PRIVATE_FILE_MODE);
  let current = structuredClone(body);
  for (const n of steps) {
    try {
      current = options.migrations![n]!(current);
    } catch (error) {
      throw new AppError(
        'storage',
        `Could not upgrade ${options.name}.json from version ${n - 1} to ${n}.`,
        {
          hint: `The file was left unchanged; a copy is also kept at ${basename(backup)}.`,
          cause: error,
        },
      );
    }
  }
  return { body: current, backup };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Bring the document file into a usable state before conf opens it: run pending migrations (with a
 * `.bak-v<old>` copy first), and move an unreadable or invalid file aside instead of dropping it.
 */
export function loadJsonDocument<T extends object>(
  options: JsonStoreOptions<T>,
  defaults: T,
): LoadedDocument<T> {
  const file = jsonStorePath(options.dir, options.name);
  mkdirSync(options.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const notices: StorageNotice[] = [];
  const startOver = (reason: string): LoadedDocument<T> => {
    notices.push(corruptFileNotice(file, moveAside(file), reason));
    return { document: structuredClone(defaults), dirty: true, notices };
  };

  const text = readText(file);
  if (text === undefined) return { document: structuredClone(defaults), dirty: true, notices };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return startOver('it is not valid JSON');
  }
  const stored = fromStored(raw);
  if (!stored.ok) return startOver(stored.reason);
  if (stored.version > options.version) {
    throw new AppError(
      'storage',
      `${options.name}.json was written by a newer version of Grantline (schema ${stored.version}; ` +
        `this version understands up to ${options.version}).`,
      { hint: `Update Grantline, or move ${file} away to start with a fresh one.` },
    );
  }

  let body = stored.body;
  let migrated = false;
  if (stored.version < options.version) {
    const result = migrate(options, file, stored.version, body);
    body = result.body;
    migrated = true;
    notices.push({
      level: 'info',
      code: 'migrated',
      message:
        `${options.name}.json was upgraded from version ${stored.version} to ${options.version}; ` +
        `the previous file was kept as ${basename(result.backup)}.`,
      file,
      keptAt: result.backup,
      at: new Date().toISOString(),
    });
  }

  const validated = validateDocument(options, body);
  if (!validated.ok) {
    return startOver(
      migrated
        ? `after the upgrade it does not match the expected format: ${validated.reason}`
        : `it does not match the expected format: ${validated.reason}`,
    );
  }
  // Rewrite when defaults filled a gap, the schema normalised a value, or the version was missing.
  const normalised =
    JSON.stringify(toStored(validated.value, options.version)) !== JSON.stringify(raw);
  return { document: validated.value, dirty: migrated || normalised, notices };
}
