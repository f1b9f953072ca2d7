import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageType } from '../../../../../electron/core/requests/body-image.js';
import { checkJsonPath } from '../../../../../electron/core/requests/body-filter.js';
import { BodyViewer } from '../../../../../electron/core/requests/body-viewer.js';
import {
  ResponseStore,
  type StoredBody,
} from '../../../../../electron/core/requests/response-store.js';
import { gradientPng, SCRIPTED_SVG } from '../../../../fixtures/api-server/media.js';

const root = mkdtempSync(join(tmpdir(), 'grantline-tools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function setup(): { store: ResponseStore; viewer: BodyViewer; add: AddBody } {
  const store = new ResponseStore(mkdtempSync(join(root, 's-')));
  const viewer = new BodyViewer(() => store);
  const add: AddBody = (content, extra = {}) => {
    const { id, path } = store.reserve();
    writeFileSync(path, content);
    const body: StoredBody = {
      id,
      path,
      size: Buffer.byteLength(content),
      kind: 'json',
      contentType: 'application/json',
      ...extra,
    };
    store.add(body);
    return id;
  };
  return { store, viewer, add };
}
type AddBody = (content: string | Buffer, extra?: Partial<StoredBody>) => string;

describe('the live filter', () => {
  const doc = { items: Array.from({ length: 50 }, (_, i) => ({ id: i, name: `item ${i}` })) };

  it('runs JSONPath in main and pages its matches as a pretty body', async () => {
    const { viewer, add } = setup();
    const id = add(JSON.stringify(doc));
    const result = await viewer.filter(id, '$.items[?(@.id > 46)].name');
    expect(result.count).toBe(3);
    const page = await viewer.prettyRows(result.responseId, 0, 10);
    expect(page.rows).toEqual(['[', '  "item 47",', '  "item 48",', '  "item 49"', ']']);
  });

  it('keeps one result per response: a new filter replaces the last, the response stays', async () => {
    const { store, viewer, add } = setup();
    const id = add(JSON.stringify(doc));
    const first = await viewer.filter(id, '$.items[0]');
    const second = await viewer.filter(id, '$.items[1]');
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => store.get(first.responseId)).toThrow(/no longer kept/);
    expect(store.get(second.responseId).size).toBeGreaterThan(0);
    expect(store.list().map((b) => b.id)).toEqual([id]);
    await store.release(id);
    expect(() => store.get(second.responseId)).toThrow(/no longer kept/);
  });

  it('says what is wrong with a bad expression, and refuses bodies that are not JSON', async () => {
    const { viewer, add } = setup();
    const id = add(JSON.stringify(doc));
    await expect(viewer.filter(id, 'items[0]')).rejects.toThrow(/must start with \$/);
    await expect(viewer.filter(id, '$.items[0')).rejects.toThrow(/"\[" is not closed/);
    await expect(viewer.filter(id, "$['a")).rejects.toThrow(/quoted name is not closed/);
    await expect(viewer.filter(id, '$.items)')).rejects.toThrow(/closes nothing/);
    const text = add('hello', { kind: 'text', contentType: 'text/plain' });
    await expect(viewer.filter(text, '$')).rejects.toThrow(/Only JSON bodies/);
    const broken = add('{"a": [1, 2', { kind: 'json' });
    await expect(viewer.filter(broken, '$.a')).rejects.toThrow(/not valid JSON/);
  });

  it('accepts the usual expressions', () => {
    for (const ok of ['$', '$..id', "$['we]ird']", '$.a[(@.length-1)]', '$.a[?(@.b == "x)")]']) {
      expect(() => checkJsonPath(ok)).not.toThrow();
    }
  });
});

describe('compare with the previous response of the same request', () => {
  it('diffs the pretty forms line by line, and keeps the previous body when the page lets go', async () => {
    const { store, viewer, add } = setup();
    const key = { requestKey: 'GET https://api.test/things' };
    const a = add(JSON.stringify({ n: 1, same: true, list: [1, 2] }), key);
    add(JSON.stringify({ other: true }), { requestKey: 'GET https://api.test/other' });
    const b = add(JSON.stringify({ n: 2, same: true, list: [1, 2, 3] }), key);
    // The page shows b now and lets a go: a stays for Compare.
    await store.retire(a);
    const diff = await viewer.compareRows(b, 0, 100);
    expect(diff.previousId).toBe(a);
    expect(diff.added).toBe(3);
    expect(diff.removed).toBe(2);
    const changed = diff.rows.filter((r) => r.kind !== 'same');
    expect(changed).toEqual([
      { kind: 'removed', left: 1, right: null, text: '  "n": 1,' },
      { kind: 'added', left: null, right: 1, text: '  "n": 2,' },
      { kind: 'removed', left: 5, right: null, text: '    2' },
      { kind: 'added', left: null, right: 5, text: '    2,' },
      { kind: 'added', left: null, right: 6, text: '    3' },
    ]);
    // A third answer: b becomes the previous one, and a goes.
    const c = add(JSON.stringify({ n: 3 }), key);
    await store.retire(b);
    expect((await viewer.compareRows(c, 0, 1)).previousId).toBe(b);
    expect(() => store.get(a)).toThrow(/no longer kept/);
  });

  it('explains when there is nothing to compare with', async () => {
    const { viewer, add } = setup();
    const only = add('{"a":1}', { requestKey: 'GET https://api.test/x' });
    await expect(viewer.compareRows(only, 0, 10)).rejects.toThrow(/No earlier response/);
  });

  it('retire deletes a body that is not the previous answer of a newer one', async () => {
    const { store, add } = setup();
    const lone = add('{}', { requestKey: 'GET https://api.test/lone' });
    expect(await store.retire(lone)).toBe(true);
    expect(() => store.get(lone)).toThrow(/no longer kept/);
  });
});

describe('image preview', () => {
  it('recognises images by their bytes, and SVG by its text', () => {
    expect(imageType(gradientPng(), null)).toBe('image/png');
    expect(imageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'application/octet-stream')).toBe(
      'image/jpeg',
    );
    expect(imageType(Buffer.from('GIF89a....'), null)).toBe('image/gif');
    expect(imageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), null)).toBe('image/webp');
    expect(imageType(Buffer.from(SCRIPTED_SVG), 'image/svg+xml')).toBe('image/svg+xml');
    expect(imageType(Buffer.from('<html><svg></svg></html>'), 'text/html')).toBe(null);
    expect(imageType(Buffer.from('{"a":1}'), 'image/png')).toBe(null);
  });

  it('hands an image over as a data: URL, and refuses what is not one', async () => {
    const { viewer, add } = setup();
    const png = gradientPng(4, 4);
    const id = add(png, { kind: 'binary', contentType: 'image/png' });
    const image = await viewer.image(id);
    expect(image.mime).toBe('image/png');
    expect(image.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
    const notImage = add('{"a":1}', { contentType: 'image/png' });
    await expect(viewer.image(notImage)).rejects.toThrow(/not an image/);
  });
});

describe('pretty rows and search over them', () => {
  it('searches the pretty form and places hits on its lines', async () => {
    const { viewer, add } = setup();
    const id = add(JSON.stringify({ a: { b: 'needle' }, c: ['x', 'needle'] }));
    const found = await viewer.search(id, 'NEEDLE', 10, 'pretty');
    expect(found.matches.map((m) => m.row)).toEqual([2, 6]);
    const page = await viewer.prettyRows(id, 2, 1);
    expect(page.rows[0]).toContain('needle');
    expect(page.language).toBe('json');
  });

  it('says which bodies have no pretty view', async () => {
    const { viewer, add } = setup();
    const id = add('plain words', { kind: 'text', contentType: 'text/plain' });
    await expect(viewer.prettyRows(id, 0, 10)).rejects.toThrow(/no pretty view/);
  });
});
