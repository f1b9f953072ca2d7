import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '#shared/errors.js';
import type { BodyKind } from '#shared/requests/schemas.js';
import type { JsonIndex } from './json-index.js';
import type { PrettyIndex } from './pretty-index.js';
import type { RowIndex } from './row-index.js';

/** A response body on disk and the indexes built over it on demand. */
export interface StoredBody {
  id: string;
  path: string;
  size: number;
  kind: BodyKind;
  /** Method and URL without the query: responses with the same key can be compared. */
  requestKey?: string;
  /** The Content-Type it came with (decides the pretty view's language). */
  contentType: string | null;
  /** Built on the first tree request. */
  json?: JsonIndex;
  /** Built on the first raw-view request. */
  rows?: RowIndex;
  /** Formatted on the first pretty-view request, into `<path>.pretty`. */
  pretty?: PrettyIndex;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Response bodies of this process, streamed to private temp files under
 * `<dataDir>/response-cache/<pid>-<random>/` (0700 folder, 0600 files). Only the newest few are
 * kept; the folder goes when the process exits, and folders of processes that died are removed on
 * the next start.
 */
export class ResponseStore {
  readonly dir: string;
  private readonly bodies = new Map<string, StoredBody>();
  /** Bodies made from another (a filter's result), by id; one per source, gone with it. */
  private readonly derived = new Map<string, StoredBody & { source: string }>();
  /** Bodies the page let go of but kept as the previous answer of their request. */
  private readonly retired = new Set<string>();
  private readonly onExit = (): void => this.removeAllSync();

  constructor(
    root: string,
    private readonly maxBodies = 6,
  ) {
    const cache = join(root, 'response-cache');
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    for (const name of safeList(cache)) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
        rmSync(join(cache, name), { recursive: true, force: true });
      }
    }
    this.dir = join(cache, `${process.pid}-${randomBytes(6).toString('hex')}`);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    process.once('exit', this.onExit);
  }

  /** A fresh id and file path for a response about to be downloaded. */
  reserve(): { id: string; path: string } {
    const id = randomUUID();
    return { id, path: join(this.dir, `${id}.body`) };
  }

  /** Keep a downloaded body; the oldest bodies beyond the limit are deleted. */
  add(body: StoredBody): void {
    this.bodies.set(body.id, body);
    while (this.bodies.size > this.maxBodies) {
      const oldest = this.bodies.keys().next().value as string;
      void this.release(oldest);
    }
  }

  /**
   * Keep a body made from `source` (a filter's result). It replaces the previous one made from
   * the same source, does not push real responses out, and is deleted with its source.
   */
  addDerived(source: string, body: StoredBody): void {
    for (const [id, old] of this.derived) {
      if (old.source === source) void this.release(id);
    }
    this.derived.set(body.id, { ...body, source });
  }

  /** The kept responses, oldest first. */
  list(): StoredBody[] {
    return [...this.bodies.values()];
  }

  /** The body with this id, or a `not_found` error the viewer can explain. */
  get(id: string): StoredBody {
    const body = this.bodies.get(id) ?? this.derived.get(id);
    if (body === undefined) {
      throw new AppError('not_found', 'This response is no longer kept.', {
        hint: 'Only the last few responses are kept, and none survive a restart. Send the request again.',
      });
    }
    return body;
  }

  /**
   * The page no longer shows this body. It is deleted, unless it is the answer just before a
   * newer one to the same request: that one stays for Compare (until newer bodies push it out),
   * and the one it replaces as "previous" goes.
   */
  async retire(id: string): Promise<boolean> {
    const body = this.bodies.get(id);
    if (body === undefined) return this.release(id);
    const kept = [...this.bodies.values()];
    const newer = kept
      .slice(kept.indexOf(body) + 1)
      .filter((b) => b.requestKey === body.requestKey);
    if (body.requestKey === undefined || newer.length !== 1) return this.release(id);
    for (const other of kept) {
      if (other !== body && this.retired.has(other.id) && other.requestKey === body.requestKey) {
        await this.release(other.id);
      }
    }
    this.retired.add(id);
    for (const [derivedId, d] of this.derived) {
      if (d.source === id) await this.release(derivedId);
    }
    return true;
  }

  /** Delete a body and its file; false when it was already gone. */
  async release(id: string): Promise<boolean> {
    const body = this.bodies.get(id) ?? this.derived.get(id);
    if (body === undefined) return false;
    this.bodies.delete(id);
    this.derived.delete(id);
    this.retired.delete(id);
    for (const [derivedId, d] of this.derived) {
      if (d.source === id) void this.release(derivedId);
    }
    body.pretty?.stop();
    await rm(body.path, { force: true });
    if (body.pretty !== undefined) {
      await body.pretty.finished.catch(() => undefined);
      await rm(body.pretty.path, { force: true });
    }
    return true;
  }

  /** Delete a file that never became a kept body (a cancelled or failed download). */
  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Delete everything now (shutdown). */
  close(): void {
    process.off('exit', this.onExit);
    this.removeAllSync();
  }

  private removeAllSync(): void {
    this.bodies.clear();
    this.derived.clear();
    this.retired.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
