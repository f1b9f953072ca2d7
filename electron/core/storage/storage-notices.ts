import { basename } from 'node:path';
import type { SetAside, StorageNotice } from './safe-files.js';
import { describeWriteFailure, writeFailureHint } from './storage-errors.js';

const SHOWN = 8;

/** `a, b, c and 4 more`: a list short enough for a banner. */
export function listForUser(items: readonly string[]): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return items.length > SHOWN ? `${shown} and ${items.length - SHOWN} more` : shown;
}

/** What happened to the original file, as the last sentence of a notice. */
function asideSentence(aside: SetAside): string {
  if (aside.keptAt !== undefined) {
    return `The original file was kept as ${basename(aside.keptAt)}; nothing was deleted.`;
  }
  return (
    `It could not be moved aside (${describeWriteFailure(aside.failure)}), so it was left ` +
    'untouched and Grantline will not save over it until it is restarted with a writable data folder.'
  );
}

function notice(
  code: StorageNotice['code'],
  file: string,
  aside: SetAside,
  message: string,
): StorageNotice {
  return {
    level: 'warning',
    code,
    message,
    file,
    ...(aside.keptAt !== undefined ? { keptAt: aside.keptAt } : {}),
    at: new Date().toISOString(),
  };
}

/** A file that could not be read at all: this version starts it afresh. */
export function unreadableFileNotice(
  file: string,
  aside: SetAside,
  reason: string,
  consequence = '',
): StorageNotice {
  return notice(
    'corrupt-file-moved',
    file,
    aside,
    `${basename(file)} could not be read (${reason}), so Grantline started with an empty one. ` +
      `${consequence}${asideSentence(aside)}`,
  );
}

/** A file whose damaged records were left out while every readable record was kept. */
export function recordsDroppedNotice(
  file: string,
  aside: SetAside,
  lost: readonly string[],
): StorageNotice {
  const count = lost.length === 1 ? '1 record' : `${lost.length} records`;
  return notice(
    'records-dropped',
    file,
    aside,
    `${basename(file)} was damaged: ${count} could not be read and ${lost.length === 1 ? 'was' : 'were'} ` +
      `left out (${listForUser(lost)}). Everything else in it was kept. ${asideSentence(aside)}`,
  );
}

/** A file written by a newer Grantline: this version uses what it understands of it. */
export function newerVersionNotice(
  file: string,
  aside: SetAside,
  versions: { found: number; supported: number },
  lost: readonly string[],
): StorageNotice {
  const name = basename(file);
  const unread = lost.length > 0 ? ` It could not read: ${listForUser(lost)}.` : '';
  const where =
    aside.keptAt !== undefined
      ? `The newer file was kept unchanged as ${basename(aside.keptAt)}; changes made in this ` +
        `version go to a new ${name}. To get everything back, update Grantline and rename that ` +
        `copy to ${name}.`
      : asideSentence(aside);
  return notice(
    'newer-version',
    file,
    aside,
    `${name} was written by a newer version of Grantline (file format ${versions.found}; this ` +
      `version reads up to ${versions.supported}). Grantline loaded what it understands.${unread} ` +
      where,
  );
}

/**
 * The data folder cannot take writes (read-only, full, no permission). One wording per folder and
 * cause, so the same problem found by several stores is one banner.
 */
export function unwritableNotice(dir: string, error: unknown): StorageNotice {
  return {
    level: 'error',
    code: 'read-only',
    message:
      `Grantline cannot save to its data folder ${dir}: ${describeWriteFailure(error)}. What is ` +
      `stored was loaded, but changes cannot be saved until this is fixed. ${writeFailureHint(error, dir)}`,
    file: dir,
    at: new Date().toISOString(),
  };
}

/**
 * The notice for stored secrets that cannot be opened at all (the key file is damaged or was
 * replaced, the keyring entry is gone or locked): said at start, not at the first token fetch.
 * Nothing is changed on disk, so restoring the original key brings every secret back.
 */
export function secretsUnreadableNotice(
  file: string,
  reason: string,
  hint?: string,
): StorageNotice {
  return {
    level: 'error',
    code: 'secrets-unreadable',
    message:
      `The stored secrets cannot be opened: ${reason} Nothing was changed or deleted.` +
      (hint === undefined ? '' : ` ${hint}`),
    file,
    at: new Date().toISOString(),
  };
}
