import { describe, expect, it } from 'vitest';
import { connectionSchema, type Connection } from '#shared/connection.js';
import { getPreset } from '#shared/presets/index.js';
import {
  connectionVariables,
  findVariables,
  slugForVariable,
  substitute,
  variableLookup,
} from '#shared/requests/variables.js';

const stamp = '2024-01-01T00:00:00.000Z';
const connection = (over: Record<string, unknown>): Connection =>
  connectionSchema.parse({
    id: 'c1',
    name: 'Test',
    presetId: 'axway-platform',
    clientId: 'sa-client',
    createdAt: stamp,
    updatedAt: stamp,
    ...over,
  });

describe('variable substitution', () => {
  it('fills in known variables and reports unknown ones, leaving them as written', () => {
    const lookup = variableLookup([{ name: 'baseUrl', value: 'https://api.test' }]);
    expect(substitute('{{baseUrl}}/v1/{{ tenant }}/x?q={{baseUrl}}', lookup)).toEqual({
      text: 'https://api.test/v1/{{ tenant }}/x?q=https://api.test',
      missing: ['tenant'],
    });
  });

  it('inserts values literally (no encoding, no recursive expansion)', () => {
    const lookup = variableLookup([
      { name: 'a', value: '{{b}} & ?x=1' },
      { name: 'b', value: 'never' },
    ]);
    expect(substitute('[{{a}}]', lookup).text).toBe('[{{b}} & ?x=1]');
  });

  it('ignores braces that are not a variable', () => {
    expect(findVariables('{"a": {"b": 1}} {{ ok.name-1 }} {{1bad}} {{}} {{x}}')).toEqual([
      'ok.name-1',
      'x',
    ]);
    expect(substitute('{"a":{"b":1}}', () => 'X')).toEqual({ text: '{"a":{"b":1}}', missing: [] });
  });

  it('lets later lists win and skips disabled or badly named rows', () => {
    const lookup = variableLookup(
      [{ name: 'host', value: 'from-connection' }],
      [
        { name: 'host', value: 'mine', enabled: true },
        { name: 'skip', value: 'x', enabled: false },
        { name: 'bad name', value: 'x', enabled: true },
      ],
    );
    expect(lookup('host')).toBe('mine');
    expect(lookup('skip')).toBeUndefined();
    expect(lookup('bad name')).toBeUndefined();
  });
});

describe('connection variables', () => {
  it("names each of the preset's API base URLs and the login field", () => {
    const preset = getPreset('axway-platform')!;
    const vars = connectionVariables(connection({}), preset);
    const byName = Object.fromEntries(vars.map((v) => [v.name, v.value]));
    expect(byName).toMatchObject({
      baseUrl: 'https://apicentral.axway.com',
      'baseUrl.central': 'https://apicentral.axway.com',
      'baseUrl.platform': 'https://platform.axway.com',
      loginBaseUrl: 'https://login.axway.com',
      clientId: 'sa-client',
    });
  });

  it("follows the connection's own base URLs and field values (tenant, host…)", () => {
    const preset = getPreset('appviewx')!;
    const fields = Object.fromEntries(
      preset.fields.map((f) => [f.key, f.kind === 'port' ? '31443' : 'tenant-a']),
    );
    const vars = connectionVariables(
      connection({
        presetId: 'appviewx',
        fields,
        apiBaseUrls: [{ name: 'Gateway API', url: 'https://gw.example.com:31443/' }],
      }),
      preset,
    );
    const byName = Object.fromEntries(vars.map((v) => [v.name, v.value]));
    expect(byName.baseUrl).toBe('https://gw.example.com:31443');
    expect(byName['baseUrl.gatewayApi']).toBe('https://gw.example.com:31443');
    for (const field of preset.fields) expect(byName[field.key]).toBeDefined();
  });

  it('makes readable variable names from base URL names', () => {
    expect(slugForVariable('Content Management')).toBe('contentManagement');
    expect(slugForVariable('  API (v2) ')).toBe('apiV2');
    expect(slugForVariable('***')).toBe('api');
  });
});
