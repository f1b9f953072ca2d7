import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../../electron/core/events.js';
import type { KeyProtector } from '../../../../../electron/core/secrets/key-protector.js';
import { createAppCore } from '../../../../../electron/core/app-core.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';

// A damaged connections.json costs only the damaged records, and the user is told which.

const key = randomBytes(32);
const protector: KeyProtector = {
  info: { backend: 'test', label: 'test key', secure: true },
  loadOrCreateKey: async () => Buffer.from(key),
};

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'grantline-connections-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function servicesWithEvents() {
  const events = new EventBus();
  const seen: string[] = [];
  events.subscribe((name, payload) => {
    if (name === 'app:notice') seen.push((payload as { message: string }).message);
  });
  const services = createAppCore({ dataDir, protector, openStore: openJsonStore, events });
  await services.ready;
  return { services, seen };
}

async function seed(names: string[]): Promise<void> {
  const { services } = await servicesWithEvents();
  for (const name of names) {
    await services.connections.save(
      {
        name,
        presetId: 'generic-oauth2',
        clientId: `client-${name}`,
        tokenUrl: 'https://idp.example/token',
        tls: { insecure: false },
      } as Parameters<typeof services.connections.save>[0],
      { clientSecret: `secret of ${name}` },
    );
  }
  await services.close();
}

describe('ConnectionRepository with damaged files', () => {
  it('keeps the intact connections, names the damaged one, and keeps the file aside', async () => {
    await seed(['Alpha', 'Beta', 'Gamma']);
    const file = join(dataDir, 'connections.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as {
      connections: Record<string, unknown>[];
    };
    doc.connections[1]!.tokenUrl = 'not a url';
    const damaged = JSON.stringify(doc);
    await writeFile(file, damaged);

    const { services, seen } = await servicesWithEvents();
    expect(services.connections.list().map((c) => c.name)).toEqual(['Alpha', 'Gamma']);
    const notices = services.notices();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('connection "Beta"');
    expect(seen).toEqual([notices[0]!.message]);
    expect(await readFile(notices[0]!.keptAt!, 'utf8')).toBe(damaged);
    // Intact connections keep their secrets.
    const alpha = services.connections.findByNameOrId('Alpha')!;
    expect(await services.secrets.get(alpha.secretRef!)).toBe('secret of Alpha');
    await services.close();
  });

  it('names the connections whose secrets were in an unreadable secrets.json', async () => {
    await seed(['Alpha', 'Beta']);
    await writeFile(join(dataDir, 'secrets.json'), 'this is not json');
    const { services } = await servicesWithEvents();
    expect(services.connections.list()).toHaveLength(2);
    const [notice] = services.notices();
    expect(notice!.code).toBe('corrupt-file-moved');
    expect(notice!.message).toContain('the client secret of connection "Alpha"');
    expect(notice!.message).toContain('the client secret of connection "Beta"');
    expect(notice!.message).not.toContain('secret of Alpha');
    await services.close();
  });
});
