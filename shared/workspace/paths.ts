import { z } from 'zod';
import { ENVIRONMENTS_DIR, FILE_EXTENSION, FOLDER_FILE, WORKSPACE_FILE } from './schemas.js';

/**
 * Paths inside a workspace, as the window names them: relative to the root, `/`-separated, each
 * segment a name every file system accepts (no `..`, no drive letter, no character Windows
 * refuses), so a workspace written on one system opens on the others.
 */

// Control characters are refused too (checked apart: the lint rule forbids them in a regex).
const SEGMENT = /^(?!\.{1,2}$)(?! )[^/\\:*?"<>|]{1,120}(?<![ .])$/;
const hasControl = (text: string): boolean =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function segmentsProblem(path: string): string | undefined {
  if (path.length > 1_000) return 'The path is too long.';
  const segments = path.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || RESERVED.test(segment) || hasControl(segment)) {
      return `"${segment.slice(0, 60)}" cannot be a file or folder name in a workspace.`;
    }
  }
  if (segments[0] === ENVIRONMENTS_DIR) return 'The environments folder holds environments only.';
  return undefined;
}

/** A folder inside the workspace; `''` is the root. */
export const folderPathSchema = z
  .string()
  .max(1_000)
  .superRefine((path, ctx) => {
    if (path === '') return;
    const problem = segmentsProblem(path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A request file inside the workspace, e.g. `billing/list-invoices.yaml`. */
export const requestPathSchema = z
  .string()
  .min(1)
  .max(1_000)
  .superRefine((path, ctx) => {
    const problem =
      segmentsProblem(path) ??
      (!path.endsWith(FILE_EXTENSION)
        ? `A request file ends with ${FILE_EXTENSION}.`
        : undefined) ??
      (isReservedFile(path) ? 'This name is kept for the workspace’s own files.' : undefined);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

function isReservedFile(path: string): boolean {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file === FOLDER_FILE || (path === file && file === WORKSPACE_FILE);
}

/** `List invoices (EU)` → `list-invoices-eu`: a request's file name stem from its name. */
function fileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem === '' || RESERVED.test(stem) ? 'request' : stem;
}

/** Join a folder (`''` for the root) and a name. */
export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** The folder part of a path (`''` at the root). */
export function parentPath(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/** A path for a request named `name` in `folder` that is not in `taken`: `-2`, `-3`… on collision. */
export function freeRequestPath(folder: string, name: string, taken: ReadonlySet<string>): string {
  const stem = fileStem(name);
  let candidate = joinPath(folder, `${stem}${FILE_EXTENSION}`);
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
    candidate = joinPath(folder, `${stem}-${n}${FILE_EXTENSION}`);
  }
  return candidate;
}
