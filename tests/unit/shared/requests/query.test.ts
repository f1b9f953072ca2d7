import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  paramsFromUrl,
  parseQuery,
  splitQuery,
  urlWithParams,
} from '#shared/requests/query.js';
import type { Row } from '#shared/requests/schemas.js';

const row = (name: string, value: string, enabled = true): Row => ({ name, value, enabled });

describe('URL → params table', () => {
  it('reads repeated, encoded and valueless params in order', () => {
    expect(
      paramsFromUrl('{{baseUrl}}/s?groupBy=a&groupBy=b&q=two%20words&flag&sort=-modifiedDate#top'),
    ).toEqual([
      row('groupBy', 'a'),
      row('groupBy', 'b'),
      row('q', 'two words'),
      row('flag', ''),
      row('sort', '-modifiedDate'),
    ]);
  });

  it('keeps malformed escapes and literal plus signs as written', () => {
    expect(parseQuery('a=100%&b=%zz&c=a+b&d=%E2%82%AC')).toEqual([
      row('a', '100%'),
      row('b', '%zz'),
      row('c', 'a+b'),
      row('d', '€'),
    ]);
  });

  it('keeps the disabled rows of the table when the URL is edited', () => {
    const previous = [row('a', '1'), row('off', 'x', false)];
    expect(paramsFromUrl('https://x.test/?a=2', previous)).toEqual([
      row('a', '2'),
      row('off', 'x', false),
    ]);
  });

  it('splits at the first ? and #', () => {
    expect(splitQuery('https://x.test/a?b=c?d#e?f')).toEqual({
      base: 'https://x.test/a',
      query: 'b=c?d',
      fragment: '#e?f',
    });
    expect(splitQuery('https://x.test/a').query).toBeNull();
  });
});

describe('params table → URL', () => {
  it('rewrites only the query, encoding separators but not {{variables}}', () => {
    expect(
      urlWithParams('{{baseUrl}}/items?old=1#frag', [
        row('q', 'a&b=c d'),
        row('tenant', '{{tenant}}'),
        row('off', 'x', false),
        row('', ''),
        row('path', '/x:y@z'),
      ]),
    ).toBe('{{baseUrl}}/items?q=a%26b=c%20d&tenant={{tenant}}&path=/x:y@z#frag');
  });

  it('drops the ? when no enabled param is left', () => {
    expect(urlWithParams('https://x.test/a?b=1', [row('b', '1', false)])).toBe('https://x.test/a');
  });

  it('round-trips any table through the URL and back', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: text.filter((s) => s !== ''), value: text }), { maxLength: 6 }),
        (pairs) => {
          const rows = pairs.map((p) => row(p.name, p.value));
          const url = urlWithParams('https://x.test/p', rows);
          expect(paramsFromUrl(url)).toEqual(rows);
          // And the URL is stable once written by the table.
          expect(urlWithParams(url, paramsFromUrl(url))).toBe(url);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('builds an empty query from no rows', () => {
    expect(buildQuery([])).toBe('');
  });
});
