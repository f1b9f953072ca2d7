import { basename } from 'node:path';
import { watch } from 'chokidar';
import type { Workspace } from './workspace.js';

/** One path that changed on disk, relative to the workspace root. */
export interface WorkspaceChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
}

export interface WorkspaceWatcher {
  close(): Promise<void>;
}

/** Quiet time after the last event before changes are reported (a `git pull` touches many). */
const DEFAULT_DEBOUNCE_MS = 200;

const CHANGE_OF = {
  add: 'added',
  addDir: 'added',
  change: 'changed',
  unlink: 'removed',
  unlinkDir: 'removed',
} as const;

/**
 * Watch a workspace folder for edits made outside the app (an editor, `git pull`) and report them
 * in batches. chokidar is used rather than fs.watch: it watches subfolders on every platform
 * (recursive fs.watch is missing on some Linux Node versions and reports renames as bare names),
 * follows folders created later, and reports an editor's save-by-rename as one change. The
 * app's own writes are left out: a path whose content is exactly what the app last wrote there
 * is not reported. Resolves once the initial scan is done, so no edit after it is missed.
 */
export async function watchWorkspace(
  workspace: Workspace,
  onChange: (changes: WorkspaceChange[]) => void,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): Promise<WorkspaceWatcher> {
  const pending = new Map<string, WorkspaceChange['change']>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const watcher = watch(workspace.root, {
    ignoreInitial: true,
    atomic: true,
    // Git's own folder, editors' hidden files and the temp files of atomic writes.
    ignored: (path) => {
      const name = basename(path);
      return path !== workspace.root && (name.startsWith('.') || name.includes('.tmp-'));
    },
  });

  const flush = async (): Promise<void> => {
    timer = undefined;
    const batch = [...pending];
    pending.clear();
    const changes: WorkspaceChange[] = [];
    for (const [file, change] of batch) {
      const path = workspace.relative(file);
      if (path === undefined || (await workspace.isOwnWrite(file))) continue;
      // A file the app wrote a moment ago and that was then edited outside was not added by
      // that edit: it changed.
      const known = change === 'added' && workspace.wroteExisting(file);
      changes.push({ path, change: known ? 'changed' : change });
    }
    if (changes.length > 0 && !closed) onChange(changes);
  };

  watcher.on('all', (event, file) => {
    if (!(event in CHANGE_OF)) return;
    const change = CHANGE_OF[event as keyof typeof CHANGE_OF];
    // Within one batch: added then changed is an addition; removed then added is a change.
    const before = pending.get(file);
    let merged: WorkspaceChange['change'] = change;
    if (before === 'added' && change === 'changed') merged = 'added';
    if (before === 'removed' && change === 'added') merged = 'changed';
    pending.set(file, merged);
    clearTimeout(timer);
    timer = setTimeout(() => {
      flush().catch((error: unknown) => options.onError?.(error));
    }, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  });
  watcher.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
