import { describe, expect, it } from 'vitest';
import { parseCurl } from '#shared/curl/index.js';
import { draftFromCurl } from '#shared/requests/curl-import.js';
import { resolveDraft, type ResolvedRequest } from '#shared/requests/resolve.js';
import {
  emptyDraft,
  snippetTargetIds,
  type RequestDraft,
  type VariableInfo,
} from '#shared/requests/schemas.js';
import { variableLookup } from '#shared/requests/variables.js';
import { generateSnippet } from '../../../../../electron/core/requests/snippets.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYSJ9.c2lnbmF0dXJlLXNlY3JldA';
const vars: VariableInfo[] = [
  { name: 'baseUrl', value: 'https://api.example.test', source: 'connection', description: '' },
  {
    name: 'baseUrl.central',
    value: 'https://api.example.test',
    source: 'connection',
    description: '',
  },
];
const lookup = variableLookup(vars);

function resolve(over: Partial<RequestDraft>): ResolvedRequest {
  const result = resolveDraft({ ...emptyDraft(), ...over }, lookup);
  if (!result.ok) throw new Error(result.error.message);
  return result.request;
}

const redacted = { authorization: null, revealCustom: false };

describe('copy as curl / code snippets', () => {
  it('redacts the Authorization header by default, in every language', () => {
    const request = resolve({ url: '{{baseUrl}}/v1/items' });
    for (const target of snippetTargetIds) {
      const code = generateSnippet(request, target, redacted);
      expect(code, target).toContain('[redacted]');
      expect(code, target).not.toContain('eyJ');
    }
    expect(generateSnippet(request, 'shell:curl', redacted)).toContain(
      "--header 'Authorization: Bearer [redacted]'",
    );
  });

  it('puts the real token in only when main is given it (the user chose to include it)', () => {
    const request = resolve({ url: '{{baseUrl}}/v1/items' });
    const code = generateSnippet(request, 'shell:curl', {
      authorization: `Bearer ${TOKEN}`,
      revealCustom: true,
    });
    expect(code).toContain(`Authorization: Bearer ${TOKEN}`);
  });

  it('redacts a custom auth header too, and sends no Authorization when auth is none', () => {
    const custom = resolve({
      url: 'https://x.test/',
      auth: { type: 'header', name: 'X-API-Key', value: 'k-secret' },
    });
    const code = generateSnippet(custom, 'python:requests', redacted);
    expect(code).toContain('"X-API-Key": "[redacted]"');
    expect(code).not.toContain('k-secret');
    const none = generateSnippet(
      resolve({ url: 'https://x.test/', auth: { type: 'none' } }),
      'shell:curl',
      redacted,
    );
    expect(none).not.toMatch(/authorization/i);
  });

  it('gives curl the exact body bytes (no reformatting, form fields pre-encoded)', () => {
    const json = generateSnippet(
      resolve({
        method: 'POST',
        url: 'https://x.test/',
        body: { mode: 'json', text: '{"a":  "it\'s"}', form: [], contentType: '' },
      }),
      'shell:curl',
      redacted,
    );
    expect(json).toContain(`--data-binary '{"a":  "it'\\''s"}'`);
    const form = generateSnippet(
      resolve({
        method: 'POST',
        url: 'https://x.test/',
        body: {
          mode: 'form',
          text: '',
          form: [{ name: 'q', value: 'a&b c', enabled: true }],
          contentType: '',
        },
      }),
      'shell:curl',
      redacted,
    );
    expect(form).toContain("--data-binary 'q=a%26b+c'");
  });
});

describe('curl import round trip', () => {
  const cases: [string, Partial<RequestDraft>][] = [
    [
      'GET with repeated params and headers',
      {
        url: '{{baseUrl.central}}/api/traceability/v1/traceability/summary?groupBy=proxyId&groupBy=proxyRevision&count=10&from=1668895561864',
        headers: [
          { name: 'Accept', value: 'application/json', enabled: true },
          { name: 'X-Request-ID', value: 'a b "c"', enabled: true },
        ],
      },
    ],
    [
      'POST JSON',
      {
        method: 'POST',
        url: '{{baseUrl.central}}/v2/content/hubs',
        body: {
          mode: 'json',
          text: '{"name":"hub \'one\'","tags":["a","b"],"n":1.5}',
          form: [],
          contentType: 'text/plain',
        },
      },
    ],
    [
      'PUT form with characters that need encoding',
      {
        method: 'PUT',
        url: 'https://other.example.test:8443/form',
        body: {
          mode: 'form',
          text: '',
          form: [
            { name: 'q', value: 'a&b=c d+e', enabled: true },
            { name: 'grant_type', value: 'client_credentials', enabled: true },
          ],
          contentType: 'text/plain',
        },
      },
    ],
    [
      'PATCH raw text',
      {
        method: 'PATCH',
        url: '{{baseUrl.central}}/raw?x=1',
        body: { mode: 'raw', text: 'line one\nline "two"', form: [], contentType: 'text/csv' },
      },
    ],
  ];

  for (const [name, over] of cases) {
    it(`exports and re-imports: ${name}`, () => {
      const draft = { ...emptyDraft(), ...over };
      const curl = generateSnippet(resolve(draft), 'shell:curl', redacted);
      const parsed = parseCurl(curl);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const back = draftFromCurl(parsed.request, vars);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.draft.method).toBe(draft.method);
      expect(back.draft.url).toBe(draft.url);
      expect(back.draft.headers).toEqual(draft.headers);
      expect(back.draft.auth).toEqual({ type: 'connection' });
      expect(back.draft.body.mode).toBe(draft.body.mode);
      if (draft.body.mode === 'form') expect(back.draft.body.form).toEqual(draft.body.form);
      else expect(back.draft.body.text).toBe(draft.body.text);
      if (draft.body.mode === 'raw')
        expect(back.draft.body.contentType).toBe(draft.body.contentType);
    });
  }
});
