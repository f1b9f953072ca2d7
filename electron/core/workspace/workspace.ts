import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '#shared/errors.js';
import { redactDraft } from '#shared/redaction.js';
import type { RequestDraft } from '#shared/requests/schemas.js';
import { freeRequestPath, joinPath, parentPath } from '#shared/workspace/paths.js';
import {
  ENVIRONMENTS_DIR,
  environmentFileSchema,
  FILE_EXTENSION,
  FOLDER_FILE,
  folderFileSchema,
  requestFileSchema,
  WORKSPACE_FILE,
  WORKSPACE_FORMAT,
  workspaceFileSchema,
  type EnvironmentFile,
  type EnvironmentSummary,
  type RequestFile,
  type WorkspaceNode,
  type WorkspaceProblem,
} from '#shared/workspace/schemas.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { createFileExclusive, writeFileAtomic } from '../storage/safe-files.js';
import { parseWorkspaceFile, serializeWorkspaceFile } from './workspace-format.js';

/** Workspace files are meant for git and colleagues: they hold no secret, so others may read. */
const WORKSPACE_FILE_MODE = 0o644;

/** The name of a workspace the app creates. */
const DEFAULT_WORKSPACE_NAME = 'My workspace';

/** A request file as the window sees it. */
interface WorkspaceRequest extends RequestFile {
  path: string;
}

/** The tree and the files that could not be read. */
interface WorkspaceTree {
  root: string;
  name: string;
  tree: WorkspaceNode[];
  problems: WorkspaceProblem[];
}

/**
 * One workspace folder on disk (see shared/workspace/schemas.ts for its files). Every write is
 * atomic and recorded, so the watcher can tell the app's own writes from edits made outside.
 * Secret variables' values go to the secret store under an id derived from the folder, the
 * environment and the name; the files keep only the name and the flag.
 */
export class Workspace {
  /** Content hash of each file this app wrote last (null: deleted), by absolute path. */
  private readonly ownWrites = new Map<string, string | null>();

  constructor(
    readonly root: string,
    private readonly secrets: Pick<SecretStore, 'set' | 'delete' | 'has' | 'find'>,
  ) {}

  /** Create the folder and its workspace file when missing; answer the workspace's name. */
  async ensure(defaultName: string = DEFAULT_WORKSPACE_NAME): Promise<string> {
    await mkdir(this.root, { recursive: true });
    const file = join(this.root, WORKSPACE_FILE);
    const text = serializeWorkspaceFile(workspaceFileSchema, {
      name: defaultName,
      format: WORKSPACE_FORMAT,
    });
    if (await createFileExclusive(file, text, WORKSPACE_FILE_MODE)) {
      this.ownWrites.set(file, hash(text));
      return defaultName;
    }
    const parsed = parseWorkspaceFile(
      workspaceFileSchema,
      WORKSPACE_FILE,
      await readFile(file, 'utf8'),
    );
    if (!parsed.ok) {
      const { line, message } = parsed.problem;
      throw new AppError(
        'validation',
        `${WORKSPACE_FILE} could not be read (line ${line}): ${message}`,
        {
          hint: 'Fix the file in an editor, or choose another folder.',
        },
      );
    }
    return parsed.value.name;
  }

  /** The collections tree; a damaged file is listed in `problems` and the others still load. */
  async tree(): Promise<WorkspaceTree> {
    const name = await this.ensure();
    const problems: WorkspaceProblem[] = [];
    const tree = await this.readFolder('', problems);
    return { root: this.root, name, tree, problems };
  }

  private async readFolder(folder: string, problems: WorkspaceProblem[]): Promise<WorkspaceNode[]> {
    const entries = await readdir(this.abs(folder), { withFileTypes: true });
    let order: string[] = [];
    const nodes: WorkspaceNode[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = joinPath(folder, entry.name);
      if (entry.name.startsWith('.') || entry.name.includes('.tmp-')) continue;
      if (entry.isDirectory()) {
        if (folder === '' && entry.name === ENVIRONMENTS_DIR) continue;
        const meta = await this.readFolderFile(path, problems);
        nodes.push({
          kind: 'folder',
          path,
          name: entry.name,
          description: meta.description,
          children: await this.readFolder(path, problems),
        });
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith(FILE_EXTENSION)) continue;
      if (folder === '' && entry.name === WORKSPACE_FILE) continue;
      if (entry.name === FOLDER_FILE) {
        order = (await this.readFolderFile(folder, problems)).order;
        continue;
      }
      const parsed = parseWorkspaceFile(
        requestFileSchema,
        path,
        await readFile(this.abs(path), 'utf8'),
      );
      if (!parsed.ok) {
        problems.push(parsed.problem);
        continue;
      }
      const { name, connection, draft } = parsed.value;
      nodes.push({ kind: 'request', path, name, connectionId: connection, method: draft.method });
    }
    const rank = (node: WorkspaceNode): number => {
      const at = order.indexOf(node.path.slice(node.path.lastIndexOf('/') + 1));
      return at === -1 ? order.length : at;
    };
    return nodes.sort((a, b) => rank(a) - rank(b));
  }

  private async readFolderFile(folder: string, problems: WorkspaceProblem[]) {
    const path = joinPath(folder, FOLDER_FILE);
    const text = await readOptional(this.abs(path));
    if (text === undefined) return folderFileSchema.parse({});
    const parsed = parseWorkspaceFile(folderFileSchema, path, text);
    if (parsed.ok) return parsed.value;
    if (!problems.some((p) => p.path === path)) problems.push(parsed.problem);
    return folderFileSchema.parse({});
  }

  /** One request file. */
  async readRequest(path: string): Promise<WorkspaceRequest> {
    const text = await readOptional(this.abs(path));
    if (text === undefined) throw notFound(path);
    const parsed = parseWorkspaceFile(requestFileSchema, path, text);
    if (!parsed.ok) {
      const { line, column, message } = parsed.problem;
      throw new AppError(
        'validation',
        `${path} could not be read (line ${line}, column ${column}): ${message}`,
        {
          hint: 'Fix the file in an editor; the workspace picks the change up by itself.',
          details: { path, line, column },
        },
      );
    }
    return { path, ...parsed.value };
  }

  /**
   * Save a request: over `path` when given (it must exist), else as a new file named after the
   * request in `folder`. The draft is scrubbed of credentials before it is written.
   */
  async saveRequest(input: {
    path?: string | undefined;
    folder: string;
    name: string;
    connectionId: string;
    draft: RequestDraft;
  }): Promise<WorkspaceRequest> {
    let path = input.path;
    let operation: RequestFile['operation'];
    if (path !== undefined) {
      if ((await readOptional(this.abs(path))) === undefined) throw notFound(path);
      // An imported request keeps the operation it came from when it is saved over.
      operation = (await this.readRequest(path).catch(() => undefined))?.operation;
    } else {
      await this.requireFolder(input.folder);
      path = freeRequestPath(input.folder, input.name, await this.namesIn(input.folder));
    }
    const file: RequestFile = {
      name: input.name.trim(),
      connection: input.connectionId,
      draft: redactDraft(input.draft),
      ...(operation !== undefined ? { operation } : {}),
    };
    await this.write(path, serializeWorkspaceFile(requestFileSchema, file));
    return { path, ...file };
  }

  /**
   * Write a collection made elsewhere (an import): a folder that did not exist, its folders'
   * descriptions, one file per request at the paths given (drafts scrubbed like any save) and
   * extra files such as the stored API document. Files are written a few at a time.
   */
  async writeCollection(input: {
    folders: { path: string; description: string; order?: string[] }[];
    requests: { path: string; file: RequestFile }[];
    files: { path: string; text: string }[];
  }): Promise<void> {
    for (const folder of input.folders) {
      await mkdir(this.abs(folder.path), { recursive: true });
      if (folder.description !== '' || (folder.order?.length ?? 0) > 0) {
        const meta = { description: folder.description, order: folder.order ?? [] };
        await this.write(
          joinPath(folder.path, FOLDER_FILE),
          serializeWorkspaceFile(folderFileSchema, meta),
        );
      }
    }
    const jobs: (() => Promise<void>)[] = [
      ...input.files.map((f) => () => this.write(f.path, f.text)),
      ...input.requests.map(
        ({ path, file }) =>
          () =>
            this.write(
              path,
              serializeWorkspaceFile(requestFileSchema, {
                ...file,
                draft: redactDraft(file.draft),
              }),
            ),
      ),
    ];
    const workers = Array.from({ length: Math.min(16, jobs.length) }, async () => {
      for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) await job();
    });
    await Promise.all(workers);
  }

  /**
   * A folder path in `parent` named `name` (a valid folder name) that does not exist yet: `-2`,
   * `-3`… are added if it is taken.
   */
  async freeFolder(parent: string, name: string): Promise<string> {
    await this.requireFolder(parent);
    const taken = await this.namesIn(parent);
    const stem = name;
    let candidate = joinPath(parent, stem);
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
      candidate = joinPath(parent, `${stem}-${n}`);
    }
    return candidate;
  }

  /** A text file of the workspace (e.g. a stored API document); undefined when missing. */
  async readText(path: string): Promise<string | undefined> {
    return readOptional(this.abs(path));
  }

  /** Rename a request: its name in the file and its file name. */
  async renameRequest(path: string, name: string): Promise<WorkspaceRequest> {
    const current = await this.readRequest(path);
    const folder = parentPath(path);
    const taken = await this.namesIn(folder);
    taken.delete(path.toLowerCase());
    const target = freeRequestPath(folder, name, taken);
    const file: RequestFile = { ...current, name: name.trim() };
    await this.write(target, serializeWorkspaceFile(requestFileSchema, { ...file }));
    if (target !== path) await this.remove(path);
    return { ...file, path: target };
  }

  /** Move a request into another folder (its file name gets a suffix if taken there). */
  async moveRequest(path: string, folder: string): Promise<WorkspaceRequest> {
    const current = await this.readRequest(path);
    if (parentPath(path) === folder) return current;
    await this.requireFolder(folder);
    const target = freeRequestPath(folder, current.name, await this.namesIn(folder));
    const text = await readFile(this.abs(path), 'utf8');
    await this.write(target, text);
    await this.remove(path);
    return { ...current, path: target };
  }

  async deleteRequest(path: string): Promise<void> {
    if ((await readOptional(this.abs(path))) === undefined) throw notFound(path);
    await this.remove(path);
  }

  /** Create a folder (and its parents); an existing folder is fine. */
  async createFolder(path: string): Promise<void> {
    await mkdir(this.abs(path), { recursive: true });
  }

  /** Every environment, by key; a damaged file is listed in `problems` and the others load. */
  async environments(): Promise<{
    environments: EnvironmentSummary[];
    problems: WorkspaceProblem[];
  }> {
    const problems: WorkspaceProblem[] = [];
    const environments: EnvironmentSummary[] = [];
    let names: string[] = [];
    try {
      names = (await readdir(this.abs(ENVIRONMENTS_DIR))).filter(
        (n) => n.endsWith(FILE_EXTENSION) && !n.includes('.tmp-'),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names.sort()) {
      const key = name.slice(0, -FILE_EXTENSION.length);
      const path = `${ENVIRONMENTS_DIR}/${name}`;
      const parsed = parseWorkspaceFile(
        environmentFileSchema,
        path,
        await readFile(this.abs(path), 'utf8'),
      );
      if (!parsed.ok) {
        problems.push(parsed.problem);
        continue;
      }
      environments.push(await this.summary(key, parsed.value));
    }
    return { environments, problems };
  }

  /** One environment's file; not found when missing, a validation error when damaged. */
  async environment(key: string): Promise<EnvironmentFile> {
    const path = environmentPath(key);
    const text = await readOptional(this.abs(path));
    if (text === undefined) {
      throw new AppError('not_found', `There is no environment "${key}" in this workspace.`, {
        hint: 'Pick another environment, or create this one.',
      });
    }
    const parsed = parseWorkspaceFile(environmentFileSchema, path, text);
    if (!parsed.ok) {
      const { line, column, message } = parsed.problem;
      throw new AppError(
        'validation',
        `${path} could not be read (line ${line}, column ${column}): ${message}`,
        {
          hint: 'Fix the environment file in an editor, then try again.',
          details: { path, line, column },
        },
      );
    }
    return parsed.value;
  }

  /** Write an environment (secret variables keep only their name and flag). */
  async saveEnvironment(key: string, environment: EnvironmentFile): Promise<EnvironmentSummary> {
    await mkdir(this.abs(ENVIRONMENTS_DIR), { recursive: true });
    const file = environmentFileSchema.parse(environment);
    await this.write(environmentPath(key), serializeWorkspaceFile(environmentFileSchema, file));
    // A variable that is no longer secret (or gone) must not leave its value behind.
    const secretNames = new Set(file.variables.filter((v) => v.secret).map((v) => v.name));
    for (const id of await this.secretIdsOf(key)) {
      if (!secretNames.has(id.name)) await this.secrets.delete(id.id);
    }
    return this.summary(key, file);
  }

  /** Delete an environment and the values of its secret variables. */
  async deleteEnvironment(key: string): Promise<void> {
    const file = await this.environment(key);
    for (const v of file.variables) {
      if (v.secret) await this.secrets.delete(this.secretId(key, v.name));
    }
    await this.remove(environmentPath(key));
  }

  /** Store a secret variable's value (write-only: nothing reads it back to the window). */
  async setSecret(key: string, name: string, value: string): Promise<void> {
    const variable = (await this.environment(key)).variables.find((v) => v.name === name);
    if (variable === undefined || !variable.secret) {
      throw new AppError(
        'not_found',
        `The environment "${key}" has no secret variable "${name}".`,
        {
          hint: 'Mark the variable as secret in the environment and save it, then set its value.',
        },
      );
    }
    await this.secrets.set(this.secretId(key, name), value);
  }

  /** Forget a secret variable's value; false when none was stored. */
  async clearSecret(key: string, name: string): Promise<boolean> {
    return this.secrets.delete(this.secretId(key, name));
  }

  /** The values of an environment's secret variables, by name (main only, at send time). */
  async secretValues(key: string, environment: EnvironmentFile): Promise<Map<string, string>> {
    const values = new Map<string, string>();
    for (const v of environment.variables) {
      if (!v.secret || !v.enabled) continue;
      const value = await this.secrets.find(this.secretId(key, v.name));
      if (value !== undefined) values.set(v.name, value);
    }
    return values;
  }

  /**
   * True when the file at `absolutePath` is as this app last wrote it (or deleted it): the
   * watcher then knows the change is the app's own.
   */
  async isOwnWrite(absolutePath: string): Promise<boolean> {
    if (!this.ownWrites.has(absolutePath)) return false;
    const expected = this.ownWrites.get(absolutePath);
    const text = await readOptional(absolutePath);
    return expected === null ? text === undefined : text !== undefined && hash(text) === expected;
  }

  /** True when the app's last write of `absolutePath` left a file there (not a deletion). */
  wroteExisting(absolutePath: string): boolean {
    const last = this.ownWrites.get(absolutePath);
    return last !== undefined && last !== null;
  }

  /** `abs` turned back into a workspace path (`/`-separated), or undefined when outside. */
  relative(absolutePath: string): string | undefined {
    const rel = relative(this.root, absolutePath);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  }

  private async summary(key: string, file: EnvironmentFile): Promise<EnvironmentSummary> {
    const variables = [];
    for (const v of file.variables) {
      variables.push({
        name: v.name,
        ...(v.secret ? {} : { value: v.value ?? '' }),
        secret: v.secret,
        enabled: v.enabled,
        hasValue: v.secret
          ? await this.secrets.has(this.secretId(key, v.name))
          : v.value !== undefined,
      });
    }
    return { key, name: file.name, variables, baseUrls: file.baseUrls };
  }

  private async secretIdsOf(key: string): Promise<{ name: string; id: string }[]> {
    // The names a secret value may have been stored under: those of the file as it was.
    const text = await readOptional(this.abs(environmentPath(key)));
    if (text === undefined) return [];
    const parsed = parseWorkspaceFile(environmentFileSchema, environmentPath(key), text);
    if (!parsed.ok) return [];
    return parsed.value.variables.map((v) => ({ name: v.name, id: this.secretId(key, v.name) }));
  }

  /** The secret-store id of a secret variable: one per folder, environment and name. */
  private secretId(key: string, name: string): string {
    const digest = createHash('sha256').update(`${this.root}\0${key}\0${name}`).digest('hex');
    return `workspace-var:${digest.slice(0, 40)}`;
  }

  private async namesIn(folder: string): Promise<Set<string>> {
    const entries = await readdir(this.abs(folder)).catch(() => [] as string[]);
    return new Set(entries.map((name) => joinPath(folder, name).toLowerCase()));
  }

  private async requireFolder(folder: string): Promise<void> {
    const info = await stat(this.abs(folder)).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new AppError('not_found', `There is no folder "${folder}" in this workspace.`, {
        hint: 'Create the folder first, or pick another one.',
      });
    }
  }

  private async write(path: string, text: string): Promise<void> {
    const file = this.abs(path);
    this.ownWrites.set(file, hash(text));
    await writeFileAtomic(file, text, WORKSPACE_FILE_MODE);
  }

  private async remove(path: string): Promise<void> {
    const file = this.abs(path);
    this.ownWrites.set(file, null);
    await rm(file, { force: true });
  }

  private abs(path: string): string {
    return path === '' ? this.root : join(this.root, ...path.split('/'));
  }
}

function environmentPath(key: string): string {
  return `${ENVIRONMENTS_DIR}/${key}${FILE_EXTENSION}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function notFound(path: string): AppError {
  return new AppError('not_found', `There is no request ${path} in this workspace.`, {
    hint: 'It may have been moved or deleted on disk; pick it again in the tree.',
  });
}
