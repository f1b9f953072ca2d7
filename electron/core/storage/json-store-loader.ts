import { chmodSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '#shared/errors.js';
import type { JsonStoreOptions } from './json-store.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, setAside, type StorageNotice } from './safe-files.js';
import { describeWriteFailure, errorCode, isUnwritable } from './storage-errors.js';
import {
  newerVersionNotice,
  recordsDroppedNotice,
  unreadableFileNotice,
  unwritableNotice,
} from './storage-notices.js';
import { sweepOrphanTemps, writeFileAtomicSync } from './temp-files.js';

/** conf reserves this top-level key for its own bookkeeping; we keep the schema version there. */
const INTERNAL_KEY = '__internal__';

/** The result of bringing a document file into a usable state. */
export interface LoadedDocument<T> {
  document: T;
  /** True when the file must be (re)written: new, migrated, moved aside or normalised. */
  dirty: boolean;
  notices: StorageNotice[];
  /**
   * Set when the file on disk must not be written over in this session (it is damaged or newer
   * and could not be moved aside): why, for the error a save then gets.
   */
  locked?: string;
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

/** Run the numbered migrations from `from` up to the current version on a copy of `body`. */
function migrate<T extends object>(
  options: JsonStoreOptions<T>,
  from: number,
  body: Record<string, unknown>,
  backupName: string,
): Record<string, unknown> {
  const steps: number[] = [];
  for (let n = from + 1; n <= options.version; n += 1) steps.push(n);
  const missing = steps.find((n) => typeof options.migrations?.[n] !== 'function');
  if (missing !== undefined) {
    throw new AppError('internal', `No migration to version ${missing} of ${options.name}.json.`);
  }
  let current = structuredClone(body);
  for (const n of steps) {
    try {
      current = options.migrations![n]!(current);
    } catch (error) {
      throw new AppError(
        'storage',
        `Could not upgrade ${options.name}.json from version ${n - 1} to ${n}.`,
        {
          hint: `The file was left unchanged; a copy is also kept at ${backupName}.`,
          cause: error,
        },
      );
    }
  }
  return current;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The body as this version understands it: valid as is, else its readable records, else empty. */
function understand<T extends object>(
  options: JsonStoreOptions<T>,
  defaults: T,
  body: Record<string, unknown>,
): { document: T; lost: string[]; reason?: string } {
  const validated = validateDocument(options, body);
  if (validated.ok) return { document: validated.value, lost: [] };
  if (options.salvage) {
    const salvaged = options.salvage(body);
    const again = validateDocument(options, salvaged.body);
    if (again.ok && salvaged.lost.length > 0) {
      return { document: again.value, lost: salvaged.lost };
    }
  }
  return { document: structuredClone(defaults), lost: [], reason: validated.reason };
}

/**
 * Bring the document file into a usable state before conf opens it: run pending migrations (with a
 * `.bak-v<old>` copy first), keep the readable records of a damaged file, set a newer version's
 * file aside, and move an unreadable file aside instead of dropping it. Never throws for a damaged,
 * newer or unwritable file: the app must start and say what happened.
 */
export function loadJsonDocument<T extends object>(
  options: JsonStoreOptions<T>,
  defaults: T,
): LoadedDocument<T> {
  const file = jsonStorePath(options.dir, options.name);
  const notices: StorageNotice[] = [];
  try {
    mkdirSync(options.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    if (!isUnwritable(error)) throw error;
  }
  sweepOrphanTemps(file);
  const fresh = (): T => structuredClone(defaults);
  // Move the file aside (tagged) and continue with `document`; if it cannot move, never write it.
  const aside = (
    tag: string,
    document: T,
    describe: (kept: ReturnType<typeof setAside>) => StorageNotice,
  ): LoadedDocument<T> => {
    const kept = setAside(file, tag);
    notices.push(describe(kept));
    if (kept.keptAt !== undefined) return { document, dirty: true, notices };
    return {
      document,
      dirty: false,
      notices,
      locked: `${options.name}.json needs attention and could not be moved aside (${describeWriteFailure(kept.failure)})`,
    };
  };
  const startOver = (reason: string): LoadedDocument<T> =>
    aside('corrupt', fresh(), (kept) => unreadableFileNotice(file, kept, reason));

  let text: string | undefined;
  try {
    text = readText(file);
  } catch (error) {
    // Unreadable (permissions): start empty in memory and leave the file alone.
    const reason = `reading it failed with ${errorCode(error) ?? 'an error'}`;
    notices.push(unreadableFileNotice(file, { failure: error }, reason));
    return {
      document: fresh(),
      dirty: false,
      notices,
      locked: `${options.name}.json cannot be read`,
    };
  }
  if (text === undefined) return { document: fresh(), dirty: true, notices };
  // Editors on Windows save UTF-8 with a byte order mark; it is not damage. The file is rewritten
  // without it (same content otherwise) before the file backend, which would refuse it, reads it.
  let bomLocked: string | undefined;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    try {
      writeFileAtomicSync(file, text, PRIVATE_FILE_MODE);
    } catch (error) {
      if (!isUnwritable(error)) throw error;
      bomLocked = `${options.name}.json starts with a byte order mark and could not be rewritten without it (${describeWriteFailure(error)})`;
      notices.push(unwritableNotice(options.dir, error));
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return startOver('it is not valid JSON');
  }
  const stored = fromStored(raw);
  if (!stored.ok) return startOver(stored.reason);

  if (stored.version > options.version) {
    const understood = understand(options, defaults, stored.body);
    const lost = understood.reason ? [`everything (${understood.reason})`] : understood.lost;
    const versions = { found: stored.version, supported: options.version };
    return aside(`newer-v${stored.version}`, understood.document, (kept) =>
      newerVersionNotice(file, kept, versions, lost),
    );
  }

  let body = stored.body;
  let migrated = false;
  let locked: string | undefined;
  if (stored.version < options.version) {
    // Keep the pre-migration file before anything runs, so a bad migration loses nothing.
    const backup = `${file}.bak-v${stored.version}`;
    try {
      copyFileSync(file, backup);
      chmodSync(backup, PRIVATE_FILE_MODE);
    } catch (error) {
      if (!isUnwritable(error)) throw error;
      // No backup possible: use the upgraded document in memory, leave the old file as it is.
      locked = `${options.name}.json could not be upgraded on disk (${describeWriteFailure(error)})`;
      notices.push(unwritableNotice(options.dir, error));
    }
    body = migrate(options, stored.version, body, basename(backup));
    migrated = true;
    if (locked === undefined) {
      notices.push({
        level: 'info',
        code: 'migrated',
        message:
          `${options.name}.json was upgraded from version ${stored.version} to ${options.version}; ` +
          `the previous file was kept as ${basename(backup)}.`,
        file,
        keptAt: backup,
        at: new Date().toISOString(),
      });
    }
  }

  const understood = understand(options, defaults, body);
  if (understood.reason !== undefined) {
    return startOver(
      migrated
        ? `after the upgrade it does not match the expected format: ${understood.reason}`
        : `it does not match the expected format: ${understood.reason}`,
    );
  }
  if (understood.lost.length > 0) {
    return aside('corrupt', understood.document, (kept) =>
      recordsDroppedNotice(file, kept, understood.lost),
    );
  }
  if (locked !== undefined) return { document: understood.document, dirty: false, notices, locked };
  // Rewrite when defaults filled a gap, the schema normalised a value, or the version was missing.
  const normalised =
    JSON.stringify(toStored(understood.document, options.version)) !== JSON.stringify(raw);
  if (bomLocked !== undefined) {
    return { document: understood.document, dirty: false, notices, locked: bomLocked };
  }
  return { document: understood.document, dirty: migrated || normalised, notices };
}
