import { describe, expect, it } from 'vitest';
import type { Connection } from '#shared/connection.js';
import { getPreset } from '#shared/presets/index.js';
import { resolveDraft } from '#shared/requests/resolve.js';
import { emptyDraft } from '#shared/requests/schemas.js';
import { layeredVariables, resolvedLookup } from '#shared/requests/variables.js';
import { environmentLayer } from '#shared/workspace/environment.js';
import { environmentFileSchema } from '#shared/workspace/schemas.js';

const preset = getPreset('axway-platform')!;
const stamp = '2026-01-01T00:00:00.000Z';
const connection = (over: Partial<Connection> = {}): Connection => ({
  id: 'conn-1',
  name: 'Central',
  presetId: preset.id,
  fields: {},
  clientId: 'client-1',
  tls: { insecure: false },
  allowHttp: false,
  createdAt: stamp,
  updatedAt: stamp,
  ...over,
});

const staging = environmentFileSchema.parse({
  name: 'Staging',
  variables: [
    { name: 'tenant', value: 'env-tenant' },
    { name: 'region', value: 'eu' },
    { name: 'apiKey', secret: true },
    { name: 'off', value: 'x', enabled: false },
  ],
  baseUrls: { 'conn-1': [{ name: 'Central', url: 'https://staging.example/' }] },
});

const byName = (list: ReturnType<typeof layeredVariables>) =>
  Object.fromEntries(list.map((v) => [v.name, { value: v.value, source: v.source }]));

describe('layeredVariables', () => {
  it('takes base URLs from the preset when the connection has none of its own', () => {
    const vars = byName(layeredVariables({ connection: connection(), preset }));
    expect(vars.baseUrl?.source).toBe('preset');
    expect(vars.baseUrl?.value).toBe(preset.apiBaseUrls[0]!.url.replace(/\/+$/, ''));
    expect(vars.clientId).toEqual({ value: 'client-1', source: 'connection' });
  });

  it('lets the connection override the preset, the environment the connection, the request the environment', () => {
    const own = connection({
      apiBaseUrls: [{ name: 'Central', url: 'https://prod.example' }],
      fields: { tenant: 'conn-tenant' },
    });
    const base = byName(layeredVariables({ connection: own, preset }));
    expect(base.baseUrl).toEqual({ value: 'https://prod.example', source: 'connection' });

    const withEnv = byName(
      layeredVariables({
        connection: own,
        preset,
        environment: environmentLayer(staging, 'conn-1'),
      }),
    );
    expect(withEnv.baseUrl).toEqual({ value: 'https://staging.example', source: 'environment' });
    expect(withEnv['baseUrl.central']).toEqual({
      value: 'https://staging.example',
      source: 'environment',
    });
    expect(withEnv.tenant).toEqual({ value: 'env-tenant', source: 'environment' });
    expect(withEnv.region).toEqual({ value: 'eu', source: 'environment' });
    expect(withEnv.off).toBeUndefined();

    const withRequest = byName(
      layeredVariables({
        connection: own,
        preset,
        environment: environmentLayer(staging, 'conn-1'),
        request: [{ name: 'region', value: 'us', enabled: true }],
      }),
    );
    expect(withRequest.region).toEqual({ value: 'us', source: 'request' });
    expect(withRequest.tenant?.source).toBe('environment');
  });

  it('keeps the connection base URLs when the environment sets none for this connection', () => {
    const own = connection({ apiBaseUrls: [{ name: 'Central', url: 'https://prod.example' }] });
    const vars = byName(
      layeredVariables({
        connection: own,
        preset,
        environment: environmentLayer(staging, 'other'),
      }),
    );
    expect(vars.baseUrl).toEqual({ value: 'https://prod.example', source: 'connection' });
  });

  it('shows a secret variable without its value and fills it in only from the given secrets', () => {
    const vars = layeredVariables({
      connection: connection(),
      preset,
      environment: environmentLayer(staging, 'conn-1'),
    });
    const secret = vars.find((v) => v.name === 'apiKey');
    expect(secret).toMatchObject({ value: null, secret: true, source: 'environment' });

    const draft = { ...emptyDraft(), url: '{{baseUrl}}/items?key={{apiKey}}' };
    const without = resolveDraft(draft, resolvedLookup(vars));
    expect(without.ok).toBe(false);
    expect(without.ok ? [] : without.error.missing).toEqual(['apiKey']);
    const filled = resolveDraft(
      draft,
      resolvedLookup(vars, (name) => (name === 'apiKey' ? 's3cr3t' : undefined)),
    );
    expect(filled.ok && filled.request.url).toBe('https://staging.example/items?key=s3cr3t');
  });
});
