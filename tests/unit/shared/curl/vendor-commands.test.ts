// Every curl command in the vendor documents, copied verbatim line by line from the excerpts in
// tests/fixtures/vendor/. Lines are kept as arrays so the backslash continuations, indentation and
// trailing spaces stay as published. AppViewX and Amplience show no curl command: see
// vendor-constructed.test.ts.
import { describe, expect, it } from 'vitest';
import { hostOf, parseCurl, pathOf, toTokenRequestDraft } from '#shared/curl/index.js';
import type { CurlParseResult, CurlRequest } from '#shared/curl/index.js';
import { apkTestClient, appviewxSampleClient } from '../../../fixtures/emulators/index.js';
import {
  APPVIEWX_RESPONSE,
  APPVIEWX_TOKEN_WITH_SPACES,
  WSO2_RESPONSE,
  WSO2_TOKEN,
} from '../../../fixtures/jwt/samples.js';
import { readVendorExcerpt, type VendorDocument } from '../../../fixtures/vendor/index.js';

/** One command and the document it was copied from. */
interface SeedCommand {
  doc: VendorDocument;
  text: string;
}

const lines = (...l: string[]): string => l.join('\n');

/** Axway Amplify Platform: the token request with HTTP Basic. */
const axwayToken: SeedCommand = {
  doc: 'axway-platform',
  text: lines(
    "curl --location --request POST 'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token' \\",
    "--header 'Content-Type: application/x-www-form-urlencoded' \\",
    "--header 'Authorization: Basic c2EtdGVzdF84Y2RlMWExOC0yYWViLTRiY2QtODVkNS1jZmI1M2VjOWVmYjQ6ZjU0MDlmYjMtYjNhZC00MjU3LWE4NjgtZTNmMzY4NGYxMmY1' \\",
    "--data-urlencode 'grant_type=client_credentials'",
  ),
};

/** Axway Central: list environments. */
const axwayCentral: SeedCommand = {
  doc: 'axway-platform',
  text: lines(
    "curl --location --request GET 'https://apicentral.axway.com/apis/management/v1alpha1/environments' \\",
    '--header "Authorization: Bearer ${token}" \\',
    '--header "Content-Type: application/json" ',
  ),
};

/** Axway Traceability summary, with its many query parameters. */
const axwayTraceability: SeedCommand = {
  doc: 'axway-platform',
  text: lines(
    "curl --location --request GET 'https://apicentral.axway.com/api/traceability/v1/traceability/summary?groupBy=proxyId&groupBy=proxyRevision&count=10&offset=0&from=1668895561864&to=1669500361864' \\",
    '--header "Authorization: Bearer ${token}" \\',
    '--header "Content-Type: application/json" ',
  ),
};

/** Axway Platform: environment. */
const axwayPlatform: SeedCommand = {
  doc: 'axway-platform',
  text: lines(
    "curl --location --request GET 'https://platform.axway.com/api/v1/env' \\",
    '--header "Authorization: Bearer ${token}" \\',
    '--header "Content-Type: application/json"',
  ),
};

/** Axway Support: token with client credentials in the form body, values glued to -d. */
const supportToken: SeedCommand = {
  doc: 'axway-support',
  text: lines(
    'curl \\',
    "-d'grant_type=client_credentials' \\",
    "-d'client_id=example-client-id' \\",
    "-d'client_secret=example-client-secret' \\",
    'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
  ),
};

/** Axway Support: the first case, header glued to -H and a quoted URL. */
const supportCases: SeedCommand = {
  doc: 'axway-support',
  text: lines(
    'curl \\',
    "-H'Authorization: Bearer example-access-token' \\",
    "'https://sphereapi.admin.axway.com/sphere/api/v1/case?limit=1&sort=-modifiedDate'",
  ),
};

/** WSO2 APK: the template with `<host>` placeholders (lines indented by three spaces). */
const wso2Template: SeedCommand = {
  doc: 'wso2-apk',
  text: lines(
    "   curl --location 'https://<host>:9095/oauth2/token' \\",
    "   --header 'Host: <host>' \\",
    "   --header 'Authorization: Basic <Base64Encoded(clientId:clientSecret)>' \\",
    "   --header 'Content-Type: application/x-www-form-urlencoded' \\",
    "   --data-urlencode 'grant_type=client_credentials'",
  ),
};

/** WSO2 APK: the filled-in command with -k and the published test client. */
const wso2Token: SeedCommand = {
  doc: 'wso2-apk',
  text: lines(
    "   curl -k --location 'https://idp.am.wso2.com:9095/oauth2/token' \\",
    "   --header 'Host: idp.am.wso2.com' \\",
    "   --header 'Authorization: Basic NDVmMWM1YzgtYTkyZS0xMWVkLWFmYTEtMDI0MmFjMTIwMDAyOjRmYmQ2MmVjLWE5MmUtMTFlZC1hZmExLTAyNDJhYzEyMDAwMg==' \\",
    "   --header 'Content-Type: application/x-www-form-urlencoded' \\",
    "   --data-urlencode 'grant_type=client_credentials'",
  ),
};

/** All commands that appear verbatim in a vendor document. */
const verbatimSeeds: readonly SeedCommand[] = [
  axwayToken,
  axwayCentral,
  axwayTraceability,
  axwayPlatform,
  supportToken,
  supportCases,
  wso2Template,
  wso2Token,
];

function parsed(text: string): { request: CurlRequest; notes: string[]; result: CurlParseResult } {
  const result = parseCurl(text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return { request: result.request, notes: result.notes, result };
}

describe('vendor commands are copied verbatim', () => {
  const rows = verbatimSeeds.map(
    (s) =>
      [
        s.doc,
        (s.text.split('\n').find((l) => l.includes('://')) ?? '').trim().slice(0, 70),
        s,
      ] as const,
  );
  it.each(rows)('%s holds %s…', (_doc, _first, seed) => {
    expect(readVendorExcerpt(seed.doc)).toContain(seed.text);
  });
});

describe('vendor values used by other fixtures are copied verbatim', () => {
  it('WSO2 APK: the test client and the complete sample token response', () => {
    const doc = readVendorExcerpt('wso2-apk');
    expect(doc).toContain(`Client ID ${apkTestClient.clientId}\n`);
    expect(doc).toContain(`Client Secret ${apkTestClient.clientSecret}\n`);
    expect(doc).toContain(`   ${WSO2_RESPONSE}\n`);
    expect(WSO2_RESPONSE).toContain(`"access_token":"${WSO2_TOKEN}"`);
  });

  it('AppViewX: the sample response with its stray spaces, and the client in the Basic value', () => {
    const doc = readVendorExcerpt('appviewx');
    expect(doc).toContain(APPVIEWX_RESPONSE);
    expect(APPVIEWX_RESPONSE).toContain(`"response": "${APPVIEWX_TOKEN_WITH_SPACES}"`);
    const basic = /^Authorization: Basic (\S+)$/m.exec(doc)?.[1];
    expect(Buffer.from(basic ?? '', 'base64').toString('utf8')).toBe(
      `${appviewxSampleClient.clientId}:${appviewxSampleClient.clientSecret}\n`,
    );
  });
});

describe('Axway Amplify Platform', () => {
  it('reads the token request: POST, form body, Basic header decoded', () => {
    const { request, result } = parsed(axwayToken.text);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
    );
    expect(request.followRedirects).toBe(true);
    expect(request.insecure).toBe(false);
    expect(request.headers.map((h) => h.name)).toEqual(['Content-Type', 'Authorization']);
    expect(request.body).toEqual({
      kind: 'form',
      text: 'grant_type=client_credentials',
      params: [{ name: 'grant_type', value: 'client_credentials' }],
    });
    expect(request.basicAuth).toEqual({
      user: 'sa-test_8cde1a18-2aeb-4bcd-85d5-cfb53ec9efb4',
      password: 'f5409fb3-b3ad-4257-a868-e3f3684f12f5',
      source: 'authorization-header',
      trailingNewline: false,
    });
    expect(result.ok && result.unsupported).toEqual([]);
  });

  it('maps the token request to client_secret_basic with nothing extra', () => {
    const draft = toTokenRequestDraft(parsed(axwayToken.text).request);
    expect(draft).toMatchObject({
      tokenUrl: 'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
      authMethod: 'client_secret_basic',
      clientId: 'sa-test_8cde1a18-2aeb-4bcd-85d5-cfb53ec9efb4',
      clientSecret: 'f5409fb3-b3ad-4257-a868-e3f3684f12f5',
      grantType: 'client_credentials',
      extraParams: [],
      extraHeaders: [],
      bodyEncoding: 'form',
      insecureRequested: false,
    });
    expect(draft.warnings).toEqual([]);
  });

  it.each([
    ['Central', axwayCentral, 'https://apicentral.axway.com/apis/management/v1alpha1/environments'],
    [
      'Traceability',
      axwayTraceability,
      'https://apicentral.axway.com/api/traceability/v1/traceability/summary?groupBy=proxyId&groupBy=proxyRevision&count=10&offset=0&from=1668895561864&to=1669500361864',
    ],
    ['Platform', axwayPlatform, 'https://platform.axway.com/api/v1/env'],
  ])('reads the %s GET and keeps "Bearer ${token}" literally', (_name, seed, url) => {
    const { request, notes, result } = parsed(seed.text);
    expect(request.method).toBe('GET');
    expect(request.url).toBe(url);
    expect(request.headers).toEqual([
      { name: 'Authorization', value: 'Bearer ${token}' },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    expect(request.body).toBeUndefined();
    expect(notes.join('\n')).toContain('${token}');
    expect(result.ok && result.unsupported).toEqual([]);
  });

  it('gives the wizard host and path helpers for the API hosts', () => {
    expect(hostOf(parsed(axwayTraceability.text).request.url)).toBe('apicentral.axway.com');
    expect(pathOf(parsed(axwayTraceability.text).request.url)).toBe(
      '/api/traceability/v1/traceability/summary',
    );
    expect(hostOf(parsed(axwayPlatform.text).request.url)).toBe('platform.axway.com');
  });
});

describe('Axway Support API', () => {
  it('reads -d values glued to the option and joins them with & like curl', () => {
    const { request } = parsed(supportToken.text);
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'https://login.axway.com/auth/realms/Broker/protocol/openid-connect/token',
    );
    expect(request.body?.text).toBe(
      'grant_type=client_credentials&client_id=example-client-id&client_secret=example-client-secret',
    );
    expect(request.body?.params).toEqual([
      { name: 'grant_type', value: 'client_credentials' },
      { name: 'client_id', value: 'example-client-id' },
      { name: 'client_secret', value: 'example-client-secret' },
    ]);
  });

  it('maps body credentials to client_secret_post', () => {
    const draft = toTokenRequestDraft(parsed(supportToken.text).request);
    expect(draft).toMatchObject({
      authMethod: 'client_secret_post',
      clientId: 'example-client-id',
      clientSecret: 'example-client-secret',
      grantType: 'client_credentials',
      extraParams: [],
    });
  });

  it('reads the glued -H and the quoted URL of the cases request', () => {
    const { request } = parsed(supportCases.text);
    expect(request.method).toBe('GET');
    expect(request.url).toBe(
      'https://sphereapi.admin.axway.com/sphere/api/v1/case?limit=1&sort=-modifiedDate',
    );
    expect(request.headers).toEqual([
      { name: 'Authorization', value: 'Bearer example-access-token' },
    ]);
    expect(pathOf(request.url)).toBe('/sphere/api/v1/case');
  });
});

describe('WSO2 APK', () => {
  it('reads the indented template with <host> placeholders', () => {
    const { request, notes } = parsed(wso2Template.text);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://<host>:9095/oauth2/token');
    expect(request.basicAuth).toBeUndefined();
    expect(request.headers[0]).toEqual({ name: 'Host', value: '<host>' });
    expect(notes.join('\n')).toContain('<host>');
    expect(notes.join('\n')).toContain('<Base64Encoded(clientId:clientSecret)>');
  });

  it('turns the template placeholders into warnings, not values', () => {
    const draft = toTokenRequestDraft(parsed(wso2Template.text).request);
    expect(draft.authMethod).toBe('client_secret_basic');
    expect(draft.clientId).toBeUndefined();
    expect(draft.clientSecret).toBeUndefined();
    expect(draft.extraHeaders).toEqual([]);
    const warnings = draft.warnings.join('\n');
    expect(warnings).toContain('token URL contains placeholders (<host>)');
    expect(warnings).toContain('The Host header is a placeholder (<host>)');
    expect(warnings).toContain('Enter the client id and secret');
  });

  it('reads -k as a trust question and keeps the Host header', () => {
    const { request } = parsed(wso2Token.text);
    expect(request.insecure).toBe(true);
    expect(request.url).toBe('https://idp.am.wso2.com:9095/oauth2/token');
    const draft = toTokenRequestDraft(request);
    expect(draft).toMatchObject({
      authMethod: 'client_secret_basic',
      clientId: '45f1c5c8-a92e-11ed-afa1-0242ac120002',
      clientSecret: '4fbd62ec-a92e-11ed-afa1-0242ac120002',
      extraHeaders: [{ name: 'Host', value: 'idp.am.wso2.com' }],
      insecureRequested: true,
    });
    expect(draft.warnings.join('\n')).toMatch(/certificate/);
  });

  it('imports the first command when the whole snippet is pasted, and says so', () => {
    const snippet = [
      'Client ID 45f1c5c8-a92e-11ed-afa1-0242ac120002',
      'Client Secret 4fbd62ec-a92e-11ed-afa1-0242ac120002',
      wso2Template.text,
      wso2Token.text,
      '   {"access_token":"eyJ", "token_type":"Bearer", "expires_in":3600, "scope":"default"}',
    ].join('\n');
    const result = parseCurl(snippet);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.url).toBe('https://<host>:9095/oauth2/token');
    expect(result.notes).toContain('Ignored the text before the curl command.');
    expect(result.unsupported).toEqual([
      expect.objectContaining({ option: '1 more curl command' }),
    ]);
  });

  it('gives host and path even with placeholders', () => {
    expect(hostOf('https://<host>:9095/oauth2/token')).toBe('<host>');
    expect(pathOf('https://<host>:9095/oauth2/token')).toBe('/oauth2/token');
  });
});
