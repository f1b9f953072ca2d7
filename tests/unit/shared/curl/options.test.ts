// curl's options as import reads them: methods, data rules, headers, flags, and what is reported
// as unsupported instead of being dropped.
import { describe, expect, it } from 'vitest';
import { parseCurl } from '#shared/curl/index.js';
import type { CurlParseResult, CurlRequest, CurlUnsupported } from '#shared/curl/index.js';

const URL = 'https://api.example.com/v1/items';

function ok(text: string): Extract<CurlParseResult, { ok: true }> {
  const result = parseCurl(text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return result;
}

const req = (text: string): CurlRequest => ok(text).request;
const unsupported = (text: string): CurlUnsupported[] => ok(text).unsupported;
const notes = (text: string): string => ok(text).notes.join('\n');

describe('method', () => {
  it.each([
    [`curl -X POST ${URL}`, 'POST'],
    [`curl --request POST ${URL}`, 'POST'],
    [`curl -XPOST ${URL}`, 'POST'],
    [`curl --request=PUT ${URL}`, 'PUT'],
    [`curl -X delete ${URL}`, 'DELETE'],
    [`curl ${URL}`, 'GET'],
    [`curl -d a=b ${URL}`, 'POST'],
    [`curl -I ${URL}`, 'HEAD'],
    [`curl -G -d a=b ${URL}`, 'GET'],
  ])('%s → %s', (text, method) => {
    expect(req(text).method).toBe(method);
  });

  it('says when it upper-cased a method', () => {
    expect(notes(`curl -X post ${URL}`)).toContain('sent as POST');
  });
});

describe('body data', () => {
  it('joins several -d with & like curl', () => {
    expect(
      req(`curl -d a=1 --data b=2 --data-ascii c=3 --data-raw d=4 --data-binary e=5 ${URL}`).body
        ?.text,
    ).toBe('a=1&b=2&c=3&d=4&e=5');
  });

  it('keeps --data-raw literal, even a leading @', () => {
    const r = ok(`curl --data-raw '@not-a-file' ${URL}`);
    expect(r.request.body?.text).toBe('@not-a-file');
    expect(r.unsupported).toEqual([]);
  });

  it.each([
    ['-d @body.txt', '-d @… reads from a file'],
    ['--data-binary @body.bin', '--data-binary @… reads from a file'],
    ['--data-urlencode secret@file.txt', 'name@file reads from a file'],
    ['--data-urlencode @file.txt', 'name@file reads from a file'],
  ])('reports %s as unsupported instead of dropping it', (option, reason) => {
    const list = unsupported(`curl ${option} ${URL}`);
    expect(list).toHaveLength(1);
    expect(list[0]?.reason).toContain(reason);
  });

  it.each([
    ["'scope=read write+x'", 'scope=read%20write%2Bx'],
    ["'=a b&c'", 'a%20b%26c'],
    ["'a b'", 'a%20b'],
    ["'grant_type=client_credentials'", 'grant_type=client_credentials'],
    ["'pw=p@ss=w0rd'", 'pw=p%40ss%3Dw0rd'],
    ["'k=~ok-._'", 'k=~ok-._'],
    [`"q=it's (x)*!"`, 'q=it%27s%20%28x%29%2A%21'],
    ["'é=é'", 'é=%C3%A9'],
  ])('--data-urlencode %s → %s', (arg, text) => {
    expect(req(`curl --data-urlencode ${arg} ${URL}`).body?.text).toBe(text);
  });

  it('decodes form fields for the wizard', () => {
    expect(req(`curl -d 'scope=a+b%2Fc' -d empty= -d flag ${URL}`).body?.params).toEqual([
      { name: 'scope', value: 'a b/c' },
      { name: 'empty', value: '' },
      { name: 'flag', value: '' },
    ]);
  });

  it('reads a JSON body as JSON even without a Content-Type, and says what curl would send', () => {
    const r = ok(`curl -d '{"audience":"x"}' ${URL}`);
    expect(r.request.body).toEqual({ kind: 'json', text: '{"audience":"x"}' });
    expect(r.notes.join('\n')).toContain('curl would label it application/x-www-form-urlencoded');
  });

  it('keeps an invalid JSON body raw when the Content-Type says JSON', () => {
    const r = ok(`curl -H 'Content-Type: application/json; charset=utf-8' -d 'a=b' ${URL}`);
    expect(r.request.body?.kind).toBe('raw');
    expect(r.notes.join('\n')).toContain('not valid JSON');
  });

  it('keeps other media types raw', () => {
    expect(req(`curl -H 'Content-Type: text/plain' -d 'a=b' ${URL}`).body?.kind).toBe('raw');
    expect(req(`curl -d 'just text' ${URL}`).body?.kind).toBe('raw');
  });

  it('supports --json with its headers', () => {
    const r = req(`curl --json '{"a":1}' ${URL}`);
    expect(r.method).toBe('POST');
    expect(r.body?.kind).toBe('json');
    expect(r.headers).toEqual([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Accept', value: 'application/json' },
    ]);
  });

  it('-G moves the data into the query string', () => {
    const r = ok(`curl -G -d limit=1 --data-urlencode 'q=a b' '${URL}?sort=-modifiedDate'`);
    expect(r.request.url).toBe(`${URL}?sort=-modifiedDate&limit=1&q=a%20b`);
    expect(r.request.body).toBeUndefined();
    expect(r.notes.join('\n')).toContain('-G/--get');
  });

  it('-F text fields become a form body; file uploads are reported', () => {
    const r = ok(`curl -F grant_type=client_credentials -F 'cert=@client.pem' ${URL}`);
    expect(r.request.body).toEqual({
      kind: 'form',
      text: 'grant_type=client_credentials',
      params: [{ name: 'grant_type', value: 'client_credentials' }],
    });
    expect(r.notes.join('\n')).toContain('multipart/form-data');
    expect(r.unsupported.map((u) => u.option)).toEqual(['-F']);
  });
});

describe('headers and credentials', () => {
  it('keeps header order and odd forms', () => {
    const r = ok(
      `curl -H 'B: 2' -H'A: 1' --header 'X-Empty;' -H 'Accept:' -H 'Host: h.example' ${URL}`,
    );
    expect(r.request.headers).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
      { name: 'X-Empty', value: '' },
      { name: 'Host', value: 'h.example' },
    ]);
    expect(r.notes.join('\n')).toContain("'Accept:' only removes a header");
  });

  it('reports a header that is not Name: value, without echoing it', () => {
    expect(unsupported(`curl -H 'secret-looking-text' ${URL}`)).toEqual([
      { option: '-H', reason: 'Not a "Name: value" header.' },
    ]);
  });

  it('--user id:secret gives Basic credentials; a missing password is noted', () => {
    expect(req(`curl --user id:sec:ret ${URL}`).basicAuth).toEqual({
      user: 'id',
      password: 'sec:ret',
      source: 'user-option',
      trailingNewline: false,
    });
    expect(notes(`curl -u id ${URL}`)).toContain('curl would prompt');
  });

  it('the Authorization header wins over -u, as in curl', () => {
    const r = ok(`curl -u a:b -H 'Authorization: Basic Yzpk' ${URL}`);
    expect(r.request.basicAuth).toMatchObject({
      user: 'c',
      password: 'd',
      source: 'authorization-header',
    });
    expect(r.notes.join('\n')).toContain('curl sends the header');
  });

  it('reports a Basic value that is not base64', () => {
    expect(unsupported(`curl -H 'Authorization: Basic not*base64' ${URL}`)).toEqual([
      {
        option: 'Authorization: Basic',
        reason: 'Could not decode it: the Basic value is not base64.',
      },
    ]);
  });

  it('maps -A, -e, -b and --oauth2-bearer to headers', () => {
    expect(
      req(`curl -A ua/1 -e https://ref.example -b 'sid=1' --oauth2-bearer tok ${URL}`).headers,
    ).toEqual([
      { name: 'User-Agent', value: 'ua/1' },
      { name: 'Referer', value: 'https://ref.example' },
      { name: 'Cookie', value: 'sid=1' },
      { name: 'Authorization', value: 'Bearer tok' },
    ]);
  });
});

describe('flags and settings', () => {
  it('reads TLS, redirect, compression and timeout options', () => {
    const r = req(
      `curl -sSLk --compressed -m 900 --connect-timeout 2.5 --cacert ca.pem --cert client.pem:pw --key client.key ${URL}`,
    );
    expect(r).toMatchObject({
      insecure: true,
      followRedirects: true,
      compressed: true,
      timeoutSeconds: 900,
      connectTimeoutSeconds: 2.5,
      caCert: 'ca.pem',
      clientCert: { certFile: 'client.pem', passphrase: 'pw', keyFile: 'client.key' },
    });
  });

  it('--insecure is reported as a trust question, not applied silently', () => {
    expect(notes(`curl --insecure ${URL}`)).toContain('ask how to trust');
  });

  it('--no-location turns a flag back off', () => {
    expect(req(`curl -L --no-location ${URL}`).followRedirects).toBe(false);
  });

  it('notes ignored output options and does not read their values as URLs', () => {
    const r = ok(`curl -s -v -i --silent --verbose --include -o out.json -w '%{http_code}' ${URL}`);
    expect(r.request.url).toBe(URL);
    expect(r.unsupported).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/-o: ignored/);
    expect(r.notes.join('\n')).toMatch(/--verbose: ignored/);
  });

  it('adds http:// to a URL without a scheme, like curl, and says so', () => {
    const r = ok('curl api.example.com/v1');
    expect(r.request.url).toBe('http://api.example.com/v1');
    expect(r.notes.join('\n')).toContain('assumes http://');
  });
});

describe('what is not understood is listed', () => {
  it('lists unknown long and short options', () => {
    expect(unsupported(`curl --frobnicate -Z ${URL}`).map((u) => u.option)).toEqual([
      '--frobnicate',
      '-Z',
    ]);
  });

  it('lists known-but-unsupported options without taking their value as a URL', () => {
    const r = ok(`curl --proxy http://proxy:8080 --digest -x http://p2 ${URL}`);
    expect(r.request.url).toBe(URL);
    expect(r.unsupported.map((u) => u.option)).toEqual(['--proxy', '--digest', '-x']);
  });

  it('lists extra URLs', () => {
    expect(unsupported(`curl ${URL} https://other.example`)).toEqual([
      expect.objectContaining({ option: 'https://other.example' }),
    ]);
  });

  it('lists an option missing its value', () => {
    expect(unsupported(`curl ${URL} -H`)).toEqual([
      { option: '-H', reason: 'The option is missing its value.' },
    ]);
  });

  it('lists shell syntax after the command', () => {
    const r = ok(`curl -s ${URL} | jq .access_token > token.txt`);
    expect(r.request.url).toBe(URL);
    expect(r.unsupported).toEqual([expect.objectContaining({ option: '| jq …' })]);
  });

  it('explains an unquoted & that cut the URL', () => {
    const r = ok(`curl ${URL}?a=1&b=2`);
    expect(r.request.url).toBe(`${URL}?a=1`);
    expect(r.unsupported[0]?.reason).toContain('Put the URL in quotes');
  });

  it('lists text after the command', () => {
    expect(unsupported(`curl ${URL}\n{"access_token": "x"}`)).toEqual([
      expect.objectContaining({ option: 'text after the command' }),
    ]);
  });
});
