import { describe, expect, it } from 'vitest';
import {
  headerNameProblem,
  headerValueProblem,
  httpUrlProblem,
  inputLimits,
  singleLineProblem,
} from '#shared/input-rules.js';

const MB = 'x'.repeat(1024 * 1024);

describe('headerNameProblem (RFC 9110 token)', () => {
  it('accepts tokens', () => {
    for (const name of ['Host', 'X-Tenant', "a!#$%&'*+.^_`|~z", 'X-1']) {
      expect(headerNameProblem(name)).toBeUndefined();
    }
  });

  it('refuses line breaks, NUL, spaces, colons and non-ASCII, naming the character', () => {
    expect(headerNameProblem('X-A\r\nX-Evil')).toMatch(/U\+000D \(carriage return\)/);
    expect(headerNameProblem('X-A\nB')).toMatch(/U\+000A \(line feed\)/);
    expect(headerNameProblem('X\0')).toMatch(/U\+0000 \(NUL\)/);
    expect(headerNameProblem('Bad Name')).toMatch(/not a valid header name.*U\+0020/);
    expect(headerNameProblem('X:Y')).toMatch(/U\+003A/);
    expect(headerNameProblem('X-Grüße')).toMatch(/ASCII only; “ü” \(U\+00FC\)/);
    expect(headerNameProblem('')).toBe('Enter a header name.');
  });

  it('refuses a 1 MB name with its size, not its text', () => {
    const problem = headerNameProblem(MB) ?? '';
    expect(problem).toMatch(/is 1\.0 MB long; at most 256 characters fits/);
    expect(problem.length).toBeLessThan(200);
  });
});

describe('headerValueProblem', () => {
  it('accepts printable ASCII, tabs and Latin-1', () => {
    for (const value of ['acme', 'a\tb', 'Müller café', 'Bearer {{token}}', '']) {
      expect(headerValueProblem(value)).toBeUndefined();
    }
  });

  it('refuses CR, LF and CRLF anywhere (header injection)', () => {
    for (const value of ['a\r\nX-Evil: 1', 'a\nX-Evil: 1', 'a\rX-Evil: 1', '\r\n']) {
      expect(headerValueProblem(value, 'X-A')).toMatch(
        /The value of X-A contains a line break .*would start a new header/,
      );
    }
  });

  it('refuses NUL and other control characters', () => {
    expect(headerValueProblem('a\0b')).toMatch(/control character, U\+0000 \(NUL\)/);
    expect(headerValueProblem('a\x7fb')).toMatch(/U\+007F/);
  });

  it('refuses text past Latin-1 and explains why', () => {
    const problem = headerValueProblem('price €5', 'X-Price') ?? '';
    expect(problem).toMatch(/“€” \(U\+20AC\)/);
    expect(problem).toMatch(/Latin-1.*percent-encode.*body/);
    expect(headerValueProblem('日本')).toMatch(/U\+65E5/);
    expect(headerValueProblem('😀')).toMatch(/U\+1F600/);
  });

  it('refuses a value past the limit', () => {
    expect(headerValueProblem('a'.repeat(inputLimits.headerValue))).toBeUndefined();
    expect(headerValueProblem('a'.repeat(inputLimits.headerValue + 1))).toMatch(/at most 16\.0 KB/);
  });
});

describe('httpUrlProblem', () => {
  it('accepts http(s) URLs, with Unicode in the path and query', () => {
    for (const url of [
      'https://idp.example.com/oauth2/token',
      'http://127.0.0.1:8080/token',
      'https://idp.example.com/größe?q=日本',
      '  https://idp.example.com/token  ',
    ]) {
      expect(httpUrlProblem(url)).toBeUndefined();
    }
  });

  it('refuses other schemes, missing schemes and non-URLs', () => {
    expect(httpUrlProblem('ftp://x.example/a')).toMatch(/uses ftp:\/\/; only http/);
    expect(httpUrlProblem('javascript:alert(1)')).toMatch(/must start with https:\/\//);
    expect(httpUrlProblem('idp.example.com/token')).toMatch(/must start with https:\/\//);
    expect(httpUrlProblem('https://')).toMatch(/not a full http\(s\) URL/);
    expect(httpUrlProblem('')).toBe('Enter the URL.');
  });

  it('refuses line breaks, tabs and NUL the URL parser would silently drop', () => {
    expect(httpUrlProblem('https://idp.exa\r\nmple.com/token')).toMatch(/U\+000D/);
    expect(httpUrlProblem('https://idp.example.com/to\tken')).toMatch(/U\+0009 \(tab\)/);
    expect(httpUrlProblem('https://idp.example.com/\0')).toMatch(/U\+0000/);
  });

  it('asks for the ASCII form of an international host name', () => {
    expect(httpUrlProblem('https://bücher.example/token')).toMatch(/xn--bcher-kva\.example/);
  });

  it('refuses a 1 MB URL by its size', () => {
    expect(httpUrlProblem(`https://x.example/${MB}`)).toMatch(/is 1\.0 MB long/);
  });
});

describe('singleLineProblem', () => {
  it('accepts one line of any script, refuses breaks, controls and length', () => {
    expect(singleLineProblem('Équipe 東京 😀', 'The name', 200)).toBeUndefined();
    expect(singleLineProblem('a\nb', 'The name', 200)).toMatch(/must be on one line/);
    expect(singleLineProblem('a\u0007b', 'The name', 200)).toMatch(/invisible control character/);
    expect(singleLineProblem('a'.repeat(201), 'The name', 200)).toMatch(/at most 200 characters/);
  });
});
