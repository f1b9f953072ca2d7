import { existsSync, renameSync } from 'node:fs';
import { link, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EventPayload } from '#shared/ipc/contract.js';
import { tempPathFor } from './temp-files.js';

/** Something the app should tell the user about its stored data (e.g. a file moved aside). */
export interface StorageNotice {
  /** Same levels as the `app:notice` event, so a notice can be forwarded as is. */
  level: EventPayload<'app:notice'>['level'];
  code:
    | 'corrupt-file-moved'
    | 'migrated'
    | 'records-dropped'
    | 'newer-version'
    | 'read-only'
    | 'secrets-unreadable';
  /** Plain words for the user. Names files, never contains a secret. */
  message: string;
  /** The file the notice is about. */
  file: string;
  /** Where the old content went (corrupt copy or backup), when something was kept aside. */
  keptAt?: string;
  /** ISO timestamp. */
  at: string;
}

/** File mode for everything the app writes into its data dir: readable by the owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Directory mode for a data dir the app creates. */
export const PRIVATE_DIR_MODE = 0o700;

/** A filename-safe UTC timestamp (no colons, so it also works on Windows). */
export function fileTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Rename `file` to `<file>.corrupt-<timestamp>` (or another tag) so its content is kept for the
 * user to inspect instead of being overwritten. Returns the new path.
 */
export function moveAside(file: string, tag = 'corrupt'): string {
  const base = `${file}.${tag}-${fileTimestamp()}`;
  let target = base;
  // Two corrupt reads in the same millisecond must not overwrite the first copy.
  for (let n = 1; existsSync(target); n += 1) target = `${base}-${n}`;
  renameSync(file, target);
  return target;
}

/** Where a damaged or newer file went: `keptAt`, or why it could not be moved (it stays in place). */
export type SetAside =
  { keptAt: string; failure?: undefined } | { keptAt?: undefined; failure: unknown };

/**
 * moveAside that does not throw: on a read-only or full disk the file simply stays where it is,
 * and the caller must then not write over it.
 */
export function setAside(file: string, tag: string): SetAside {
  try {
    return { keptAt: moveAside(file, tag) };
  } catch (failure) {
    return { failure };
  }
}

async function writeAndSync(path: string, data: Uint8Array | string, mode: number): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle?.close();
  }
}

/** Make a completed rename durable across a power cut; directories cannot be fsynced on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Replace `file` atomically: write a private temp file beside it, fsync, rename over the target.
 * Readers see the old or the new content, never a half-written file; the temp file never outlives
 * the call.
 */
export async function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  mode: number = PRIVATE_FILE_MODE,
): Promise<void> {
  const temp = tempPathFor(file);
  try {
    await writeAndSync(temp, data, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(file));
}

/**
 * Create `file` with `data` only if it does not exist yet, atomically (temp file + hard link, so
 * another process never sees it half-written and two creators cannot overwrite each other).
 * Returns false when the file already existed; the caller then reads the existing one.
 */
export async function createFileExclusive(
  file: string,
  data: Uint8Array | string,
  mode: number = PRIVATE_FILE_MODE,
): Promise<boolean> {
  const temp = tempPathFor(file);
  try {
    await writeAndSync(temp, data, mode);
    try {
      await link(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // File systems without hard links (FAT, some network mounts): exclusive create directly.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') {
        throw error;
      }
      try {
        await writeAndSync(file, data, mode);
      } catch (fallbackError) {
        if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw fallbackError;
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
  await syncDirectory(dirname(file));
  return true;
}
