import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestStore } from '../../../electron/core/requests/request-store.js';
import { emptyDraft } from '#shared/requests/schemas.js';
import { expectIntact, openServices, seed } from './storage-rig.js';

// Damaged and future-version files at start-up: the app starts, keeps every intact connection,
// keeps the damaged or newer file aside untouched, and says so.

let dataDir: string;
let saved: Map<string, string>;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'grantline-damaged-'));
  saved = await seed(dataDir, ['Alpha', 'Beta']);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');

describe('damaged files at start-up', () => {
  it('a connections.json that is not JSON: moved aside whole, the user told', async () => {
    writeFileSync(join(dataDir, 'connections.json'), '{"connections": [ {"id": "a", "na');
    const services = await openServices(dataDir);
    expect(services.connections.list()).toEqual([]);
    const [notice] = services.notices();
    expect(notice!.code).toBe('corrupt-file-moved');
    expect(readFileSync(notice!.keptAt!, 'utf8')).toBe('{"connections": [ {"id": "a", "na');
    await services.close();
  });

  it('future-version connections.json and secrets.json: kept aside, what is understood loads', async () => {
    const connections = JSON.parse(read('connections.json')) as Record<string, unknown>;
    const newerConnections = JSON.stringify({
      ...connections,
      folders: [{ id: 'f1' }],
      __internal__: { schemaVersion: 4 },
    });
    writeFileSync(join(dataDir, 'connections.json'), newerConnections);
    const secrets = JSON.parse(read('secrets.json')) as Record<string, unknown>;
    const newerSecrets = JSON.stringify({ ...secrets, version: 3 });
    writeFileSync(join(dataDir, 'secrets.json'), newerSecrets);

    const services = await openServices(dataDir);
    await expectIntact(services, saved);
    const newer = services.notices().filter((n) => n.code === 'newer-version');
    expect(newer.map((n) => n.message)).toEqual([
      expect.stringMatching(/^connections\.json was written by a newer version .*file format 4/),
      expect.stringMatching(/^secrets\.json was written by a newer version .*file format 3/),
    ]);
    expect(readFileSync(newer[0]!.keptAt!, 'utf8')).toBe(newerConnections);
    expect(readFileSync(newer[1]!.keptAt!, 'utf8')).toBe(newerSecrets);
    // Saving in this version never touches the newer copies.
    await services.connections.save({
      ...services.connections.findByNameOrId('Alpha')!,
      clientId: 'changed',
    });
    expect(readFileSync(newer[0]!.keptAt!, 'utf8')).toBe(newerConnections);
    await services.close();

    // The next start is quiet: the files are now this version's.
    const again = await openServices(dataDir);
    expect(again.notices()).toEqual([]);
    await again.close();
  });

  it('a damaged saved request costs that request only, reported through the services', async () => {
    const services = await openServices(dataDir);
    const alpha = services.connections.findByNameOrId('Alpha')!;
    const store = new RequestStore(dataDir, services.openStore);
    store.save(alpha.id, 'List things', { ...emptyDraft(), url: 'https://api.example/a' });
    store.save(alpha.id, 'Get thing', { ...emptyDraft(), url: 'https://api.example/b' });
    await services.close();

    const file = join(dataDir, 'requests.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      saved: { name: string; draft: unknown }[];
    };
    doc.saved.find((s) => s.name === 'Get thing')!.draft = 'garbage';
    writeFileSync(file, JSON.stringify(doc));

    const reopened = await openServices(dataDir);
    const requests = new RequestStore(dataDir, reopened.openStore);
    expect(requests.listSaved(alpha.id).map((s) => s.name)).toEqual(['List things']);
    const notice = reopened.notices().find((n) => n.code === 'records-dropped');
    expect(notice?.message).toContain('saved request "Get thing"');
    expect(readdirSync(dataDir).some((n) => n.startsWith('requests.json.corrupt-'))).toBe(true);
    await reopened.close();
  });
});
