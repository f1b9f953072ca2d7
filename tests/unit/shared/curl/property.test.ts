// Properties over generated input: parsing never throws, and values quoted by a shell-quoting
// library come back unchanged.
import fc from 'fast-check';
import { quote } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { parseCurl, toTokenRequestDraft } from '#shared/curl/index.js';
import type { CurlParseResult } from '#shared/curl/index.js';

/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Fragments that exercise the shell and curl syntax the parser cares about. */
const fragment = fc.constantFrom(
  'curl',
  'curl.exe',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '\\',
  '\\\n',
  '^',
  '^\n',
  '`',
  '`\n',
  "'",
  '"',
  '$',
  '${',
  '}',
  '$(',
  "$'",
  '#',
  '|',
  '&',
  ';',
  '<',
  '>',
  '(',
  ')',
  '*',
  '?',
  '%',
  '@',
  '=',
  ':',
  '-',
  '--',
  '-d',
  '-H',
  '-u',
  '-X',
  '-F',
  '-G',
  '-k',
  '-sSL',
  '--data-urlencode',
  '--url',
  '--json',
  '--cert',
  '--no-location',
  '--request=',
  'https://',
  'http://h.example',
  'a=b',
  'Authorization: Basic ',
  'Yzpk',
  'Content-Type: application/json',
  '{"a":1}',
  '“',
  '”',
  '‘',
  '’',
  '—',
  '\u00a0',
  '\u200d',
  '<host>',
  '{x}',
  '\ud800',
);

function wellFormed(result: CurlParseResult): void {
  if (result.ok) {
    expect(typeof result.request.url).toBe('string');
    expect(Array.isArray(result.notes)).toBe(true);
    expect(Array.isArray(result.unsupported)).toBe(true);
    const draft = toTokenRequestDraft(result.request);
    expect(Array.isArray(draft.warnings)).toBe(true);
  } else {
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.hint.length).toBeGreaterThan(0);
  }
}

describe('parseCurl on generated input', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, maxLength: 200 }), (text) => {
        wellFormed(parseCurl(text));
        wellFormed(parseCurl(`curl ${text}`));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on curl-like strings', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        wellFormed(parseCurl(parts.join('')));
        wellFormed(parseCurl(`curl ${parts.join(' ')}`));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns values quoted for a POSIX shell exactly as given', () => {
    // Printable text, tabs and newlines: what a person puts in header values and bodies.
    // Carriage returns, typographic quotes and dashes are excluded: import rewrites them on purpose.
    const unit = fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ09éß€\t\n'.split(''));
    const value = fc.string({ unit, minLength: 1, maxLength: 30 });
    // Header values as HTTP can carry them: one line of Latin-1 (see the next test for the rest).
    const headerUnit = fc.constantFrom(...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~aZ09éß\t'.split(''));
    const headerValue = fc.string({ unit: headerUnit, minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), headerValue, (parts, header) => {
        const data = parts.map((p) => `--data-raw ${quote([p])}`).join(' ');
        const text = `curl ${data} -H ${quote([`X-Test: v${header}`])} https://h.example/t`;
        const result = parseCurl(text);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.request.url).toBe('https://h.example/t');
        expect(result.request.body?.text).toBe(parts.join('&'));
        expect(result.request.headers[0]?.value).toBe(`v${header}`.trim());
      }),
      { numRuns: 1500 },
    );
  });

  it('never imports a header HTTP could not send as written, and says why', () => {
    // A line break (header injection), another control character or text past Latin-1, anywhere.
    const bad = fc.constantFrom('\r\n', '\n', '\r', '\0', '\x7f', '€', '日');
    const text = fc.string({ unit: fc.constantFrom(...'aZ09 -:;é'.split('')), maxLength: 10 });
    // Something after the bad character, so it is inside the value (curl trims the ends).
    const tail = fc.string({ unit: fc.constantFrom(...'aZ09é'.split('')), minLength: 1 });
    fc.assert(
      fc.property(text, bad, tail, (before, char, after) => {
        const header = `X-Test: v${before}${char}${after}`;
        const result = parseCurl(`curl -H ${quote([header])} https://h.example/t`);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.request.headers).toEqual([]);
        expect(result.unsupported.map((u) => u.option)).toContain('-H "X-Test"');
      }),
      { numRuns: 500 },
    );
  });
});
