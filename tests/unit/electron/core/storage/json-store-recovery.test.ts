import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '#shared/errors.js';
import { createJsonStore } from '../../../../../electron/core/storage/backed-json-store.js';
import {
  confBackend,
  openJsonStore,
} from '../../../../../electron/core/storage/conf-json-store.js';
import type {
  JsonBackendFactory,
  JsonStoreOptions,
} from '../../../../../electron/core/storage/json-store.js';
import { salvageRecords } from '../../../../../electron/core/storage/salvage.js';

// Salvage of damaged records, a disk that refuses writes, and leftovers of killed writers.

const itemSchema = z.object({ id: z.string(), name: z.string(), port: z.number().int() });
const docSchema = z.object({ items: z.array(itemSchema), note: z.string() });
type Doc = z.infer<typeof docSchema>;
const defaults: Doc = { items: [], note: '' };
const salvage = salvageRecords([{ key: 'items', shape: 'list', record: itemSchema, noun: 'item' }]);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'grantline-recovery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (extra: Partial<JsonStoreOptions<Doc>> = {}): JsonStoreOptions<Doc> => ({
  dir,
  name: 'things',
  schema: docSchema,
  defaults,
  version: 1,
  ...extra,
});

const good = (n: number) => ({ id: `id-${n}`, name: `Item ${n}`, port: 8000 + n });

describe('salvage of a damaged document', () => {
  const damaged = JSON.stringify({
    items: [good(1), { id: 'id-2', name: 'Broken two', port: 'eighty' }, good(3), 42],
    note: 'kept',
    __internal__: { schemaVersion: 1 },
  });

  it('keeps every valid record, names the others, and keeps the original aside', async () => {
    await writeFile(join(dir, 'things.json'), damaged);
    const store = openJsonStore(options({ salvage }));
    expect(store.read()).toEqual({ items: [good(1), good(3)], note: 'kept' });
    const [notice] = store.notices;
    expect(notice).toMatchObject({ level: 'warning', code: 'records-dropped' });
    expect(notice!.message).toContain('2 records could not be read');
    expect(notice!.message).toContain('item "Broken two"');
    expect(notice!.message).toContain('item #4');
    // Never other field values of a lost record.
    expect(notice!.message).not.toContain('eighty');
    expect(await readFile(notice!.keptAt!, 'utf8')).toBe(damaged);
    // The salvaged document is what is on disk now, so a reopen is quiet.
    expect(openJsonStore(options({ salvage })).notices).toEqual([]);
  });

  it('starts over (still keeping the file) without a salvager: the control', async () => {
    await writeFile(join(dir, 'things.json'), damaged);
    const store = openJsonStore(options());
    expect(store.read()).toEqual(defaults);
    expect(store.notices[0]!.code).toBe('corrupt-file-moved');
  });
});

/** A conf backend whose writes fail like a disk that refuses them. */
function refusingBackend(code: string, refusing: { on: boolean }): JsonBackendFactory {
  return (init) => {
    const real = confBackend(init);
    return {
      path: real.path,
      get store() {
        return real.store;
      },
      set store(value) {
        if (refusing.on) throw Object.assign(new Error(`${code}: refused`), { code });
        real.store = value;
      },
    };
  };
}

describe('a data folder that refuses writes', () => {
  it.each([
    ['EROFS', /read-only file system \(EROFS\)/],
    ['ENOSPC', /disk is full \(ENOSPC\)/],
    ['EFBIG', /file size limit of this process \(EFBIG\)/],
    ['EACCES', /no permission to write/],
  ])('%s: opens, keeps the document in memory, and fails saves clearly', async (code, cause) => {
    const stored = JSON.stringify({
      items: [good(1)],
      note: 'n',
      __internal__: { schemaVersion: 1 },
    });
    // Missing `note` makes the file dirty, so the store tries to rewrite it at open.
    await writeFile(join(dir, 'things.json'), JSON.stringify({ items: [good(1)] }));
    const refusing = { on: true };
    const store = createJsonStore(options(), refusingBackend(code, refusing));
    expect(store.read()).toEqual({ items: [good(1)], note: '' });
    expect(store.notices).toMatchObject([{ level: 'error', code: 'read-only' }]);
    expect(store.notices[0]!.message).toMatch(cause);

    let error: unknown;
    try {
      store.set('note', 'changed');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).category).toBe('storage');
    expect((error as AppError).message).toMatch(/Could not save things\.json/);
    expect((error as AppError).message).toMatch(cause);
    expect((error as AppError).details).toEqual({ code });
    expect(await readFile(join(dir, 'things.json'), 'utf8')).toBe(
      JSON.stringify({ items: [good(1)] }),
    );
    expect(store.read().note).toBe('');

    // Once the disk takes writes again, the next save stores the whole document.
    refusing.on = false;
    store.set('note', 'n');
    expect(await readFile(join(dir, 'things.json'), 'utf8')).toBe(
      JSON.stringify(JSON.parse(stored), undefined, '\t'),
    );
  });
});

describe('temp files of killed writers', () => {
  it('removes the leftovers of a dead process and keeps a live one', async () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const orphan = `things.json.tmp-${dead}-0123456789ab`;
    const live = `things.json.tmp-${process.ppid}-0123456789ab`;
    const unrelated = `other.json.tmp-${dead}-0123456789ab`;
    for (const name of [orphan, live, unrelated]) await writeFile(join(dir, name), '{');
    openJsonStore(options());
    const names = await readdir(dir);
    expect(names).not.toContain(orphan);
    expect(names).toContain(live);
    expect(names).toContain(unrelated);
  });
});
