import { describe, expect, it } from 'vitest';
import { contract } from '#shared/ipc/contract.js';
import { parseCurl } from '#shared/curl/index.js';
import {
  draftTextIssues,
  jsonSyntaxError,
  requestDraftSchema,
  resolveDraft,
  type RequestDraftInput,
} from '#shared/requests/index.js';

const draft = (over: RequestDraftInput = {}) =>
  requestDraftSchema.parse({ url: 'https://api.example.com/items', ...over });
const header = (name: string, value: string) => ({ headers: [{ name, value, enabled: true }] });
const noVariables = (): undefined => undefined;

describe('draftTextIssues: what is wrong before variables are filled in', () => {
  it('finds nothing in an ordinary draft, with Unicode in the URL and Latin-1 in headers', () => {
    expect(draftTextIssues(draft({ url: 'https://api.example.com/größe?q=東京' }))).toEqual([]);
    expect(draftTextIssues(draft(header('X-Name', 'Müller')))).toEqual([]);
    expect(draftTextIssues(draft(header('X-{{tenant}}', '{{value}}')))).toEqual([]);
  });

  it('names the header row and field that is wrong', () => {
    expect(draftTextIssues(draft(header('X-A', 'b\r\nX-Evil: 1')))).toEqual([
      { path: ['headers', 0, 'value'], message: expect.stringMatching(/line break/) },
    ]);
    expect(draftTextIssues(draft(header('Bad Name', 'v')))[0]?.path).toEqual([
      'headers',
      0,
      'name',
    ]);
    expect(draftTextIssues(draft(header('X-Price', '€5')))[0]?.message).toMatch(/Latin-1/);
  });

  it('flags a URL with a line break, and one past 64 KB', () => {
    expect(draftTextIssues(draft({ url: 'https://a.example/x\r\nHost: evil' }))[0]).toEqual({
      path: ['url'],
      message: expect.stringMatching(/line break \(U\+000D\)/),
    });
    const long = `https://a.example/${'x'.repeat(70_000)}`;
    // Past the schema's own limit, so checked on a plain object (as the renderer does).
    expect(draftTextIssues({ ...draft(), url: long })[0]?.message).toMatch(/at most 64\.0 KB/);
  });

  it('checks the custom auth header too', () => {
    const issues = draftTextIssues(
      draft({ auth: { type: 'header', name: 'X-Api-Key', value: 'k\nX-Evil: 1' } }),
    );
    expect(issues[0]?.path).toEqual(['auth', 'value']);
  });
});

describe('the requests channels refuse what the composer would refuse', () => {
  const send = contract['requests:send'].args;
  const save = contract['requests:save'].args;
  const base = { requestId: 'req-12345678', connectionId: 'c1' };

  it('send and save refuse CR/LF in a header or the URL, even when the page is bypassed', () => {
    const bad = draft(header('X-A', 'b\r\nX-Evil: 1'));
    expect(send.safeParse({ ...base, draft: bad }).success).toBe(false);
    expect(save.safeParse({ connectionId: 'c1', name: 'n', draft: bad }).success).toBe(false);
    const badUrl = draft({ url: 'https://a.example/\nx' });
    expect(send.safeParse({ ...base, draft: badUrl }).error?.issues[0]?.path).toEqual([
      'draft',
      'url',
    ]);
    expect(send.safeParse({ ...base, draft: draft() }).success).toBe(true);
  });
});

describe('resolveDraft checks the request again once variables are filled in', () => {
  it('refuses a variable that brings a line break into a header or the URL', () => {
    const lookup = (name: string): string | undefined =>
      ({ evil: 'x\r\nX-Injected: 1', path: 'a\nb' })[name];
    const inHeader = resolveDraft(draft(header('X-A', '{{evil}}')), lookup);
    expect(inHeader.ok || inHeader.error.message).toMatch(/would start a new header/);
    const inUrl = resolveDraft(draft({ url: 'https://a.example/{{path}}' }), lookup);
    expect(inUrl.ok || inUrl.error.message).toMatch(/URL contains a line break/);
  });

  it('refuses a header value beyond Latin-1 with the reason', () => {
    const result = resolveDraft(draft(header('X-City', '東京')), noVariables);
    expect(result.ok || result.error.message).toMatch(/Latin-1/);
  });

  it('says where an invalid JSON body breaks: line and column', () => {
    const result = resolveDraft(
      draft({
        method: 'POST',
        body: { mode: 'json', text: '{\n  "a": 1\n  "b": 2\n}', form: [], contentType: '' },
      }),
      noVariables,
    );
    expect(result.ok || result.error.message).toBe(
      "The JSON body is not valid at line 3, column 3: Expected ',' or '}' after property value.",
    );
  });

  it('sends a 1 MB JSON body and Unicode untouched', () => {
    const text = JSON.stringify({ data: 'é'.repeat(1024 * 1024) });
    const result = resolveDraft(
      draft({ method: 'POST', body: { mode: 'json', text, form: [], contentType: '' } }),
      noVariables,
    );
    expect(result.ok && result.request.body?.text).toBe(text);
  });
});

describe('jsonSyntaxError', () => {
  it('gives line, column and the parser words without quoting the text', () => {
    expect(jsonSyntaxError('{"a": 1}')).toBeNull();
    const error = jsonSyntaxError('[1,\n 2,,]');
    expect(error).toMatchObject({ line: 2, column: 5 });
    expect(error?.message).not.toMatch(/is not valid JSON/);
  });
});

describe('curl import never carries a header HTTP could not send', () => {
  it('lists a CRLF header as not imported, and refuses a URL with a line break', () => {
    const parsed = parseCurl("curl -H $'X-A: b\\r\\nX-Evil: c' https://a.example/t");
    expect(parsed.ok && parsed.request.headers).toEqual([]);
    expect(parsed.ok && parsed.unsupported[0]?.reason).toMatch(/line break/);
    const url = parseCurl("curl $'https://a.example/t\\r\\nx'");
    expect(url.ok || url.error.message).toMatch(/URL contains a line break/);
  });
});
