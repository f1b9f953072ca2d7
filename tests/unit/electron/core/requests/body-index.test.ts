import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInBody, jsonPathAt } from '../../../../../electron/core/requests/body-search.js';
import { JsonIndex } from '../../../../../electron/core/requests/json-index.js';
import {
  HARD_ROW_BYTES,
  ROW_BYTES,
  RowIndex,
} from '../../../../../electron/core/requests/row-index.js';

const dir = mkdtempSync(join(tmpdir(), 'grantline-body-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string | Buffer): { path: string; size: number } {
  const path = join(dir, `b${++n}.json`);
  writeFileSync(path, text);
  return { path, size: Buffer.byteLength(text) };
}

describe('JsonIndex', () => {
  it('lists children with keys, offsets, types and previews, skipping tricky strings', async () => {
    const doc = {
      'we"ird': 'a } ] { [ \\" ,',
      n: -1.5e3,
      t: true,
      z: null,
      arr: [1, [2, [3]], { k: 'v' }, []],
      ключ: 'значение',
      empty: {},
    };
    const text = JSON.stringify(doc, null, 2);
    const { path, size } = file(text);
    const index = new JsonIndex(path, size);
    const root = await index.children(undefined, 0, 100);
    expect(root.node.type).toBe('object');
    expect(root.children.map((c) => c.key)).toEqual(Object.keys(doc));
    expect(root.children.map((c) => c.type)).toEqual([
      'string',
      'number',
      'boolean',
      'null',
      'array',
      'string',
      'object',
    ]);
    for (const c of root.children) {
      expect(
        JSON.parse(
          text.slice(
            Buffer.from(text).subarray(0, c.at).toString().length,
            Buffer.from(text).subarray(0, c.end).toString().length,
          ),
        ),
      ).toEqual(doc[c.key as keyof typeof doc]);
    }
    const arr = root.children.find((c) => c.key === 'arr')!;
    expect(arr.count).toBe(4);
    const inner = await index.children(arr.at, 0, 10);
    expect(inner.children.map((c) => [c.type, c.count ?? c.preview])).toEqual([
      ['number', '1'],
      ['array', 2],
      ['object', 1],
      ['array', 0],
    ]);
    expect(JSON.parse(await index.valueText(inner.children[2]!.at))).toEqual({ k: 'v' });
    expect(await index.valueText(root.children[0]!.at)).toBe(JSON.stringify(doc['we"ird']));
  });

  it('handles keys and strings cut by the 1 MB read boundary', async () => {
    const pad = 'p'.repeat(1024 * 1024 - 12);
    const text = `{"pad":"${pad}","a_key_across_the_boundary":"x","last":[1,2,3]}`;
    const { path, size } = file(text);
    const index = new JsonIndex(path, size);
    const { children } = await index.children(undefined, 0, 10);
    expect(children.map((c) => c.key)).toEqual(['pad', 'a_key_across_the_boundary', 'last']);
    expect(children[0]!.truncated).toBe(true);
    expect(children[2]!.count).toBe(3);
  });

  it('pages through a large array without listing it all', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: i }));
    const { path, size } = file(JSON.stringify(items));
    const index = new JsonIndex(path, size);
    const page = await index.children(undefined, 4990, 20);
    expect(page.node.starts.length).toBe(5000);
    expect(page.children.map((c) => c.index)).toEqual(
      Array.from({ length: 10 }, (_, i) => 4990 + i),
    );
  });

  it('says clearly when the body is not JSON', async () => {
    const { path, size } = file('{"a": [1, 2}');
    await expect(new JsonIndex(path, size).children(undefined, 0, 10)).rejects.toMatchObject({
      category: 'malformed_response',
    });
  });
});

describe('search', () => {
  it('finds matches case-insensitively, across chunk boundaries, with their JSON path', async () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      id: i,
      name: `Item ${i}`,
      tags: ['x'],
    }));
    const { path, size } = file(JSON.stringify({ data: { items } }));
    const found = await findInBody(path, size, 'ITEM 2999"', 10);
    expect(found.matches).toHaveLength(1);
    const located = await jsonPathAt(new JsonIndex(path, size), found.matches[0]!.offset);
    expect(located.path.map((s) => s.key ?? s.index)).toEqual(['data', 'items', 2999, 'name']);
    expect(located.in).toBe('value');
    const key = await findInBody(path, size, 'tags', 2);
    expect(key.truncated).toBe(true);
    const inKey = await jsonPathAt(new JsonIndex(path, size), key.matches[0]!.offset);
    expect(inKey).toMatchObject({ in: 'key' });
    expect(inKey.path.map((s) => s.key ?? s.index)).toEqual(['data', 'items', 0, 'tags']);
  });

  it('finds non-ASCII text at its exact byte offset', async () => {
    const text = '{"a":"é€","b":"ÜBER uber"}';
    const { path, size } = file(text);
    const found = await findInBody(path, size, 'über', 10);
    expect(found.matches.map((m) => m.offset)).toEqual([Buffer.from('{"a":"é€","b":"').length]);
  });

  it('finds a match that straddles two 1 MB reads', async () => {
    const text = 'a'.repeat(1024 * 1024 - 3) + 'NEEDLE' + 'b'.repeat(10);
    const { path, size } = file(text);
    const found = await findInBody(path, size, 'needle', 10);
    expect(found.matches.map((m) => m.offset)).toEqual([1024 * 1024 - 3]);
  });
});

describe('RowIndex', () => {
  it('keeps lines whole, cuts a long line after spaces without cutting a character', async () => {
    const long = 'word€ '.repeat(400); // 3,200 bytes with a space every 8
    const text = `line one\r\n${long}\n\nlast`;
    const { path, size } = file(text);
    const index = await RowIndex.build(path, size);
    const { rows, lines } = await index.rows(0, 100);
    expect(rows[0]).toBe('line one');
    expect(rows.slice(1, -2).join('')).toBe(long);
    expect(rows.slice(1, -2).every((r) => r.endsWith(' ') || r === rows.at(-3))).toBe(true);
    expect(rows.slice(1, -2).every((r) => Buffer.byteLength(r) <= ROW_BYTES + 8)).toBe(true);
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.at(-2)).toBe('');
    expect(rows.at(-1)).toBe('last');
    expect(lines[0]).toBe(0);
    expect(new Set(lines.slice(1, -2))).toEqual(new Set([1]));
    expect(lines.slice(-2)).toEqual([2, 3]);
    expect(index.rowOf(size - 1)).toBe(index.totalRows - 1);
    expect(index.rowOf(0)).toBe(0);
  });

  it('cuts minified JSON only between values, never inside a string', async () => {
    const items = Array.from({ length: 400 }, (_, i) => ({
      id: i,
      name: `item, with {commas} and [brackets] ${i}`,
      tags: ['a b', 'c'],
    }));
    const text = JSON.stringify({ items });
    const { path, size } = file(text);
    const index = await RowIndex.build(path, size, { json: true });
    const { rows, lines } = await index.rows(0, 2000);
    expect(rows.join('')).toBe(text);
    expect(rows.length).toBeGreaterThan(text.length / (ROW_BYTES * 2));
    expect(new Set(lines)).toEqual(new Set([0]));
    for (const row of rows.slice(0, -1)) {
      // Each row ends after a comma, an opening bracket or a closing quote: never mid-string.
      expect(row).toMatch(/[,{[]$|"$/);
      expect((row.match(/(?<!\\)"/g) ?? []).length % 2).toBe(0);
    }
  });

  it('cuts a single huge value at HARD_ROW_BYTES when nothing else is possible', async () => {
    const text = JSON.stringify(['x'.repeat(HARD_ROW_BYTES * 3)]);
    const { path, size } = file(text);
    const index = await RowIndex.build(path, size, { json: true });
    const { rows } = await index.rows(0, 100);
    expect(rows.join('')).toBe(text);
    expect(rows.every((r) => Buffer.byteLength(r) <= HARD_ROW_BYTES + 2)).toBe(true);
  });
});

describe('RowIndex over chunk boundaries', () => {
  it('never cuts a character that straddles a 1 MB read', async () => {
    // 3-byte characters, shifted by one byte so some straddle the 1 MiB mark.
    const text = 'a' + '€'.repeat(500_000);
    const { path, size } = file(text);
    const index = await RowIndex.build(path, size);
    const all: string[] = [];
    for (let from = 0; from < index.totalRows; from += 2000) {
      all.push(...(await index.rows(from, 2000)).rows);
    }
    expect(all.join('')).toBe(text);
    expect(all.every((r) => !r.includes('\uFFFD'))).toBe(true);
  });
});
