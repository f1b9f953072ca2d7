import { basename } from 'node:path';
import { AppError } from '#shared/errors.js';

interface WriteFailure {
  /** Why the write failed, in words a user can act on. */
  cause: string;
  hint: (dir: string) => string;
}

const noPermission: WriteFailure = {
  cause: 'Grantline has no permission to write in its data folder',
  hint: (dir) =>
    `Give your user write permission on ${dir} (for example chmod u+w), or start Grantline ` +
    'with another data folder (--data-dir).',
};

// The errno codes that mean "this folder cannot take writes right now", as opposed to a bug.
const FAILURES: Readonly<Record<string, WriteFailure>> = {
  EROFS: {
    cause: 'the data folder is on a read-only file system',
    hint: (dir) =>
      `Remount the disk holding ${dir} read-write, or start Grantline with a writable data ` +
      'folder (--data-dir).',
  },
  EACCES: noPermission,
  EPERM: noPermission,
  ENOSPC: {
    cause: 'the disk is full',
    hint: (dir) => `Free some space on the disk that holds ${dir}, then try again.`,
  },
  EDQUOT: {
    cause: 'your disk quota is used up',
    hint: (dir) => `Free some space within your quota on the disk that holds ${dir}.`,
  },
  EFBIG: {
    cause: 'the file would exceed the file size limit of this process',
    hint: () => 'Raise the file size limit for Grantline (ulimit -f), then try again.',
  },
};

/** The errno code of a file-system error (`EROFS`, `ENOSPC`, …), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a write failed because the data folder cannot take writes (read-only, full, …). */
export function isUnwritable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && code in FAILURES;
}

/** "the disk is full (ENOSPC)": the cause of a failed write, for messages and notices. */
export function describeWriteFailure(error: unknown): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : FAILURES[code];
  if (known) return `${known.cause} (${code})`;
  return code ? `the write failed (${code})` : 'the write failed';
}

/** What to do about a failed write. */
export function writeFailureHint(error: unknown, dir: string): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : FAILURES[code];
  return known
    ? known.hint(dir)
    : `Check the free disk space and the permissions of ${dir}, then try again.`;
}

/**
 * The AppError('storage') for a save that failed. The message names the file and the cause and
 * says the previous content is unchanged, which the atomic writes guarantee.
 */
export function storageWriteError(file: string, dir: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  return new AppError(
    'storage',
    `Could not save ${basename(file)}: ${describeWriteFailure(error)}. ` +
      'The previously saved version is unchanged.',
    { hint: writeFailureHint(error, dir), details: { code: code ?? 'unknown' }, cause: error },
  );
}
