import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

// Our temp files carry the writer's pid, so a later start can tell a dead writer's leftover
// (kill -9, power cut) from a write still in progress in another process sharing the data dir.
const OWN_TEMP = /^\.tmp-(\d+)-[0-9a-f]{12}$/;
// The temp files of `atomically` (used by electron-store) carry no pid, only a timestamp.
const ATOMICALLY_TEMP = /^\.tmp-\d{10}[0-9a-f]{6}$/;
// atomically gives up on a write after 7.5 s; a temp file this old has no writer any more.
const ATOMICALLY_STALE_MS = 10 * 60 * 1000;

/** The private temp path a write of `file` goes through: `<file>.tmp-<pid>-<random>`. */
export function tempPathFor(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** True when `name` (a directory entry) is a temp file of a write of `file`. */
export function isTempOf(file: string, name: string): boolean {
  const base = basename(file);
  if (!name.startsWith(base)) return false;
  const rest = name.slice(base.length);
  return OWN_TEMP.test(rest) || ATOMICALLY_TEMP.test(rest);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncDirectorySync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replace `file` atomically and synchronously: write a private temp file beside it, fsync, rename
 * over the target. Readers see the old or the new content; on any failure (full disk, read-only
 * folder) the temp file is removed and the old content stays. No retries: a full disk should be
 * reported at once, not after a second of spinning.
 */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, mode: number): void {
  const temp = tempPathFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let done = 0; done < bytes.length;) {
      done += writeSync(fd, bytes, done, bytes.length - done);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created (read-only folder) or already gone.
    }
    throw error;
  }
  syncDirectorySync(dirname(file));
}

/**
 * Remove temp files of `file` left behind by writers that died mid-write. Returns the paths removed.
 * Best effort: a folder that cannot be listed or written is left as it is.
 */
export function sweepOrphanTemps(file: string, now: number = Date.now()): string[] {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isTempOf(file, name)) continue;
    const rest = name.slice(basename(file).length);
    const pid = OWN_TEMP.exec(rest)?.[1];
    const path = join(dir, name);
    try {
      const orphan =
        pid !== undefined
          ? Number(pid) !== process.pid && !processIsAlive(Number(pid))
          : now - statSync(path).mtimeMs > ATOMICALLY_STALE_MS;
      if (!orphan) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or the folder is read-only: nothing to do.
    }
  }
  return removed;
}
