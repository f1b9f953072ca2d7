import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '#shared/errors.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import type {
  JsonMigration,
  JsonStoreOptions,
  StorageNotice,
} from '../../../../../electron/core/storage/json-store.js';

const settingsSchema = z.object({
  theme: z.enum(['light', 'dark', 'system']),
  requestTimeoutMs: z.number().int().positive(),
  recent: z.array(z.string()),
});
type Settings = z.infer<typeof settingsSchema>;
const defaults: Settings = { theme: 'system', requestTimeoutMs: 30_000, recent: [] };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantline-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(extra: Partial<JsonStoreOptions<Settings>> = {}) {
  return openJsonStore<Settings>({
    dir,
    name: 'settings',
    schema: settingsSchema,
    defaults,
    version: 1,
    ...extra,
  });
}

async function onDisk(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
}

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('openJsonStore', () => {
  it('sees a change made behind its back, even one of the same size (reads are cached)', async () => {
    const store = open();
    store.write({ ...defaults, theme: 'dark' });
    expect(store.read().theme).toBe('dark');
    // A reader may change what it got: the next read is the stored document again.
    store.read().recent.push('mutated');
    expect(store.read().recent).toEqual([]);
    const text = await readFile(join(dir, 'settings.json'), 'utf8');
    await writeFile(join(dir, 'settings.json'), text.replace('"dark"', '"ligh"'));
    // Not valid for the schema: recovered (moved aside, defaults), not served from the cache.
    expect(store.read().theme).toBe('system');
    store.write({ ...defaults, theme: 'dark' });
    await writeFile(
      join(dir, 'settings.json'),
      (await readFile(join(dir, 'settings.json'), 'utf8')).replace('"dark"', '"light"'),
    );
    expect(store.read().theme).toBe('light');
  });

  it('starts from the defaults and writes them, private and versioned', async () => {
    const store = open();
    expect(store.read()).toEqual(defaults);
    expect(store.path).toBe(join(dir, 'settings.json'));
    expect(await onDisk()).toEqual({ ...defaults, __internal__: { schemaVersion: 1 } });
    if (process.platform !== 'win32') {
      expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    }
    expect(store.notices).toEqual([]);
  });

  it('persists writes, field updates and resets across reopening', () => {
    const store = open();
    store.write({ theme: 'dark', requestTimeoutMs: 5000, recent: ['a'] });
    store.set('recent', ['a', 'b']);
    store.update((current) => ({ ...current, requestTimeoutMs: current.requestTimeoutMs * 2 }));
    expect(open().read()).toEqual({ theme: 'dark', requestTimeoutMs: 10_000, recent: ['a', 'b'] });
    expect(open().get('theme')).toBe('dark');
    store.reset();
    expect(open().read()).toEqual(defaults);
  });

  it('rejects an invalid write with a validation error and keeps the file', async () => {
    const store = open();
    store.set('theme', 'dark');
    const before = await readFile(store.path, 'utf8');
    const error = thrown(() =>
      store.write({ theme: 'neon', requestTimeoutMs: -1, recent: [] } as unknown as Settings),
    );
    expect(error.category).toBe('validation');
    expect(error.message).toMatch(/theme/);
    expect(error.message).toMatch(/requestTimeoutMs/);
    expect(error.details?.issues).toHaveLength(2);
    expect(await readFile(store.path, 'utf8')).toBe(before);
  });

  it('fills top-level keys an older file lacks from the defaults', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ theme: 'light' }));
    expect(open().read()).toEqual({ ...defaults, theme: 'light' });
    expect(await onDisk()).toMatchObject({ theme: 'light', __internal__: { schemaVersion: 1 } });
  });

  it('migrates v1 to v2 once, keeping a .bak-v1 copy of the old file', async () => {
    const v1 = JSON.stringify({ theme: 'dark', timeoutSeconds: 12, recent: [] });
    await writeFile(join(dir, 'settings.json'), v1);
    const toV2 = vi.fn<JsonMigration>(({ timeoutSeconds, ...rest }) => ({
      ...rest,
      requestTimeoutMs: Number(timeoutSeconds) * 1000,
    }));
    const store = open({ version: 2, migrations: { 2: toV2 } });

    expect(store.read()).toEqual({ theme: 'dark', requestTimeoutMs: 12_000, recent: [] });
    expect(await readFile(join(dir, 'settings.json.bak-v1'), 'utf8')).toBe(v1);
    expect((await onDisk()).__internal__).toEqual({ schemaVersion: 2 });
    expect(store.notices).toMatchObject([{ level: 'info', code: 'migrated' }]);
    expect(store.notices[0]!.keptAt).toBe(join(dir, 'settings.json.bak-v1'));

    open({ version: 2, migrations: { 2: toV2 } });
    expect(toV2).toHaveBeenCalledTimes(1);
  });

  it('runs pending migrations in order', async () => {
    const stored = {
      theme: 'dark',
      requestTimeoutMs: 1,
      recent: [],
      __internal__: { schemaVersion: 1 },
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(stored));
    const order: number[] = [];
    const step =
      (n: number): JsonMigration =>
      (doc) => {
        order.push(n);
        return { ...doc, recent: [...(doc.recent as string[]), `v${n}`] };
      };
    const store = open({ version: 3, migrations: { 3: step(3), 2: step(2) } });
    expect(order).toEqual([2, 3]);
    expect(store.get('recent')).toEqual(['v2', 'v3']);
  });

  it('leaves the file untouched when a migration fails or is missing', async () => {
    const v1 = JSON.stringify({ ...defaults, __internal__: { schemaVersion: 1 } });
    await writeFile(join(dir, 'settings.json'), v1);
    const failing = thrown(() =>
      open({
        version: 2,
        migrations: {
          2: () => {
            throw new Error('bug');
          },
        },
      }),
    );
    expect(failing.category).toBe('storage');
    expect(failing.hint).toMatch(/settings\.json\.bak-v1/);
    expect(thrown(() => open({ version: 3, migrations: { 2: (d) => d } })).category).toBe(
      'internal',
    );
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(v1);
  });

  it('keeps a file written by a newer schema aside, untouched, and loads what it understands', async () => {
    const newer = JSON.stringify({
      ...defaults,
      theme: 'dark',
      futureField: { x: 1 },
      __internal__: { schemaVersion: 5 },
    });
    await writeFile(join(dir, 'settings.json'), newer);
    const store = open();
    expect(store.read()).toEqual({ ...defaults, theme: 'dark' });
    const notice = store.notices[0]!;
    expect(notice).toMatchObject({ level: 'warning', code: 'newer-version' });
    expect(notice.message).toMatch(
      /newer version of Grantline \(file format 5; this version reads up to 1\)/,
    );
    expect(notice.keptAt).toMatch(/settings\.json\.newer-v5-[\dT-]+Z$/);
    expect(notice.message).toContain(notice.keptAt!.slice(dir.length + 1));
    store.set('theme', 'light');
    expect(await readFile(notice.keptAt!, 'utf8')).toBe(newer);
    expect((await onDisk()).__internal__).toEqual({ schemaVersion: 1 });
  });

  it.each([
    ['invalid JSON', '{"theme": "dark",'],
    ['a schema violation', JSON.stringify({ theme: 'neon', requestTimeoutMs: 'soon', recent: [] })],
  ])('moves a file with %s aside and reports it', async (_, content) => {
    await writeFile(join(dir, 'settings.json'), content);
    const seen: StorageNotice[] = [];
    const store = open({ onNotice: (notice) => seen.push(notice) });

    expect(store.read()).toEqual(defaults);
    expect(store.notices).toHaveLength(1);
    expect(seen).toEqual(store.notices);
    const notice = store.notices[0]!;
    expect(notice).toMatchObject({ level: 'warning', code: 'corrupt-file-moved' });
    expect(notice.message).toMatch(/settings\.json could not be read/);
    expect(notice.keptAt).toMatch(/settings\.json\.corrupt-[\dT-]+Z$/);
    expect(await readFile(notice.keptAt!, 'utf8')).toBe(content);
  });

  it('recovers when the file is damaged while the store is open', async () => {
    const store = open();
    store.set('theme', 'dark');
    await writeFile(store.path, 'not json at all');
    expect(store.read()).toEqual(defaults);
    expect(store.notices).toMatchObject([{ code: 'corrupt-file-moved' }]);
    store.set('theme', 'light');
    expect(open().get('theme')).toBe('light');
    const names = await readdir(dir);
    expect(names.filter((n) => n.includes('.corrupt-'))).toHaveLength(1);
  });

  it('writes atomically (a new file replaces the old) and leaves no temp files', async () => {
    const store = open();
    const inodes = new Set<number>();
    for (let i = 0; i < 20; i += 1) {
      store.set('recent', [`item ${i}`]);
      inodes.add((await stat(store.path)).ino);
    }
    // An in-place rewrite would keep one inode; rename-over gives each version its own.
    if (process.platform !== 'win32') expect(inodes.size).toBeGreaterThan(1);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('rejects defaults that fail their own schema', () => {
    const error = thrown(() => open({ defaults: { ...defaults, requestTimeoutMs: 0 } }));
    expect(error.category).toBe('internal');
  });
});
