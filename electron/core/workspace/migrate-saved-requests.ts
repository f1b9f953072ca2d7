import { constants } from 'node:fs';
import { copyFile, readdir } from 'node:fs/promises';
import type { SavedRequest } from '#shared/requests/schemas.js';
import { FILE_EXTENSION, WORKSPACE_FILE } from '#shared/workspace/schemas.js';
import type { RequestStore } from '../requests/request-store.js';
import type { Workspace } from './workspace.js';

/** What a migration did. */
interface MigrationReport {
  migrated: number;
  /** Requests already in the workspace (an earlier, interrupted run). */
  skipped: number;
  /** The copy of the original store, or null when there was nothing to move. */
  backup: string | null;
}

/** The copy of the saved-requests file kept beside it when they move into the workspace. */
export const BACKUP_SUFFIX = '.pre-workspace.json';

/**
 * Copy the saved requests of the old per-connection store into the root of a workspace, one file
 * each. The store itself is left as it was and a copy of its file is kept beside it; a request
 * whose name is taken gets " (2)", " (3)"…; a request already there with the same connection,
 * name and draft (from a run that was interrupted) is not written twice.
 */
export async function migrateSavedRequests(
  workspace: Workspace,
  store: Pick<RequestStore, 'allSaved' | 'requestsFile'>,
): Promise<MigrationReport> {
  const saved = store.allSaved();
  if (saved.length === 0) return { migrated: 0, skipped: 0, backup: null };
  const backup = store.requestsFile.replace(/\.json$/, '') + BACKUP_SUFFIX;
  try {
    await copyFile(store.requestsFile, backup, constants.COPYFILE_EXCL);
  } catch (error) {
    // An earlier run kept the original already; that copy is the one worth keeping.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const existing = await rootRequests(workspace);
  const names = new Set(existing.map((r) => r.name.toLowerCase()));
  const done = existing.map((r) => ({ ...r, key: identity(r.connection, r.draft) }));
  let migrated = 0;
  let skipped = 0;
  for (const request of saved) {
    const key = identity(request.connectionId, request.draft);
    const at = done.findIndex((r) => r.key === key && sameOrSuffixed(r.name, request.name));
    if (at !== -1) {
      done.splice(at, 1);
      skipped += 1;
      continue;
    }
    let name = request.name;
    for (let n = 2; names.has(name.toLowerCase()); n += 1) name = `${request.name} (${n})`;
    names.add(name.toLowerCase());
    await workspace.saveRequest({
      folder: '',
      name,
      connectionId: request.connectionId,
      draft: request.draft,
    });
    migrated += 1;
  }
  return { migrated, skipped, backup };
}

function identity(connectionId: string, draft: SavedRequest['draft']): string {
  return JSON.stringify([connectionId, draft]);
}

/** `name`, or `name (n)` as a collision made it. */
function sameOrSuffixed(written: string, name: string): boolean {
  return (
    written === name || (written.startsWith(name) && /^ \(\d+\)$/.test(written.slice(name.length)))
  );
}

async function rootRequests(workspace: Workspace) {
  const files = (await readdir(workspace.root)).filter(
    (name) => name.endsWith(FILE_EXTENSION) && name !== WORKSPACE_FILE && !name.startsWith('_'),
  );
  const out = [];
  for (const file of files) {
    try {
      out.push(await workspace.readRequest(file));
    } catch {
      // A damaged file is reported by the tree; here it only cannot match.
    }
  }
  return out;
}
