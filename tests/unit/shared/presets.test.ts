import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import {
  getPreset,
  presets,
  resolveTokenUrl,
  type Preset,
  type TokenUrlResolution,
} from '#shared/presets/index.js';

/** Field values a user would type for each preset. */
const sampleFields: Record<string, Record<string, string>> = {
  'axway-platform': {},
  'axway-support': {},
  'wso2-apk': { host: 'localhost' },
  amplience: {},
  appviewx: { host: 'avx.example.com', port: '31443' },
  keycloak: { baseUrl: 'https://sso.example.com/', realm: 'my realm' },
  'generic-oidc': { issuer: 'https://login.example.com/realms/acme/' },
  'generic-oauth2': { tokenUrl: 'https://auth.example.com/oauth2/token' },
};

const expected: Record<string, TokenUrlResolution> = {
  'axway-platform': {
    kind: 'url',
    url: 'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
  },
  'axway-support': {
    kind: 'url',
    url: 'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
  },
  'wso2-apk': { kind: 'url', url: 'https://localhost:9095/oauth2/token' },
  amplience: { kind: 'url', url: 'https://auth.amplience.net/oauth/token' },
  appviewx: {
    kind: 'url',
    url: 'https://avx.example.com:31443/avxapi/acctmgmt-get-service-token?gwsource=external',
  },
  'google-service-account': { kind: 'url', url: 'https://oauth2.googleapis.com/token' },
  keycloak: {
    kind: 'url',
    url: 'https://sso.example.com/realms/my%20realm/protocol/openid-connect/token',
  },
  'generic-oidc': {
    kind: 'discovery',
    issuer: 'https://login.example.com/realms/acme',
    discoveryUrl: 'https://login.example.com/realms/acme/.well-known/openid-configuration',
  },
  'generic-oauth2': { kind: 'url', url: 'https://auth.example.com/oauth2/token' },
};

function validationOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).category).toBe('validation');
    return err as AppError;
  }
  throw new Error('expected a validation error');
}

describe('presets', () => {
  it('has the nine platforms, each once, in wizard order', () => {
    expect(presets.map((p) => p.id)).toEqual([
      'axway-platform',
      'axway-support',
      'wso2-apk',
      'amplience',
      'appviewx',
      'google-service-account',
      'keycloak',
      'generic-oidc',
      'generic-oauth2',
    ]);
    expect(getPreset('amplience')?.name).toBe('Amplience');
    expect(getPreset('nope')).toBeUndefined();
  });

  it.each(presets.map((p) => [p.id, p] as [string, Preset]))(
    '%s resolves its token URL',
    (id, preset) => {
      expect(resolveTokenUrl(preset, sampleFields[id] ?? {})).toEqual(expected[id]);
    },
  );

  it.each(presets.map((p) => [p.id, p] as [string, Preset]))(
    '%s is complete data',
    (_id, preset) => {
      expect(preset.description.length).toBeGreaterThan(10);
      expect(preset.description).not.toContain('\n');
      expect(preset.authMethods).toContain(preset.defaults.authMethod);
      expect(preset.defaults.timeoutMs).toBeLessThanOrEqual(preset.maxTimeoutMs);
      expect(preset.onboarding.length).toBeGreaterThan(0);
      for (const link of [...preset.docs, ...preset.onboarding.flatMap((s) => s.links ?? [])]) {
        expect(link.url).toMatch(/^https:\/\//);
      }
    },
  );

  it('uses the override instead of the template, and checks it', () => {
    const wso2 = getPreset('wso2-apk') as Preset;
    expect(resolveTokenUrl(wso2, {}, 'http://127.0.0.1:8080/t')).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:8080/t',
    });
    validationOf(() => resolveTokenUrl(wso2, {}, 'ftp://x'));
  });

  it('names every missing or invalid field at once', () => {
    const appviewx = getPreset('appviewx') as Preset;
    const missing = validationOf(() => resolveTokenUrl(appviewx, {}));
    expect(missing.message).toContain('Host, IP or tenant host is required');
    expect(missing.details?.fieldErrors).toEqual({ host: 'Host, IP or tenant host is required' });
    const bad = validationOf(() =>
      resolveTokenUrl(appviewx, { host: 'https://avx.example.com', port: '99999' }),
    );
    expect(Object.keys(bad.details?.fieldErrors as object)).toEqual(['host', 'port']);
    expect(bad.message).toMatch(/without https:\/\//);
    const keycloak = getPreset('keycloak') as Preset;
    const both = validationOf(() => resolveTokenUrl(keycloak, {}));
    expect(Object.keys(both.details?.fieldErrors as object)).toEqual(['baseUrl', 'realm']);
  });

  it('leaves the gateway port out for an AppViewX SaaS tenant', () => {
    const appviewx = getPreset('appviewx') as Preset;
    expect(resolveTokenUrl(appviewx, { host: 'acme.appviewx.example' })).toEqual({
      kind: 'url',
      url: 'https://acme.appviewx.example/avxapi/acctmgmt-get-service-token?gwsource=external',
    });
  });

  it('brackets a bare IPv6 host', () => {
    const wso2 = getPreset('wso2-apk') as Preset;
    expect(resolveTokenUrl(wso2, { host: '::1' })).toEqual({
      kind: 'url',
      url: 'https://[::1]:9095/oauth2/token',
    });
  });

  it('carries the documented provider error codes with hints', () => {
    const codes = (id: string) =>
      (getPreset(id) as Preset).errorHints.map((r) => r.code ?? `status:${r.status}`);
    expect(codes('appviewx')).toEqual([
      'ACCT_SA_003',
      'OAUTH_CLNT_015',
      'ACCT_SA_001',
      'avx-common-011',
    ]);
    expect(codes('amplience')).toContain('status:400');
    expect(codes('axway-platform')).toContain('invalid_client');
    const amplience400 = (getPreset('amplience') as Preset).errorHints.find(
      (r) => r.status === 400,
    );
    expect(amplience400?.category).toBe('invalid_client');
  });

  it('encodes the platform quirks as defaults, not code', () => {
    const appviewx = getPreset('appviewx') as Preset;
    expect(appviewx.defaults).toMatchObject({
      authMethod: 'client_secret_basic_raw',
      grantType: 'Client_Credentials',
      responseMapping: {
        accessToken: '/response',
        errorCode: '/appStatusCode',
        errorMessage: '/message',
      },
    });
    expect(appviewx.maxTimeoutMs).toBe(900_000);
    expect(getPreset('wso2-apk')?.defaults.extraHeaders).toEqual({ Host: '{virtualHost}' });
    expect(getPreset('axway-support')?.defaults.authMethod).toBe('client_secret_post');
    expect(getPreset('amplience')?.defaults.authMethod).toBe('client_secret_post');
  });

  it('offers the endpoints of the vendor documents to the composer', () => {
    const all = presets.flatMap((p) => p.endpoints.map((e) => `${e.method} ${e.baseUrl}${e.path}`));
    expect(all).toEqual(
      expect.arrayContaining([
        'GET https://apicentral.axway.com/apis/management/v1alpha1/environments',
        'GET https://apicentral.axway.com/api/traceability/v1/traceability/summary',
        'GET https://platform.axway.com/api/v1/env',
        'GET https://sphereapi.admin.axway.com/sphere/api/v1/case',
        'GET https://api.amplience.net/v2/content/hubs',
      ]),
    );
    const trace = getPreset('axway-platform')?.endpoints.find(
      (e) => e.id === 'traceability-summary',
    );
    expect(trace?.query?.map((q) => q.name)).toEqual([
      'groupBy',
      'groupBy',
      'count',
      'offset',
      'from',
      'to',
    ]);
  });

  it('gives copyable onboarding commands from the vendor documents', () => {
    const commands = (id: string) =>
      (getPreset(id) as Preset).onboarding.flatMap((s) => (s.commands ?? []).map((c) => c.command));
    expect(commands('axway-platform')).toEqual(
      expect.arrayContaining([
        'axway auth login',
        'axway service-account create',
        'axway service-account list',
      ]),
    );
    expect(commands('wso2-apk')).toEqual(
      expect.arrayContaining([
        '45f1c5c8-a92e-11ed-afa1-0242ac120002',
        '4fbd62ec-a92e-11ed-afa1-0242ac120002',
      ]),
    );
    const text = (id: string) => JSON.stringify(getPreset(id)?.onboarding);
    expect(text('axway-platform')).toMatch(/once/);
    expect(text('amplience')).toMatch(/support/);
    expect(text('amplience')).toMatch(/personal access token/);
    expect(text('appviewx')).toMatch(/31443/);
    expect(text('wso2-apk')).toMatch(/testing/);
  });
});
