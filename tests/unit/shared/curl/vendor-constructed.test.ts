// AppViewX and Amplience document their token requests without a curl command; these are
// the commands a user would write from those documents (excerpts in tests/fixtures/vendor/).
import { describe, expect, it } from 'vitest';
import { hostOf, parseCurl, pathOf, toTokenRequestDraft } from '#shared/curl/index.js';
import type { CurlRequest } from '#shared/curl/index.js';
import { readVendorExcerpt } from '../../../fixtures/vendor/index.js';

const lines = (...l: string[]): string => l.join('\n');

function parsed(text: string): { request: CurlRequest; notes: string[] } {
  const result = parseCurl(text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return { request: result.request, notes: result.notes };
}

/** The sample `Authorization` value from the AppViewX document (decodes with a trailing newline). */
const appviewxBasic =
  'Basic NTIxYzNhZDItZWE0ZS00NDdiLWE1MWItOTYyMWJiN2VhMTI2OjU1QVUjTk84JSpaaGd2TmZhWVVtdHZYMGRrRWhvZGJpCg==';

/** AppViewX: constructed from the document's sample URL, header and payload (it shows no curl). */
const appviewxToken = lines(
  "curl -X POST 'https://<IP/HostName/TenantName>:<GWPORT>/avxapi/acctmgmt-get-service-token?gwsource=external' \\",
  "  -H 'Content-Type: application/x-www-form-urlencoded' \\",
  `  -H 'Authorization: ${appviewxBasic}' \\`,
  "  -d 'grant_type=Client_Credentials'",
);

/** Amplience: constructed from the document's endpoint, header and body (it shows no curl). */
const amplienceToken =
  "curl -X POST https://auth.amplience.net/oauth/token -H 'Content-Type: application/x-www-form-urlencoded' -d 'client_id={yourclientid}&client_secret={yoursecret}&grant_type=client_credentials'";

describe('AppViewX, constructed from the document', () => {
  it('takes the URL, the Basic value and the grant type as the document gives them', () => {
    const doc = readVendorExcerpt('appviewx');
    expect(doc).toContain(
      'https://<IP/HostName/TenantName>:<GWPORT>/avxapi/acctmgmt-get-service-token?gwsource=external',
    );
    expect(doc).toContain(`Authorization: ${appviewxBasic}\n`);
    expect(doc).toContain('Content-Type: application/x-www-form-urlencoded');
    expect(doc).toContain('"Client_Credentials"');
  });

  it('flags the trailing newline inside the decoded Basic value', () => {
    const { request, notes } = parsed(appviewxToken);
    expect(request.method).toBe('POST');
    expect(request.basicAuth).toEqual({
      user: '521c3ad2-ea4e-447b-a51b-9621bb7ea126',
      password: '55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi\n',
      source: 'authorization-header',
      trailingNewline: true,
    });
    expect(notes.join('\n')).toMatch(/end with a newline/);
    expect(hostOf(request.url)).toBe('<IP/HostName/TenantName>');
    expect(pathOf(request.url)).toBe('/avxapi/acctmgmt-get-service-token');
  });

  it('chooses client_secret_basic_raw for a secret with # and %, newline removed', () => {
    const draft = toTokenRequestDraft(parsed(appviewxToken).request);
    expect(draft.authMethod).toBe('client_secret_basic_raw');
    expect(draft.clientId).toBe('521c3ad2-ea4e-447b-a51b-9621bb7ea126');
    expect(draft.clientSecret).toBe('55AU#NO8%*ZhgvNfaYUmtvX0dkEhodbi');
    expect(draft.grantType).toBe('Client_Credentials');
    expect(draft.tokenUrl).toBe(
      'https://<IP/HostName/TenantName>:<GWPORT>/avxapi/acctmgmt-get-service-token?gwsource=external',
    );
    const warnings = draft.changes.join('\n');
    expect(warnings).toContain('newline');
    expect(warnings).toContain('client_secret_basic_raw');
    expect(warnings).toContain('RFC 6749 §2.3.1');
    expect(warnings).toContain('"Client_Credentials"');
    expect(draft.warnings.join('\n')).toContain('<IP/HostName/TenantName>, <GWPORT>');
  });
});

describe('Amplience, constructed from the document', () => {
  it('takes the endpoint, the header and the body as the document gives them', () => {
    const doc = readVendorExcerpt('amplience');
    expect(doc).toContain('POST  https://auth.amplience.net/oauth/token');
    expect(doc).toContain('Content-Typeapplication/x-www-form-urlencoded');
    expect(doc).toContain(
      'client_id={yourclientid}&client_secret={yoursecret}&grant_type=client_credentials',
    );
  });

  it('reads the form body and asks for the {placeholders} to be filled in', () => {
    const { request } = parsed(amplienceToken);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://auth.amplience.net/oauth/token');
    expect(request.body?.kind).toBe('form');
    const draft = toTokenRequestDraft(request);
    expect(draft.authMethod).toBe('client_secret_post');
    expect(draft.clientId).toBeUndefined();
    expect(draft.clientSecret).toBeUndefined();
    expect(draft.grantType).toBe('client_credentials');
    expect(draft.warnings.join('\n')).toContain('{yourclientid}');
    expect(draft.warnings.join('\n')).toContain('{yoursecret}');
  });

  it('takes real values from the same command', () => {
    const text = amplienceToken
      .replace('{yourclientid}', 'my-api-key')
      .replace('{yoursecret}', 's3cr3t%2Bplus');
    const draft = toTokenRequestDraft(parsed(text).request);
    expect(draft).toMatchObject({
      authMethod: 'client_secret_post',
      clientId: 'my-api-key',
      clientSecret: 's3cr3t+plus',
      warnings: [],
    });
  });
});
