import { describe, expect, it } from 'vitest';
import { connectionInputSchema } from '#shared/connection.js';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { getPreset, type Preset } from '#shared/presets/index.js';
import {
  draftFromConnection,
  initialDraft,
  secretsOf,
  toConnectionInput,
  tokenUrlPreview,
  uniqueName,
  withPreset,
} from '../../../../renderer/src/views/wizard/model/draft.js';
import {
  parseHeaders,
  parseParams,
} from '../../../../renderer/src/views/wizard/model/key-values.js';
import {
  credentialsErrors,
  detailsErrors,
} from '../../../../renderer/src/views/wizard/model/validate.js';

const preset = (id: string): Preset => getPreset(id) as Preset;

describe('wizard draft', () => {
  it('starts from the preset: field defaults filled in, a free name', () => {
    const draft = initialDraft(preset('wso2-apk'), ['WSO2 APK (built-in test IdP)']);
    expect(draft.name).toBe('WSO2 APK (built-in test IdP) 2');
    expect(draft.fields).toEqual({
      host: 'idp.am.wso2.com',
      port: '9095',
      virtualHost: 'idp.am.wso2.com',
    });
    expect(tokenUrlPreview(draft)).toEqual({
      kind: 'url',
      url: 'https://idp.am.wso2.com:9095/oauth2/token',
    });
    expect(uniqueName('A', ['a', 'A 2'])).toBe('A 3');
  });

  it('shows the live token URL, or which field is missing', () => {
    const draft = initialDraft(preset('appviewx'));
    const missing = tokenUrlPreview(draft);
    expect(missing.kind).toBe('error');
    expect(detailsErrors(draft)['field:host']).toMatch(/required/);
    draft.fields.host = 'tenant.appviewx.io';
    expect(tokenUrlPreview(draft)).toEqual({
      kind: 'url',
      url: 'https://tenant.appviewx.io/avxapi/acctmgmt-get-service-token?gwsource=external',
    });
    draft.fields.port = '31443';
    expect(tokenUrlPreview(draft)).toMatchObject({
      url: expect.stringContaining(':31443/avxapi/'),
    });
    expect(tokenUrlPreview({ ...draft, tokenUrlOverride: 'https://x.test/t' })).toEqual({
      kind: 'url',
      url: 'https://x.test/t',
    });
    const oidc = initialDraft(preset('generic-oidc'));
    oidc.fields.issuer = 'https://login.example.com/realms/acme/';
    expect(tokenUrlPreview(oidc)).toEqual({
      kind: 'discovery',
      issuer: 'https://login.example.com/realms/acme',
      discoveryUrl: 'https://login.example.com/realms/acme/.well-known/openid-configuration',
    });
  });

  it('leaves preset defaults out of the saved connection and keeps overrides', () => {
    const draft = initialDraft(preset('amplience'));
    draft.clientId = '  key  ';
    expect(toConnectionInput(draft)).toEqual({
      name: 'Amplience',
      presetId: 'amplience',
      fields: {},
      clientId: 'key',
      tls: { insecure: false },
      allowHttp: false,
    });
    const changed = {
      ...draft,
      authMethod: 'client_secret_basic' as const,
      timeoutSec: '5',
      tokenPointer: '/data/token',
      extraHeaders: 'X-A: 1\n\nX-B: two words',
      pinnedSha256: 'ab'.repeat(32),
      tokenUrlOverride: 'http://127.0.0.1:1/oauth/token',
    };
    const input = toConnectionInput(changed);
    expect(input).toMatchObject({
      authMethod: 'client_secret_basic',
      timeoutMs: 5000,
      responseMapping: { accessToken: '/data/token' },
      extraHeaders: { 'X-A': '1', 'X-B': 'two words' },
      tls: { insecure: false, pinnedSha256: 'ab'.repeat(32) },
      tokenUrl: 'http://127.0.0.1:1/oauth/token',
    });
    expect(connectionInputSchema.safeParse(input).success).toBe(true);
  });

  it('checks the advanced fields before moving on', () => {
    const draft = {
      ...initialDraft(preset('generic-oauth2')),
      timeoutSec: '9999',
      tokenPointer: 'access_token',
      pinnedSha256: 'not a fingerprint',
      caPem: 'hello',
      extraHeaders: 'Bad Header: x',
      extraParams: 'no equals sign',
    };
    const errors = detailsErrors(draft);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'caPem',
        'extraHeaders',
        'extraParams',
        'field:tokenUrl',
        'pinnedSha256',
        'timeoutSec',
        'tokenPointer',
      ].sort(),
    );
    expect(errors.timeoutSec).toBe('Enter a number of seconds from 1 to 900.');
  });

  it('asks for a secret unless one is stored, and sends only what the method uses', () => {
    const draft = { ...initialDraft(preset('keycloak')), clientId: 'svc' };
    expect(credentialsErrors(draft)).toEqual({ clientSecret: 'Enter the client secret.' });
    expect(
      credentialsErrors({ ...draft, stored: { ...draft.stored, clientSecret: true } }),
    ).toEqual({});
    expect(secretsOf({ ...draft, clientSecret: 's' })).toEqual({ clientSecret: 's' });
    const jwt = { ...draft, clientSecret: 's', authMethod: 'private_key_jwt' as const };
    expect(credentialsErrors(jwt)).toEqual({
      privateKey: 'Choose the private key file (PEM or JWK).',
    });
    expect(secretsOf({ ...jwt, privateKey: 'PEM' })).toEqual({ privateKey: 'PEM' });
    expect(toConnectionInput({ ...jwt, jwtKid: 'k1' }).privateKeyJwt).toEqual({
      alg: 'RS256',
      kid: 'k1',
    });
  });

  it('edits a saved connection without its secret, and writes the same settings back', () => {
    const stamp = '2025-01-01T00:00:00.000Z';
    const view: ConnectionView = {
      connection: {
        id: 'c1',
        name: 'AVX',
        presetId: 'appviewx',
        fields: { host: 'avx.example.com', port: '31443' },
        clientId: 'id',
        secretRef: 'connection:c1:client-secret',
        tls: {
          insecure: false,
          caPem: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----',
        },
        allowHttp: false,
        timeoutMs: 120_000,
        extraQueryParams: { tenant: 'a' },
        createdAt: stamp,
        updatedAt: stamp,
      },
      secrets: { clientSecret: true, privateKey: false, clientCert: false, clientKey: false },
      status: {
        connectionId: 'c1',
        state: 'none',
        tokenType: null,
        scope: null,
        obtainedAt: null,
        expiresAt: null,
        expiresInSec: null,
        expirySource: null,
        claims: null,
        error: null,
        retryAt: null,
        insecureTls: false,
        warnings: [],
      },
    };
    const draft = draftFromConnection(view);
    expect(draft.clientSecret).toBe('');
    expect(draft.stored.clientSecret).toBe(true);
    expect(draft.timeoutSec).toBe('120');
    expect(secretsOf(draft)).toEqual({});
    expect(toConnectionInput(draft)).toEqual({
      id: 'c1',
      name: 'AVX',
      presetId: 'appviewx',
      fields: { host: 'avx.example.com', port: '31443' },
      clientId: 'id',
      tls: { insecure: false, caPem: view.connection.tls.caPem },
      allowHttp: false,
      timeoutMs: 120_000,
      extraQueryParams: { tenant: 'a' },
    });
  });

  it('keeps typed field values when switching to another preset that has them', () => {
    const draft = initialDraft(preset('wso2-apk'));
    draft.fields.host = 'gw.local';
    const switched = withPreset(draft, preset('appviewx'));
    expect(switched.fields).toEqual({ host: 'gw.local', port: '9095' });
    expect(switched.authMethod).toBe('client_secret_basic_raw');
  });
});

describe('extra parameters and headers as lines', () => {
  it('reads name=value and Name: value, and names the bad line', () => {
    expect(parseParams('a=1\n b = two=2 \n')).toEqual({
      values: { a: '1', b: 'two=2' },
      error: undefined,
    });
    expect(parseParams('a=1\noops').error).toBe('Line 2 is not "name=value".');
    expect(parseHeaders('Host: x:1').values).toEqual({ Host: 'x:1' });
    expect(parseHeaders('Bad Name: x').error).toMatch(
      /^Line 1: “Bad Name” is not a valid header name: .* \(U\+0020\) is not allowed/,
    );
  });
});
