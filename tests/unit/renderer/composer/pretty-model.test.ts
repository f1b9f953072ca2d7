import { describe, expect, it } from 'vitest';
import { FoldMap } from '../../../../renderer/src/views/composer/fold-map.js';
import { tokenizeLine } from '../../../../renderer/src/views/composer/pretty-tokens.js';

describe('FoldMap', () => {
  it('maps visible rows to lines around folded blocks and back', () => {
    // Lines 0–19; fold 2–5 (hides 3, 4, 5) and 10–15 (hides 11–15).
    const folds = new FoldMap().toggle(10, 15).toggle(2, 5);
    expect(folds.hidden).toBe(8);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((r) => folds.lineAt(r))).toEqual([
      0, 1, 2, 6, 7, 8, 9, 10, 16,
    ]);
    expect(folds.rowOf(16)).toBe(8);
    expect(folds.rowOf(4)).toBe(2); // hidden: the fold's first line
    expect(folds.rowOf(12)).toBe(7);
    for (let row = 0; row < 12; row++) expect(folds.rowOf(folds.lineAt(row))).toBe(row);
  });

  it('keeps only the outermost folds, unfolds on a second toggle, and reveals a hidden line', () => {
    let folds = new FoldMap().toggle(4, 6).toggle(2, 10);
    expect(folds.ranges).toEqual([[2, 10]]);
    expect(folds.toggle(4, 6)).toBe(folds); // inside a folded block: nothing to do
    folds = folds.toggle(2, 10);
    expect(folds.ranges).toEqual([]);
    folds = new FoldMap().toggle(2, 10).toggle(12, 14);
    const revealed = folds.reveal(5);
    expect(revealed.ranges).toEqual([[12, 14]]);
    expect(revealed.reveal(1)).toBe(revealed);
    expect(folds.isFolded(12)).toBe(true);
  });
});

describe('tokenizeLine', () => {
  const kinds = (line: string, lang: 'json' | 'xml' | 'html') =>
    tokenizeLine(line, lang).map((t) => [t.kind, t.text]);

  it('tells JSON keys, strings, numbers, literals and punctuation apart', () => {
    expect(kinds('  "na\\"me": "x, y",', 'json')).toEqual([
      ['', '  '],
      ['key', '"na\\"me"'],
      ['punct', ':'],
      ['', ' '],
      ['string', '"x, y"'],
      ['punct', ','],
    ]);
    expect(kinds('  -1.5e3, true, null', 'json')).toEqual([
      ['', '  '],
      ['number', '-1.5e3'],
      ['punct', ','],
      ['', ' '],
      ['literal', 'true'],
      ['punct', ','],
      ['', ' '],
      ['literal', 'null'],
    ]);
    // A line cut in the middle of a string still highlights what is there.
    expect(kinds('"abc', 'json')).toEqual([['string', '"abc']]);
  });

  it('highlights tags, attributes and comments, and leaves text between tags plain', () => {
    expect(kinds('<a href="x" id=\'y\'>say "hi"</a>', 'html')).toEqual(
      [
        ['tag', '<a'],
        ['', ' '],
        ['attr', 'href'],
        ['', '='],
        ['string', '"x"'],
        ['', ' '],
        ['attr', 'id'],
        ['', '='],
        ['string', "'y'"],
        ['tag', '>'],
        ['', 'say "hi"'],
        ['tag', '</a'],
        ['tag', '>'],
      ].reduce<[string, string][]>((out, [k, t]) => {
        const last = out.at(-1);
        if (last !== undefined && last[0] === k) last[1] += t;
        else out.push([k as string, t as string]);
        return out;
      }, []),
    );
    expect(kinds('  <!-- note -->', 'xml')).toEqual([
      ['', '  '],
      ['comment', '<!-- note -->'],
    ]);
  });
});
