import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type TestContext } from 'vitest';
import { faultDir, readOnlyUnavailable, type FaultDir } from './fault-mounts.js';
import {
  connectionInput,
  expectIntact,
  failure,
  openServices,
  seed,
  snapshot,
  tempFiles,
} from './storage-rig.js';

// A read-only data folder (a tmpfs remounted ro; chmod 0500 when not root): the app starts, shows
// everything stored, and every save fails with a storage error naming the cause.

let fault: FaultDir;
let saved: Map<string, string>;
beforeEach(async () => {
  fault = faultDir(1024);
  saved = await seed(fault.dir, ['Alpha', 'Beta', 'Gamma']);
});
afterEach(() => fault.cleanup());

const CAUSE = /\((EROFS|EACCES)\)/;

/** Report the test as skipped (never as passed) where no read-only folder can be made. */
function skipWithoutReadOnly(ctx: TestContext): void {
  const reason = readOnlyUnavailable(fault);
  if (reason === undefined) return;
  console.log(`read-only storage test skipped: ${reason}`);
  ctx.skip(reason);
}

describe('a read-only data folder', () => {
  it('starts, loads every connection and secret, and refuses saves clearly', async (ctx) => {
    skipWithoutReadOnly(ctx);
    const before = snapshot(fault.dir);
    fault.makeReadOnly();
    const services = await openServices(fault.dir);
    const notice = services.notices().find((n) => n.code === 'read-only');
    expect(notice?.message).toMatch(/cannot save to its data folder/);
    expect(notice?.message).toMatch(CAUSE);
    await expectIntact(services, saved);

    // Saved all or nothing: with a secret, the secret is written first and fails first.
    const withSecret = await failure(() =>
      services.connections.save(connectionInput('Delta'), { clientSecret: 'x' }),
    );
    expect(withSecret.message).toMatch(/Could not save secrets\.json/);
    expect(services.connections.findByNameOrId('Delta')).toBeUndefined();
    const create = await failure(() => services.connections.save(connectionInput('Delta')));
    expect(create.category).toBe('storage');
    expect(create.message).toMatch(/Could not save connections\.json: .*read-only|permission/);
    expect(create.message).toMatch(CAUSE);
    expect(create.hint).toBeTruthy();
    const alpha = services.connections.findByNameOrId('Alpha')!;
    const secret = await failure(() =>
      services.connections.setSecrets(alpha.id, { clientSecret: 'new' }),
    );
    expect(secret.message).toMatch(/Could not save secrets\.json/);
    expect(secret.message).toMatch(CAUSE);
    expect((await failure(() => services.connections.rename(alpha.id, 'A'))).category).toBe(
      'storage',
    );
    expect(snapshot(fault.dir)).toEqual(before);
    expect(tempFiles(fault.dir)).toEqual([]);
    await services.close();

    // Control: the same saves work once the folder is writable, so the failures were the fault's.
    fault.makeWritable();
    const writable = await openServices(fault.dir);
    await writable.connections.save(connectionInput('Delta'), { clientSecret: 'x' });
    expect(writable.connections.list()).toHaveLength(4);
    await writable.close();
  });

  it('keeps the intact records of a damaged file and never writes over it', async (ctx) => {
    skipWithoutReadOnly(ctx);
    const file = join(fault.dir, 'connections.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { connections: { tokenUrl: string }[] };
    doc.connections[1]!.tokenUrl = 'not a url';
    const damaged = JSON.stringify(doc);
    writeFileSync(file, damaged);
    fault.makeReadOnly();

    const services = await openServices(fault.dir);
    expect(services.connections.list().map((c) => c.name)).toEqual(['Alpha', 'Gamma']);
    const notice = services.notices().find((n) => n.code === 'records-dropped');
    expect(notice?.message).toContain('connection "Beta"');
    expect(notice?.message).toMatch(/could not be moved aside .*EROFS|EACCES/);
    const alpha = services.connections.findByNameOrId('Alpha')!;
    const refused = await failure(() => services.connections.rename(alpha.id, 'A'));
    expect(refused.category).toBe('storage');
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    await services.close();
  });

  it('cannot create the key file: a storage error, not a crash', async (ctx) => {
    skipWithoutReadOnly(ctx);
    fault.makeWritable();
    rmSync(join(fault.dir, 'secret.key'));
    rmSync(join(fault.dir, 'secrets.json'));
    fault.makeReadOnly();
    const services = await openServices(fault.dir);
    const alpha = services.connections.findByNameOrId('Alpha')!;
    const error = await failure(() =>
      services.connections.setSecrets(alpha.id, { clientSecret: 'x' }),
    );
    expect(error.category).toBe('storage');
    expect(error.message).toMatch(/secret\.key/);
    expect(error.message).toMatch(CAUSE);
    await services.close();
  });

  it('grantline serve starts on it and prints its ready line', async (ctx) => {
    skipWithoutReadOnly(ctx);
    fault.makeReadOnly();
    const child = spawn(
      process.execPath,
      ['bin/grantline.js', 'serve', '--port', '0', '--data-dir', fault.dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Grantline is running at')) resolve(true);
      });
      child.once('exit', () => resolve(false));
    });
    expect(ready, err).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
});
