import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { canFillDisk, faultDir, type FaultDir } from './fault-mounts.js';
import {
  connectionInput,
  expectIntact,
  failure,
  openServices,
  seed,
  snapshot,
  tempFiles,
} from './storage-rig.js';

// A full disk (a 256 KB tmpfs filled up) and a file size limit (ulimit -f in a child process):
// saves fail with a storage error naming the cause, and nothing saved before is lost.

let fault: FaultDir;
let saved: Map<string, string>;
beforeEach(async () => {
  fault = faultDir(256);
  saved = await seed(fault.dir, ['Alpha', 'Beta', 'Gamma']);
});
afterEach(() => fault.cleanup());

/** Fill the disk with one file until it refuses more. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** Report the test as skipped (never as passed) where no small disk can be made. */
function skipWithoutDisk(ctx: TestContext): void {
  if (canFillDisk(fault)) return;
  const reason = 'no permission to mount a small tmpfs (not root)';
  console.log(`full-disk test skipped: ${reason}`);
  ctx.skip(reason);
}

describe('a full disk', () => {
  it('fails saves with ENOSPC, keeps everything saved before, leaves no temp files', async (ctx) => {
    skipWithoutDisk(ctx);
    const filler = fillDisk(fault.dir);
    const before = snapshot(fault.dir);
    const services = await openServices(fault.dir);
    await expectIntact(services, saved);

    // Saved all or nothing: with a secret, the secret is written first and fails first.
    const withSecret = await failure(() =>
      services.connections.save(connectionInput('Delta'), { clientSecret: 'x' }),
    );
    expect(withSecret.message).toMatch(/Could not save secrets\.json/);
    expect(services.connections.findByNameOrId('Delta')).toBeUndefined();
    const create = await failure(() => services.connections.save(connectionInput('Delta')));
    expect(create.category).toBe('storage');
    expect(create.message).toMatch(/Could not save connections\.json: the disk is full \(ENOSPC\)/);
    expect(create.hint).toMatch(/Free some space/);
    const alpha = services.connections.findByNameOrId('Alpha')!;
    const secret = await failure(() =>
      services.connections.setSecrets(alpha.id, {
        clientSecret: 'a much longer secret '.repeat(40),
      }),
    );
    expect(secret.message).toMatch(/secrets\.json: the disk is full \(ENOSPC\)/);
    expect(snapshot(fault.dir)).toEqual(before);
    expect(tempFiles(fault.dir)).toEqual([]);
    await services.close();

    const reopened = await openServices(fault.dir);
    await expectIntact(reopened, saved);
    // Control: with space again the same save works.
    rmSync(filler);
    await reopened.connections.save(connectionInput('Delta'), { clientSecret: 'x' });
    expect(reopened.connections.list()).toHaveLength(4);
    await reopened.close();
  });

  it('salvages a damaged file it cannot rewrite: intact connections in memory, user told', async (ctx) => {
    skipWithoutDisk(ctx);
    const file = join(fault.dir, 'connections.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { connections: { tokenUrl: string }[] };
    doc.connections[0]!.tokenUrl = 'not a url';
    const damaged = JSON.stringify(doc);
    writeFileSync(file, damaged);
    fillDisk(fault.dir);

    const services = await openServices(fault.dir);
    expect(services.connections.list().map((c) => c.name)).toEqual(['Beta', 'Gamma']);
    const codes = services.notices().map((n) => n.code);
    expect(codes).toContain('records-dropped');
    expect(codes).toContain('read-only');
    const dropped = services.notices().find((n) => n.code === 'records-dropped')!;
    expect(dropped.message).toContain('connection "Alpha"');
    expect(readFileSync(dropped.keptAt!, 'utf8')).toBe(damaged);
    saved.delete('Alpha');
    await expectIntact(services, saved);
    await services.close();
  });
});

describe('a file size limit (ulimit -f)', () => {
  it('fails the save with EFBIG and keeps the file as it was', () => {
    const before = snapshot(fault.dir);
    const child = join(import.meta.dirname, 'save-limited-child.mjs');
    // 1 block (512 or 1024 bytes): connections.json with three connections is larger.
    const result = spawnSync(
      'sh',
      ['-c', `ulimit -f 1 && exec "${process.execPath}" "${child}" "${fault.dir}" Renamed`],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    const outcome = JSON.parse(result.stdout) as {
      ok: boolean;
      category?: string;
      message?: string;
    };
    expect(outcome).toMatchObject({ ok: false, category: 'storage' });
    expect(outcome.message).toMatch(
      /connections\.json: the file would exceed the file size limit of this process \(EFBIG\)/,
    );
    expect(snapshot(fault.dir)).toEqual(before);
    expect(tempFiles(fault.dir)).toEqual([]);

    // Control: without the limit the same child saves.
    const free = spawnSync(process.execPath, [child, fault.dir, 'Renamed'], { encoding: 'utf8' });
    expect(JSON.parse(free.stdout)).toEqual({ ok: true });
  });
});
