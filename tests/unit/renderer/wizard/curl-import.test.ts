import { describe, expect, it } from 'vitest';
import {
  importCurl,
  type CurlImport,
} from '../../../../renderer/src/views/wizard/model/curl-import.js';
import {
  toConnectionInput,
  tokenUrlPreview,
} from '../../../../renderer/src/views/wizard/model/draft.js';
import { recognizePreset } from '../../../../renderer/src/views/wizard/model/recognize.js';

// The wizard's "Paste a curl command" over the token requests of the vendor documents
// (tests/fixtures/vendor/): which preset, which fields, and what is asked or listed instead of dropped.

const lines = (...l: string[]): string => l.join('\n');

const axwayBasic = lines(
  "curl --location --request POST 'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token' \\",
  "--header 'Content-Type: application/x-www-form-urlencoded' \\",
  "--header 'Authorization: Basic c2EtdGVzdF84Y2RlMWExOC0yYWViLTRiY2QtODVkNS1jZmI1M2VjOWVmYjQ6ZjU0MDlmYjMtYjNhZC00MjU3LWE4NjgtZTNmMzY4NGYxMmY1' \\",
  "--data-urlencode 'grant_type=client_credentials'",
);

const axwaySupport = lines(
  'curl \\',
  "-d'grant_type=client_credentials' \\",
  "-d'client_id=example-client-id' \\",
  "-d'client_secret=example-client-secret' \\",
  'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
);

const wso2 = lines(
  "   curl -k --location 'https://idp.am.wso2.com:9095/oauth2/token' \\",
  "   --header 'Host: idp.am.wso2.com' \\",
  "   --header 'Authorization: Basic NDVmMWM1YzgtYTkyZS0xMWVkLWFmYTEtMDI0MmFjMTIwMDAyOjRmYmQ2MmVjLWE5MmUtMTFlZC1hZmExLTAyNDJhYzEyMDAwMg==' \\",
  "   --header 'Content-Type: application/x-www-form-urlencoded' \\",
  "   --data-urlencode 'grant_type=client_credentials'",
);

const appviewx = lines(
  "curl -X POST 'https://avx.example.com:31443/avxapi/acctmgmt-get-service-token?gwsource=external' \\",
  "  -H 'Content-Type: application/x-www-form-urlencoded' \\",
  "  -H 'Authorization: Basic NTIxYzNhZDItZWE0ZS00NDdiLWE1MWItOTYyMWJiN2VhMTI2OjU1QVUjTk84JSpaaGd2TmZhWVVtdHZYMGRrRWhvZGJpCg==' \\",
  "  -d 'grant_type=Client_Credentials'",
);

const amplience =
  "curl -X POST https://auth.amplience.net/oauth/token -H 'Content-Type: application/x-www-form-urlencoded' -d 'client_id={yourclientid}&client_secret={yoursecret}&grant_type=client_credentials'";

function imported(text: string): CurlImport {
  const result = importCurl(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('curl import: platform recognised from the vendor commands', () => {
  it('Axway Amplify Platform from the host, HTTP Basic, default login server', () => {
    const found = imported(axwayBasic);
    expect(found.draft.presetId).toBe('axway-platform');
    expect(found.recognition.how).toBe('host');
    expect(found.draft.fields.loginBaseUrl).toBe('https://login.axway.com');
    expect(found.draft.clientId).toBe('sa-test_8cde1a18-2aeb-4bcd-85d5-cfb53ec9efb4');
    expect(found.draft.clientSecret).toBe('f5409fb3-b3ad-4257-a868-e3f3684f12f5');
    expect(found.draft.authMethod).toBe('client_secret_basic');
    const input = toConnectionInput(found.draft);
    // Everything equals the preset's defaults, so nothing is pinned on the connection.
    expect(input).not.toHaveProperty('authMethod');
    expect(input).not.toHaveProperty('grantType');
    expect(input).not.toHaveProperty('tokenUrl');
  });

  it('Axway Support API for the same endpoint when the secret is in the form body', () => {
    const found = imported(axwaySupport);
    expect(found.draft.presetId).toBe('axway-support');
    expect(found.draft.authMethod).toBe('client_secret_post');
    expect(found.draft.clientId).toBe('example-client-id');
    expect(toConnectionInput(found.draft)).not.toHaveProperty('authMethod');
  });

  it('WSO2 APK: host, port and Host header into its fields; -k becomes a trust question', () => {
    const found = imported(wso2);
    expect(found.draft.presetId).toBe('wso2-apk');
    expect(found.draft.fields).toEqual({
      host: 'idp.am.wso2.com',
      port: '9095',
      virtualHost: 'idp.am.wso2.com',
    });
    expect(found.draft.extraHeaders).toBe('');
    expect(found.insecureRequested).toBe(true);
    expect(found.draft.trustQuestion).toBe(true);
    // Never a silent switch: the connection keeps certificate checks on.
    expect(toConnectionInput(found.draft).tls).toEqual({ insecure: false });
    expect(found.notUnderstood.join('\n')).not.toMatch(/-k/);
    expect(found.understood).toContainEqual({ label: 'Client secret', value: 'found (hidden)' });
    expect(JSON.stringify(found.understood)).not.toContain('4fbd62ec-a92e-11ed-afa1-0242ac120002');
  });

  it('AppViewX from the shape of its URL: host, gateway port, raw Basic, Client_Credentials', () => {
    const found = imported(appviewx);
    expect(found.draft.presetId).toBe('appviewx');
    expect(found.recognition.how).toBe('url-shape');
    expect(found.draft.fields).toEqual({ host: 'avx.example.com', port: '31443' });
    expect(found.draft.authMethod).toBe('client_secret_basic_raw');
    expect(found.draft.clientSecret).toBe('55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi');
    // Client_Credentials is the preset's own default, so it is not stored as an override.
    expect(found.draft.grantType).toBe('');
    // Adjustments are listed as changed, not as "not imported".
    expect(found.changed.join('\n')).toMatch(/newline/);
    expect(found.changed.join('\n')).toMatch(/chose client_secret_basic_raw/);
    expect(found.notUnderstood.join('\n')).not.toMatch(/newline|chose client_secret_basic_raw/);
    const preview = tokenUrlPreview(found.draft);
    expect(preview).toEqual({
      kind: 'url',
      url: 'https://avx.example.com:31443/avxapi/acctmgmt-get-service-token?gwsource=external',
    });
  });

  it('Amplience from the host; the {placeholders} are listed, not imported', () => {
    const found = imported(amplience);
    expect(found.draft.presetId).toBe('amplience');
    expect(found.draft.clientId).toBe('');
    expect(found.draft.clientSecret).toBe('');
    expect(found.notUnderstood.join('\n')).toContain('{yourclientid}');
    expect(found.notUnderstood.join('\n')).toContain('{yoursecret}');
  });

  it('an unknown server falls back to the generic OAuth 2.0 preset with its URL', () => {
    const found = imported(
      "curl -u 'svc:s3cret' -d grant_type=client_credentials -d audience=https://api https://idp.example.org/oauth2/token",
    );
    expect(found.draft.presetId).toBe('generic-oauth2');
    expect(found.recognition.how).toBe('none');
    expect(found.draft.fields.tokenUrl).toBe('https://idp.example.org/oauth2/token');
    expect(found.draft.audience).toBe('https://api');
    expect(toConnectionInput(found.draft).audience).toBe('https://api');
  });

  it('lists unsupported options and keeps extra headers and parameters', () => {
    const found = imported(
      "curl --proxy http://proxy:3128 -H 'X-Tenant: acme' -u id:pw -d grant_type=client_credentials -d resource=urn:x https://idp.example.org/token",
    );
    expect(found.notUnderstood.some((t) => t.startsWith('--proxy'))).toBe(true);
    expect(found.draft.extraHeaders).toBe('X-Tenant: acme');
    expect(found.draft.extraParams).toBe('resource=urn:x');
    expect(toConnectionInput(found.draft)).toMatchObject({
      extraHeaders: { 'X-Tenant': 'acme' },
      extraBodyParams: { resource: 'urn:x' },
    });
  });

  it('reads a Windows cmd command with ^ continuations', () => {
    const found = imported(
      lines(
        'curl -X POST https://auth.amplience.net/oauth/token ^',
        '  -d "client_id=key" ^',
        '  -d "client_secret=value" ^',
        '  -d "grant_type=client_credentials"',
      ),
    );
    expect(found.draft.presetId).toBe('amplience');
    expect(found.draft.clientId).toBe('key');
  });

  it('refuses text that is not a curl command, with a hint', () => {
    const result = importCurl('Invoke-RestMethod -Uri https://x');
    expect(result.ok).toBe(false);
  });
});

describe('preset recognition', () => {
  it('finds Keycloak from its realm path, with base URL and realm', () => {
    const found = recognizePreset(
      'https://sso.example.com/realms/acme/protocol/openid-connect/token',
      [],
      'client_secret_basic',
    );
    expect(found.preset.id).toBe('keycloak');
    expect(found.fields).toEqual({ baseUrl: 'https://sso.example.com', realm: 'acme' });
  });

  it('prefers Axway for its own Broker realm path on another host', () => {
    const found = recognizePreset(
      'http://127.0.0.1:4000/auth/realms/Broker/protocol/openid-connect/token',
      [],
      'client_secret_basic',
    );
    expect(found.preset.id).toBe('axway-platform');
    expect(found.fields).toEqual({ loginBaseUrl: 'http://127.0.0.1:4000' });
  });

  it('does not take every /oauth2/token URL for WSO2 without its Host header', () => {
    expect(
      recognizePreset('https://idp.example.org:8443/oauth2/token', [], 'client_secret_basic').preset
        .id,
    ).toBe('generic-oauth2');
    expect(
      recognizePreset(
        'https://127.0.0.1:9095/oauth2/token',
        [{ name: 'Host', value: 'idp.am.wso2.com' }],
        'client_secret_basic',
      ).preset.id,
    ).toBe('wso2-apk');
  });
});

describe('a secret with a space from a quoted --data-urlencode', () => {
  it('is marked as written on purpose, so no "wrapped when copied" warning is due', () => {
    const found = imported(
      `curl https://auth.example.com/oauth2/token --data-urlencode 'grant_type=client_credentials' --data-urlencode 'client_id=app' --data-urlencode 'client_secret=pass phrase secret'`,
    );
    expect(found.draft.clientSecret).toBe('pass phrase secret');
    expect(found.draft.secretQuoted).toBe(true);
  });
});
