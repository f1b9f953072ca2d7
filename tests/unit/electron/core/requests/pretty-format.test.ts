import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  JsonFormatter,
  LineWriter,
  MarkupFormatter,
  MAX_INDENT_DEPTH,
} from '../../../../../electron/core/requests/pretty-format.js';
import { MAX_LINE_BYTES, PrettyIndex } from '../../../../../electron/core/requests/pretty-index.js';

const dir = mkdtempSync(join(tmpdir(), 'grantline-pretty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Format `text` fed in chunks of `chunk` bytes; answers the lines and the fold ends. */
function format(
  text: string | Buffer,
  language: 'json' | 'xml' | 'html',
  chunk = 7,
): { lines: string[]; folds: Map<number, number> } {
  const w = new LineWriter();
  const f =
    language === 'json' ? new JsonFormatter(w) : new MarkupFormatter(w, language === 'html');
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    f.write(bytes.subarray(i, i + chunk));
    out.push(w.take());
  }
  f.end();
  out.push(w.take());
  const lines = Buffer.concat(out).toString('utf8').split('\n');
  expect(lines.length).toBe(w.lines);
  const folds = new Map<number, number>();
  for (let l = 0; l < w.lines; l++) if (w.foldEnd(l) >= 0) folds.set(l, w.foldEnd(l));
  return { lines, folds };
}

describe('JsonFormatter', () => {
  const doc = {
    'we"ird': 'a } ] { [ \\" , : \n\t',
    n: -1.5e3,
    t: true,
    z: null,
    arr: [1, [2, [3]], { k: 'v' }, [], {}],
    ключ: 'значение 😀',
  };

  it('formats minified JSON exactly as JSON.stringify(…, 2) does, whatever the chunking', () => {
    const expected = JSON.stringify(doc, null, 2);
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
      expect(format(JSON.stringify(doc), 'json', chunk).lines.join('\n')).toBe(expected);
    }
  });

  it('reformats already indented input the same way', () => {
    const expected = JSON.stringify(doc, null, 2);
    expect(format(JSON.stringify(doc, null, 7), 'json').lines.join('\n')).toBe(expected);
  });

  it('keeps string escapes as received (\\u escapes are not decoded)', () => {
    const { lines } = format('{"a":"\\u00e9\\n\\"}{","b":"\\\\"}', 'json');
    expect(lines).toEqual(['{', '  "a": "\\u00e9\\n\\"}{",', '  "b": "\\\\"', '}']);
  });

  it('marks where each block opens and closes', () => {
    const { lines, folds } = format('{"a":[1,2],"b":{"c":{}}}', 'json');
    expect(lines).toEqual([
      '{',
      '  "a": [',
      '    1,',
      '    2',
      '  ],',
      '  "b": {',
      '    "c": {}',
      '  }',
      '}',
    ]);
    expect([...folds]).toEqual([
      [0, 8],
      [1, 4],
      [5, 7],
    ]);
  });

  it('survives deep nesting with capped indentation', () => {
    const depth = 5000;
    const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
    const { lines, folds } = format(text, 'json', 4096);
    expect(lines.length).toBe(2 * depth + 1);
    expect(lines[depth]).toBe(' '.repeat(MAX_INDENT_DEPTH * 2) + '1');
    expect(folds.get(0)).toBe(2 * depth);
    expect(lines.join('').replace(/\s+/g, '')).toBe(text);
    expect(lines[1]).toBe('  [');
    expect(lines.at(-2)).toBe('  ]');
  });

  it('puts top-level values of NDJSON on lines of their own', () => {
    expect(format('{"a":1}\n{"b":2}\n3\n"x"', 'json').lines).toEqual([
      '{',
      '  "a": 1',
      '}',
      '{',
      '  "b": 2',
      '}',
      '3',
      '"x"',
    ]);
  });

  it('lays out malformed JSON without throwing and never splits a raw line break into lines', () => {
    const { lines } = format('{"a": "broken\nstring", ]]]}', 'json');
    expect(lines[1]).toBe('  "a": "broken string",');
    expect(lines.length).toBeGreaterThan(2);
  });
});

describe('MarkupFormatter', () => {
  it('indents XML, keeps short text between its tags, and keeps comments, CDATA and attributes', () => {
    const xml =
      '<?xml version="1.0"?><feed a="x>y" b=\'1\'><!-- a > comment --><entry><id>42</id>' +
      '<title>Hello   world</title><empty/><data><![CDATA[<not a tag>]]></data></entry></feed>';
    const { lines, folds } = format(xml, 'xml', 5);
    expect(lines).toEqual([
      '<?xml version="1.0"?>',
      '<feed a="x>y" b=\'1\'>',
      '  <!-- a > comment -->',
      '  <entry>',
      '    <id>42</id>',
      '    <title>Hello   world</title>',
      '    <empty/>',
      '    <data>',
      '      <![CDATA[<not a tag>]]>',
      '    </data>',
      '  </entry>',
      '</feed>',
    ]);
    expect(folds.get(1)).toBe(11);
    expect(folds.get(3)).toBe(10);
    expect(folds.get(7)).toBe(9);
  });

  it('knows HTML void elements and keeps script bodies as they are', () => {
    const html =
      '<!DOCTYPE html><html><head><meta charset="utf-8"><script>if (a < b) { x(); }\n' +
      'y();</script></head><body><p>Hi<br>there</p></body></html>';
    const { lines } = format(html, 'html', 3);
    expect(lines).toEqual([
      '<!DOCTYPE html>',
      '<html>',
      '  <head>',
      '    <meta charset="utf-8">',
      '    <script>',
      '      if (a < b) { x(); }',
      '      y();',
      '    </script>',
      '  </head>',
      '  <body>',
      '    <p>',
      '      Hi',
      '      <br>',
      '      there',
      '    </p>',
      '  </body>',
      '</html>',
    ]);
  });

  it('never lets unbalanced HTML indent below zero', () => {
    const { lines } = format('</div></div><p>x</p>', 'html');
    expect(lines).toEqual(['</div>', '</div>', '<p>x</p>']);
  });
});

describe('PrettyIndex', () => {
  it('formats a file into a file beside it and pages its lines with fold ends', async () => {
    const src = join(dir, 'a.json');
    const text = JSON.stringify({ items: [{ id: 1 }, { id: 2 }] });
    writeFileSync(src, text);
    const index = new PrettyIndex({ path: src, size: text.length }, `${src}.pretty`, 'json');
    const page = await index.rows(0, 3);
    expect(page.rows).toEqual(['{', '  "items": [', '    {']);
    await index.finished;
    expect(readFileSync(`${src}.pretty`, 'utf8')).toBe(JSON.stringify(JSON.parse(text), null, 2));
    const all = await index.rows(0, 100);
    expect(all.complete).toBe(true);
    expect(all.totalRows).toBe(10);
    expect(all.folds[0]).toBe(9);
    expect(all.folds[1]).toBe(8);
    expect(all.folds[3]).toBe(null);
    expect(index.rowOf(readFileSync(`${src}.pretty`, 'utf8').indexOf('"id": 2'))).toBe(6);
  });

  it('pages the first lines of a huge single-line body as soon as they exist', async () => {
    const src = join(dir, 'big.json');
    const items = Array.from({ length: 120_000 }, (_, i) => ({ id: i, name: `item ${i}` }));
    const text = JSON.stringify({ items });
    writeFileSync(src, text);
    expect(text.length).toBeGreaterThan(3 * 1024 * 1024);
    const index = new PrettyIndex({ path: src, size: text.length }, `${src}.pretty`, 'json');
    const first = await index.rows(0, 50);
    expect(first.rows[3]).toBe('      "id": 0,');
    expect(first.totalRows).toBeGreaterThanOrEqual(50);
    await index.finished;
    const last = await index.rows(index.totalRows - 3, 3);
    expect(last.rows).toEqual(['    }', '  ]', '}']);
    expect(index.totalRows).toBe(120_000 * 4 + 4);
  });

  it('cuts a line longer than MAX_LINE_BYTES when paging, never inside a character', async () => {
    const src = join(dir, 'long.json');
    const text = JSON.stringify(['é'.repeat(MAX_LINE_BYTES)]);
    writeFileSync(src, text);
    const index = new PrettyIndex({ path: src, size: Buffer.byteLength(text) }, `${src}.p`, 'json');
    await index.finished;
    const page = await index.rows(0, 3);
    expect(page.cut).toEqual([false, true, false]);
    expect(page.rows[1]?.includes('\uFFFD')).toBe(false);
    expect(Buffer.byteLength(page.rows[1] ?? '')).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });
});
