import { describe, expect, it } from 'vitest';
import { parseCurl } from '#shared/curl/index.js';
import { base64Utf8, draftFromCurl, templatizeUrl } from '#shared/requests/curl-import.js';
import type { VariableInfo } from '#shared/requests/schemas.js';

const vars: VariableInfo[] = [
  { name: 'baseUrl', value: 'https://apicentral.axway.com', source: 'connection', description: '' },
  {
    name: 'baseUrl.central',
    value: 'https://apicentral.axway.com',
    source: 'connection',
    description: '',
  },
  {
    name: 'baseUrl.platform',
    value: 'https://platform.axway.com/',
    source: 'connection',
    description: '',
  },
];

function importCurl(command: string) {
  const parsed = parseCurl(command);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = draftFromCurl(parsed.request, vars);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('curl import into the composer', () => {
  it('maps method, URL (back onto base URL variables), params and headers; keeps its Bearer token as a custom header', () => {
    const { draft, notes } = importCurl(
      `curl -X GET 'https://apicentral.axway.com/apis/management/v1alpha1/environments?pageSize=5' -H 'Accept: application/json' -H 'Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig'`,
    );
    expect(draft.method).toBe('GET');
    expect(draft.url).toBe('{{baseUrl.central}}/apis/management/v1alpha1/environments?pageSize=5');
    expect(draft.params).toEqual([{ name: 'pageSize', value: '5', enabled: true }]);
    expect(draft.headers).toEqual([{ name: 'Accept', value: 'application/json', enabled: true }]);
    // Not silently replaced by the connection's token: the command sends its own.
    expect(draft.auth).toEqual({
      type: 'header',
      name: 'Authorization',
      value: 'Bearer eyJhbGciOi.eyJzdWIi.sig',
    });
    expect(notes.join(' ')).toMatch(/Bearer token was kept as a custom Authorization header/);
  });

  it('leaves out a Bearer token Grantline itself redacted, so the connection token is sent', () => {
    const { draft, notes } = importCurl(
      `curl 'https://apicentral.axway.com/x' -H 'Authorization: Bearer [redacted]'`,
    );
    expect(draft.auth).toEqual({ type: 'connection' });
    expect(notes.join(' ')).toMatch(/redacted Bearer token was left out/);
  });

  it('reads JSON and form bodies into their editors', () => {
    const json = importCurl(
      `curl https://platform.axway.com/api/v1/x -H 'Content-Type: application/json' --data '{"a":[1,2]}'`,
    );
    expect(json.draft.method).toBe('POST');
    expect(json.draft.url).toBe('{{baseUrl.platform}}/api/v1/x');
    expect(json.draft.body).toMatchObject({ mode: 'json', text: '{"a":[1,2]}' });
    expect(json.draft.headers).toEqual([]);
    const form = importCurl(`curl https://x.test/f --data-urlencode 'q=a b&c' -d n=1`);
    expect(form.draft.body.mode).toBe('form');
    expect(form.draft.body.form).toEqual([
      { name: 'q', value: 'a b&c', enabled: true },
      { name: 'n', value: '1', enabled: true },
    ]);
  });

  it('turns -u credentials into a Basic auth header (never stored) and notes -k', () => {
    const { draft, notes } = importCurl(`curl -k -u 'id:s3cr€t' https://x.test/`);
    expect(draft.auth).toEqual({
      type: 'header',
      name: 'Authorization',
      value: `Basic ${Buffer.from('id:s3cr€t').toString('base64')}`,
    });
    expect(notes.join(' ')).toMatch(/insecure was ignored/);
  });

  it('takes --max-time and --max-filesize as the timeout and the maximum response size', () => {
    const { draft } = importCurl('curl --max-time 12 --max-filesize 20M https://x.test/big');
    expect(draft.timeoutMs).toBe(12_000);
    expect(draft.maxResponseBytes).toBe(20 * 1024 * 1024);
    expect(importCurl('curl --max-filesize 512 https://x.test/').draft.maxResponseBytes).toBe(1024);
    expect(importCurl('curl --max-filesize 9G https://x.test/').draft.maxResponseBytes).toBe(
      1024 ** 3,
    );
    const parsed = parseCurl('curl --max-filesize lots https://x.test/');
    expect(parsed.ok && parsed.unsupported.map((u) => u.reason).join(' ')).toMatch(
      /needs a size in bytes/,
    );
  });

  it('encodes base64 like the platform does', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'id:secret\n', '€𝄞ü']) {
      expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
  });

  it('leaves URLs of other hosts alone', () => {
    expect(templatizeUrl('https://apicentral.axway.com.evil.test/x', vars)).toBe(
      'https://apicentral.axway.com.evil.test/x',
    );
  });
});
