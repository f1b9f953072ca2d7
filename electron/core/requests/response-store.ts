import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '#shared/errors.js';
import type { BodyKind } from '#shared/requests/schemas.js';
import type { JsonIndex } from './json-index.js';
import type { RowIndex } from './row-index.js';

/** A response body on disk and the indexes built over it on demand. */
export interface StoredBody {
  id: string;
  path: string;
  size: number;
  kind: BodyKind;
  /** Built on the first tree request. */
  json?: JsonIndex;
  /** Built on the first raw-view request. */
  rows?: RowIndex;
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

  /** The body with this id, or a `not_found` error the viewer can explain. */
  get(id: string): StoredBody {
    const body = this.bodies.get(id);
    if (body === undefined) {
      throw new AppError('not_found', 'This response is no longer kept.', {
        hint: 'Only the last few responses are kept, and none survive a restart. Send the request again.',
      });
    }
    return body;
  }

  /** Delete a body and its file; false when it was already gone. */
  async release(id: string): Promise<boolean> {
    const body = this.bodies.get(id);
    if (body === undefined) return false;
    this.bodies.delete(id);
    await rm(body.path, { force: true });
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
