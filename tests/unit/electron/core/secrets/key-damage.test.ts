import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/core/events.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { createAppCore } from '../../../../../electron/core/app-core.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';

// A damaged or replaced key file makes every stored secret unreadable. The user is told at start
// (not at the first token fetch), and nothing on disk is changed, so restoring the key is enough.

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'grantline-key-damage-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function start() {
  const services = createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: new EventBus(),
  });
  await services.ready;
  return services;
}

async function seed(): Promise<void> {
  const services = await start();
  await services.connections.save(
    {
      name: 'Alpha',
      presetId: 'generic-oauth2',
      clientId: 'client',
      tokenUrl: 'https://idp.example/token',
      tls: { insecure: false },
    } as Parameters<typeof services.connections.save>[0],
    { clientSecret: 'alpha secret' },
  );
  await services.close();
}

const unreadable = (services: Awaited<ReturnType<typeof start>>) =>
  services.notices().filter((n) => n.code === 'secrets-unreadable');

describe('a damaged or replaced key file', () => {
  it('with the right key, start-up is quiet and the secret opens', async () => {
    await seed();
    const services = await start();
    expect(unreadable(services)).toEqual([]);
    await services.close();
  });

  it('a truncated key file is reported at start and nothing is changed', async () => {
    await seed();
    const keyFile = join(dataDir, 'secret.key');
    await writeFile(keyFile, 'not a key', { mode: 0o600 });
    const secretsBefore = await readFile(join(dataDir, 'secrets.json'));
    const services = await start();
    const [notice] = unreadable(services);
    expect(notice?.message).toMatch(/^The stored secrets cannot be opened: /);
    expect(notice?.message).toContain('secret.key');
    expect(notice?.message).toMatch(/Nothing was changed or deleted/);
    expect(await readFile(join(dataDir, 'secrets.json'))).toEqual(secretsBefore);
    expect(await readFile(keyFile, 'utf8')).toBe('not a key');
    await services.close();
  });

  it('a key file replaced by another key is reported with what to do', async () => {
    await seed();
    await writeFile(join(dataDir, 'secret.key'), randomBytes(32), { mode: 0o600 });
    const services = await start();
    const [notice] = unreadable(services);
    expect(notice?.message).toMatch(/different data key/);
    expect(notice?.message).toMatch(/Restore the original key/);
    await services.close();
  });

  it('names the connection, not a reference id, when one secret cannot be decrypted', async () => {
    await seed();
    const file = join(dataDir, 'secrets.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as {
      secrets: Record<string, { data: string }>;
    };
    const [ref, record] = Object.entries(doc.secrets)[0]!;
    // Same layout, other bytes: the record opens to nothing.
    const bytes = Buffer.from(record.data, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    record.data = bytes.toString('base64');
    await writeFile(file, JSON.stringify(doc), { mode: 0o600 });
    const services = await start();
    const error = (await services.secrets.find(ref).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'The client secret of connection "Alpha" failed its integrity check and cannot be read.',
    );
    expect(error.message).not.toContain(ref);
    await services.close();
  });
});
