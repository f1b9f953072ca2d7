import type { ZodType } from 'zod';
import type { Salvager } from './salvage.js';
import type { StorageNotice } from './safe-files.js';

export type { StorageNotice } from './safe-files.js';

/**
 * Upgrades a stored document by one schema version. Receives the document as it was stored at
 * version `n - 1` (without bookkeeping keys) and returns it in the shape of version `n`.
 */
export type JsonMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/** How to open one JSON document file (`<dir>/<name>.json`). */
export interface JsonStoreOptions<T extends object> {
  /** Folder of the file; created 0700 when missing. */
  dir: string;
  /** File name without `.json`, e.g. `settings` or `connections`. */
  name: string;
  /** Validates every read and every write. Its output type is the document type. */
  schema: ZodType<T>;
  /** The document for a new or reset store; also fills top-level keys a stored file lacks. */
  defaults: T;
  /** Current schema version, an integer from 1. Files without a recorded version count as 1. */
  version: number;
  /** `migrations[n]` turns a version `n - 1` document into version `n`; one per step up to `version`. */
  migrations?: Readonly<Record<number, JsonMigration>>;
  /**
   * Keeps the readable records of a file that fails the schema (and of a file from a newer
   * version), instead of starting the whole document afresh. Without it such a file starts over.
   */
  salvage?: Salvager;
  /** Called once per notice as it happens, e.g. to forward it as an `app:notice` event. */
  onNotice?: (notice: StorageNotice) => void;
}

/**
 * A typed, validated JSON document on disk (settings, connections). The rest of the app depends on
 * this interface only; conf (browser mode, CLI) and electron-store (Electron) implement it with the
 * same on-disk format.
 */
export interface JsonStore<T extends object> {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** Schema version the file is kept at. */
  readonly version: number;
  /** Everything noteworthy that happened to the file since it was opened (oldest first). */
  readonly notices: readonly StorageNotice[];
  /**
   * The current document, validated. A file that became unreadable is moved aside, not dropped;
   * when the data folder cannot be written, the last document loaded is kept in memory.
   */
  read(): T;
  /**
   * Validate and replace the whole document atomically. Throws AppError('validation') when it is
   * invalid and AppError('storage') naming the cause when the disk refuses it (file unchanged).
   */
  write(document: T): T;
  /** Read, change and write in one step; `change` may return a new object or the mutated one. */
  update(change: (current: T) => T): T;
  /** One top-level field of the document. */
  get<K extends keyof T>(key: K): T[K];
  /** Replace one top-level field (validated like `write`). */
  set<K extends keyof T>(key: K, value: T[K]): T;
  /** Replace the document with the defaults. */
  reset(): T;
}

/**
 * The part of conf / electron-store a JsonStore is built on: the file path and the whole-document
 * `store` property (read parses the file, assignment writes it atomically).
 */
export interface JsonBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Creates the backend once the file on disk is known to be valid JSON (or absent). */
export type JsonBackendFactory = (init: {
  dir: string;
  name: string;
  fileMode: number;
}) => JsonBackend;
