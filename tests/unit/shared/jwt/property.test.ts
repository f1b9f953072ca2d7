import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken } from '#shared/jwt/decode.js';
import { inspectToken } from '#shared/jwt/inspect.js';
import { locateJsonError } from '#shared/jwt/json-locate.js';
import { decodeUtf8Strict } from '#shared/jwt/utf8.js';
import { compactToken, NOW, WSO2_TOKEN } from '../../../fixtures/jwt/samples.js';

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.stringMatching(/^[A-Za-z0-9_\-.=+/ \n]{0,200}$/),
);

/** A valid token with one random edit: truncation, deletion, insertion or replacement. */
const mutatedToken = fc
  .record({
    claims: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }),
    at: fc.nat(),
    edit: fc.constantFrom('truncate', 'delete', 'insert', 'replace'),
    char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  })
  .map(({ claims, at, edit, char }) => {
    const token = compactToken({ alg: 'RS256', kid: 'k' }, claims);
    const i = at % (token.length + 1);
    if (edit === 'truncate') return token.slice(0, i);
    if (edit === 'delete') return token.slice(0, i) + token.slice(i + 1);
    if (edit === 'insert') return token.slice(0, i) + char + token.slice(i);
    return token.slice(0, i) + char + token.slice(i + 1);
  });

describe('decoding never throws', () => {
  it('decodeToken returns a result for arbitrary strings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = decodeToken(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('inspectToken returns a result for arbitrary strings and edited tokens', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, mutatedToken),
        fc.integer({ min: -1e13, max: 1e13 }),
        (text, now) => {
          const result = inspectToken(text, { now });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('errors on edited tokens point inside the token', () => {
    fc.assert(
      fc.property(mutatedToken, (token) => {
        const result = decodeToken(token);
        if (result.ok || result.error.offset === undefined) return;
        expect(result.error.offset).toBeGreaterThanOrEqual(0);
        expect(result.error.offset).toBeLessThanOrEqual(token.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation of a real token is an error or a shorter JWS, never a crash', () => {
    for (let i = 0; i <= WSO2_TOKEN.length; i += 1) {
      const result = decodeToken(WSO2_TOKEN.slice(0, i));
      if (result.ok) expect(['jws', 'opaque']).toContain(result.token.kind);
    }
  });

  it('decodes any JSON claims set it is given back unchanged', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (claims) => {
        const result = decodeToken(compactToken({ alg: 'ES256' }, claims));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.token.payload).toEqual(JSON.parse(JSON.stringify(claims)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('helpers agree with the platform', () => {
  it('locateJsonError finds an error exactly when JSON.parse throws', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc.json().map((text) => text.slice(0, Math.floor(text.length / 2))),
      fc.stringMatching(/^[{}[\]",:0-9a-z\\ .e+-]{0,40}$/),
    );
    fc.assert(
      fc.property(jsonish, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const located = locateJsonError(text);
        expect(located === null).toBe(valid);
        if (located !== null) expect(located.index).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodeUtf8Strict matches TextDecoder in fatal mode', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s)),
        ),
        (bytes) => {
          let expected: string | null;
          try {
            expected = decoder.decode(bytes);
          } catch {
            expected = null;
          }
          const result = decodeUtf8Strict(bytes);
          expect(result.ok ? result.text : null).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('inspectToken is pure in now: same input, same output', () => {
    const token = compactToken({ alg: 'RS256' }, { exp: 1700000000.5, iat: 1699999000 });
    expect(inspectToken(token, { now: NOW })).toEqual(inspectToken(token, { now: NOW }));
  });
});
