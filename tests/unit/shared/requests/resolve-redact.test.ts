import { describe, expect, it } from 'vitest';
import { getPreset, presets } from '#shared/presets/index.js';
import { catalogTemplates } from '#shared/requests/catalog.js';
import { redactDraft, storableVariables } from '#shared/redaction.js';
import { resolveDraft } from '#shared/requests/resolve.js';
import { emptyDraft, type RequestDraft, type VariableInfo } from '#shared/requests/schemas.js';
import { variableLookup } from '#shared/requests/variables.js';

const draft = (over: Partial<RequestDraft>): RequestDraft => ({ ...emptyDraft(), ...over });
const lookup = variableLookup([
  { name: 'baseUrl', value: 'https://api.test' },
  { name: 'id', value: '42' },
]);
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('resolveDraft', () => {
  it('fills variables everywhere and adds the Content-Type of the body mode', () => {
    const result = resolveDraft(
      draft({
        method: 'POST',
        url: '{{baseUrl}}/items/{{id}}',
        headers: [{ name: 'X-Id', value: '{{id}}', enabled: true }],
        body: { mode: 'json', text: '{"id": {{id}}}', form: [], contentType: 'text/plain' },
      }),
      lookup,
    );
    expect(result.ok && result.request).toEqual({
      method: 'POST',
      url: 'https://api.test/items/42',
      headers: [
        { name: 'X-Id', value: '42' },
        { name: 'Content-Type', value: 'application/json' },
      ],
      auth: { type: 'connection' },
      body: { text: '{"id": 42}', contentType: 'application/json', mode: 'json' },
    });
  });

  it('names every missing variable instead of sending', () => {
    const result = resolveDraft(draft({ url: '{{baseUrl}}/{{tenant}}/{{env}}' }), lookup);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.missing).toEqual(['tenant', 'env']);
      expect(result.error.message).toContain('{{tenant}}, {{env}}');
    }
  });

  it('refuses JSON that does not parse once filled in, and header values with line breaks', () => {
    const bad = resolveDraft(
      draft({
        method: 'POST',
        url: 'https://x.test',
        body: { mode: 'json', text: '{"a": }', form: [], contentType: '' },
      }),
      lookup,
    );
    expect(bad.ok || bad.error.message).toMatch(/JSON body is not valid at line 1, column 7/);
    const header = resolveDraft(
      draft({
        url: 'https://x.test',
        headers: [{ name: 'X', value: 'a\r\nInjected: 1', enabled: true }],
      }),
      lookup,
    );
    expect(header.ok).toBe(false);
  });

  it('encodes form fields as application/x-www-form-urlencoded', () => {
    const result = resolveDraft(
      draft({
        method: 'POST',
        url: 'https://x.test',
        body: {
          mode: 'form',
          text: '',
          form: [
            { name: 'a b', value: "x&y=z+'", enabled: true },
            { name: 'off', value: '1', enabled: false },
          ],
          contentType: '',
        },
      }),
      lookup,
    );
    expect(result.ok && result.request.body?.text).toBe('a+b=x%26y%3Dz%2B%27');
  });

  it('keeps a Content-Type the user set', () => {
    const result = resolveDraft(
      draft({
        method: 'PUT',
        url: 'https://x.test',
        headers: [{ name: 'content-type', value: 'application/merge-patch+json', enabled: true }],
        body: { mode: 'json', text: '{}', form: [], contentType: '' },
      }),
      lookup,
    );
    expect(result.ok && result.request.headers).toEqual([
      { name: 'content-type', value: 'application/merge-patch+json' },
    ]);
  });
});

describe('redactDraft', () => {
  it('blanks credentials in headers, query, form, JSON and the custom auth header', () => {
    const redacted = redactDraft(
      draft({
        url: '{{baseUrl}}/x?access_token=abc&page=2',
        params: [
          { name: 'access_token', value: 'abc', enabled: true },
          { name: 'page', value: '2', enabled: true },
        ],
        headers: [
          { name: 'Authorization', value: 'Bearer abc', enabled: true },
          { name: 'X-Trace', value: JWT, enabled: true },
          { name: 'Accept', value: 'application/json', enabled: true },
        ],
        body: {
          mode: 'json',
          text: JSON.stringify(
            { user: 'me', password: 'hunter2', nested: { client_secret: 's' } },
            null,
            2,
          ),
          form: [{ name: 'client_secret', value: 's', enabled: true }],
          contentType: '',
        },
        auth: { type: 'header', name: 'X-API-Key', value: 'k-123' },
      }),
    );
    const text = JSON.stringify(redacted);
    for (const secret of ['abc', 'hunter2', '"s"', 'k-123', JWT])
      expect(text).not.toContain(secret);
    expect(redacted.url).toBe('{{baseUrl}}/x?access_token&page=2');
    expect(redacted.headers[2]).toEqual({
      name: 'Accept',
      value: 'application/json',
      enabled: true,
    });
    expect(JSON.parse(redacted.body.text)).toEqual({
      user: 'me',
      password: '',
      nested: { client_secret: '' },
    });
  });

  it('keeps variables only when they do not look like credentials', () => {
    expect(
      storableVariables([
        { name: 'tenant', value: 'acme', enabled: true },
        { name: 'apiKey', value: 'x', enabled: true },
        { name: 'note', value: `Bearer ${JWT}`, enabled: true },
      ]).map((v) => v.name),
    ).toEqual(['tenant']);
  });
});

describe('catalog templates', () => {
  it('turns every documented endpoint into a draft on a base URL variable', () => {
    for (const preset of presets) {
      const vars: VariableInfo[] = preset.apiBaseUrls.map((b, i) => ({
        name: i === 0 ? 'baseUrl' : 'x',
        value: b.url,
        source: 'connection',
        description: '',
      }));
      for (const b of preset.apiBaseUrls) {
        const slug = b.name
          .replace(/\s+(\w)/g, (_m, c: string) => c.toUpperCase())
          .replace(/^\w/, (c) => c.toLowerCase());
        vars.push({ name: `baseUrl.${slug}`, value: b.url, source: 'connection', description: '' });
      }
      for (const t of catalogTemplates(preset, vars)) {
        expect(t.draft.url).toMatch(/^\{\{baseUrl\.\w+\}\}\//);
      }
    }
    const support = catalogTemplates(getPreset('axway-support')!, [
      { name: 'baseUrl.support', value: 'https://s.test', source: 'connection', description: '' },
    ])[0]!;
    expect(support.draft.url).toBe(
      '{{baseUrl.support}}/sphere/api/v1/case?limit=1&sort=-modifiedDate',
    );
  });

  it('falls back to the documented host when the connection has no base URL of that name', () => {
    const [first] = catalogTemplates(getPreset('amplience')!, []);
    expect(first!.draft.url).toBe('https://api.amplience.net/v2/content/hubs');
  });
});
