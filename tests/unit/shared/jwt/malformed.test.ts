import { describe, expect, it } from 'vitest';
import { decodeToken } from '#shared/jwt/decode.js';
import type { DecodeError, DecodedToken } from '#shared/jwt/types.js';
import { b64u, compactToken } from '../../../fixtures/jwt/samples.js';

function decoded(token: string): DecodedToken {
  const result = decodeToken(token);
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.token;
}

function failure(token: string): DecodeError {
  const result = decodeToken(token);
  if (result.ok) throw new Error(`expected an error, got kind ${result.token.kind}`);
  return result.error;
}

describe('decodeToken: malformed tokens get a precise error', () => {
  const header = { alg: 'RS256', typ: 'JWT' };
  const good = compactToken(header, { sub: 'abc', exp: 1700000000, name: 'a longer name value' });
  const [h = '', p = '', s = ''] = good.split('.');

  it('rejects the empty string', () => {
    expect(failure('').code).toBe('empty');
  });

  it('reports a token cut inside the payload (impossible base64url length)', () => {
    let cut = p.length - 1;
    while (cut % 4 !== 1) cut -= 1;
    const error = failure(`${h}.${p.slice(0, cut)}.${s}`);
    expect(error.code).toBe('invalid_length');
    expect(error.part).toBe('payload');
    expect(error.offset).toBe(h.length + 1 + cut);
    expect(error.header).toEqual(header);
  });

  it('reports JSON that stops early when the cut still decodes', () => {
    let cut = p.length - 6;
    while (cut % 4 !== 0) cut -= 1;
    const error = failure(`${h}.${p.slice(0, cut)}.${s}`);
    expect(error.code).toBe('invalid_json');
    expect(error.part).toBe('payload');
    expect(error.message).toMatch(/stops early/);
    expect(error.hint).toMatch(/truncated/);
    expect(error.byteOffset).toBe((cut / 4) * 3);
  });

  it('reports a missing signature part (2 parts) at the end of the token', () => {
    const error = failure(`${h}.${p}`);
    expect(error.code).toBe('wrong_part_count');
    expect(error.offset).toBe(h.length + 1 + p.length);
    expect(error.message).toMatch(/2 parts/);
    expect(error.header).toEqual(header);
  });

  it('reports the cut inside the payload when a 2-part token was truncated mid-payload', () => {
    const error = failure(`${h}.${p.slice(0, 21)}`);
    expect(error).toMatchObject({ code: 'invalid_length', part: 'payload', offset: h.length + 22 });
    expect(error.header).toEqual(header);
  });

  it('reports 4 and 6 parts', () => {
    expect(failure(`${good}.extra`).message).toMatch(/4 parts/);
    expect(failure(`${good}.a.b.c`).message).toMatch(/6 parts/);
  });

  it('reports a lone header', () => {
    const error = failure(h);
    expect(error.code).toBe('wrong_part_count');
    expect(error.message).toMatch(/no '\.'/);
  });

  it('reports an empty header and an empty payload', () => {
    expect(failure(`.${p}.${s}`)).toMatchObject({ code: 'empty_part', part: 'header', offset: 0 });
    expect(failure(`${h}..${s}`)).toMatchObject({
      code: 'empty_part',
      part: 'payload',
      offset: h.length + 1,
    });
  });

  it('names a foreign character and its offsets', () => {
    const broken = `${h}.${p.slice(0, 10)}*${p.slice(11)}.${s}`;
    const error = failure(broken);
    expect(error).toMatchObject({
      code: 'invalid_character',
      part: 'payload',
      partIndex: 1,
      partOffset: 10,
      offset: h.length + 11,
    });
    expect(error.message).toContain("'*'");
  });

  it("explains '+' and '/' as standard base64", () => {
    const error = failure(`${h}.${p}.ab+c/d`);
    expect(error.part).toBe('signature');
    expect(error.hint).toMatch(/standard base64/);
  });

  it('reports invalid UTF-8 with its byte offset', () => {
    const bad = b64u([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const error = failure(`${bad}.${p}.${s}`);
    expect(error).toMatchObject({ code: 'invalid_utf8', part: 'header', byteOffset: 6 });
    expect(error.message).toMatch(/0xff/);
  });

  it('reports invalid JSON with its byte offset', () => {
    const error = failure(compactToken(header, '{"sub":"x",}'));
    expect(error).toMatchObject({ code: 'invalid_json', part: 'payload', byteOffset: 11 });
    expect(error.message).toContain('a property name in double quotes');
  });

  it('rejects a header that is not a JSON object', () => {
    expect(failure(compactToken(['RS256'], { a: 1 }))).toMatchObject({
      code: 'not_an_object',
      part: 'header',
    });
    expect(failure(compactToken(header, '"just text"'))).toMatchObject({
      code: 'not_an_object',
      part: 'payload',
    });
  });

  it('ignores base64 padding with a note', () => {
    const padded = `${h}.${p}==.${s}`;
    const token = decoded(padded);
    expect(token.payload).toMatchObject({ sub: 'abc' });
    expect(token.notes.join(' ')).toMatch(/padding/);
  });

  it('decodes a JWS whose signature was stripped, without calling it unsecured', () => {
    const token = decoded(`${h}.${p}.`);
    expect(token.kind).toBe('jws');
    if (token.kind === 'jws') expect(token.signatureBytes).toBe(0);
  });
});
