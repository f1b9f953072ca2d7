// Mapping a parsed command onto the provider wizard's token-endpoint fields.
import { describe, expect, it } from 'vitest';
import { parseCurl, toTokenRequestDraft } from '#shared/curl/index.js';
import type { TokenRequestDraft } from '#shared/curl/index.js';

const TOKEN_URL = 'https://idp.example.com/oauth2/token';

function draftOf(text: string): TokenRequestDraft {
  const result = parseCurl(text);
  if (!result.ok) throw new Error(`expected a parse, got: ${result.error.message}`);
  return toTokenRequestDraft(result.request);
}

const basic = (idColonSecret: string): string =>
  `curl -H 'Authorization: Basic ${Buffer.from(idColonSecret, 'utf8').toString('base64')}' -d grant_type=client_credentials ${TOKEN_URL}`;

describe('client authentication', () => {
  it('--user id:secret → client_secret_basic', () => {
    expect(
      draftOf(`curl --user my-id:my-secret -d grant_type=client_credentials ${TOKEN_URL}`),
    ).toMatchObject({
      authMethod: 'client_secret_basic',
      clientId: 'my-id',
      clientSecret: 'my-secret',
      warnings: [],
      changes: [],
    });
  });

  it.each([
    ['#', 'ab#cd'],
    ['%', 'ab%*cd'],
    ['+', 'ab+cd'],
    ['/', 'ab/cd'],
    [':', 'ab:cd'],
    ['space', 'ab cd'],
    ['non-ASCII', 'pässword'],
  ])('a secret with %s sent unencoded → client_secret_basic_raw, with the reason', (_c, secret) => {
    const draft = draftOf(basic(`my-id:${secret}`));
    expect(draft.authMethod).toBe('client_secret_basic_raw');
    expect(draft.clientSecret).toBe(secret);
    expect(draft.changes.join('\n')).toContain('RFC 6749 §2.3.1');
    expect(draft.changes.join('\n')).toContain('client secret contains');
  });

  it('a form-encoded id or secret is decoded → client_secret_basic', () => {
    const draft = draftOf(basic('my%3Aid:ab%2Bcd%25ef'));
    expect(draft).toMatchObject({
      authMethod: 'client_secret_basic',
      clientId: 'my:id',
      clientSecret: 'ab+cd%ef',
    });
    expect(draft.changes.join('\n')).toContain('look form-encoded');
  });

  it('says which of id and secret forced the raw method', () => {
    expect(draftOf(basic('my id:secret')).changes.join('\n')).toContain('The client id contains');
  });

  it('body credentials → client_secret_post', () => {
    expect(
      draftOf(
        `curl -d client_id=a -d client_secret=b -d grant_type=client_credentials ${TOKEN_URL}`,
      ),
    ).toMatchObject({ authMethod: 'client_secret_post', clientId: 'a', clientSecret: 'b' });
  });

  it('Basic and a body secret together → Basic, with a warning', () => {
    const draft = draftOf(
      `curl -u a:b -d client_id=a -d client_secret=b -d grant_type=client_credentials ${TOKEN_URL}`,
    );
    expect(draft.authMethod).toBe('client_secret_basic');
    expect(draft.extraParams).toEqual([]);
    expect(draft.warnings.join('\n')).toContain('both with HTTP Basic and in the body');
  });

  it('only a client_id → no method, with a warning', () => {
    const draft = draftOf(`curl -d client_id=a -d grant_type=client_credentials ${TOKEN_URL}`);
    expect(draft.authMethod).toBeUndefined();
    expect(draft.clientId).toBe('a');
    expect(draft.warnings.join('\n')).toContain('no client_secret');
  });

  it('no credentials at all → no method, with a warning', () => {
    const draft = draftOf(`curl -d grant_type=client_credentials ${TOKEN_URL}`);
    expect(draft.authMethod).toBeUndefined();
    expect(draft.warnings.join('\n')).toContain('No client credentials');
  });

  it('variables and placeholders become warnings, not values', () => {
    const draft = draftOf(
      `curl -u "$CLIENT_ID:<client secret>" -d grant_type=client_credentials ${TOKEN_URL}`,
    );
    expect(draft.authMethod).toBe('client_secret_basic');
    expect(draft.clientId).toBeUndefined();
    expect(draft.clientSecret).toBeUndefined();
    expect(draft.warnings.join('\n')).toContain('$CLIENT_ID');
    expect(draft.warnings.join('\n')).toContain('<client secret>');
  });
  it('keeps a real secret that merely contains {…} or <…>, with a warning that does not echo it', () => {
    const draft = draftOf(basic('my-id:ab{cd}<ef>'));
    expect(draft.clientSecret).toBe('ab{cd}<ef>');
    const warnings = draft.warnings.join('\n');
    expect(warnings).toContain('looks like a placeholder');
    expect(warnings).not.toContain('ab{cd}');
  });
});

describe('parameters, headers and encoding', () => {
  it('drops partly-placeholder parameters and headers, showing what to complete', () => {
    const draft = draftOf(
      `curl -u a:b -H 'Host: <tenant>.example.com' -d 'scope=api://{tenant}/.default' -d grant_type=client_credentials ${TOKEN_URL}`,
    );
    expect(draft.extraHeaders).toEqual([]);
    expect(draft.scope).toBeUndefined();
    const warnings = draft.warnings.join('\n');
    expect(warnings).toContain(
      'The Host header "<tenant>.example.com" is a placeholder (<tenant>)',
    );
    expect(warnings).toContain('The scope "api://{tenant}/.default" is a placeholder ({tenant})');
  });

  it('picks out grant_type, scope and audience; the rest are extra params', () => {
    const draft = draftOf(
      `curl -u a:b -d grant_type=client_credentials -d 'scope=read write' -d audience=api -d resource=https://r.example ${TOKEN_URL}`,
    );
    expect(draft).toMatchObject({
      grantType: 'client_credentials',
      scope: 'read write',
      audience: 'api',
      extraParams: [{ name: 'resource', value: 'https://r.example' }],
    });
  });

  it('keeps custom headers and drops the ones the wizard sets', () => {
    const draft = draftOf(
      `curl -u a:b -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' -H 'X-Tenant: t1' -H 'Host: idp.internal' -d grant_type=client_credentials ${TOKEN_URL}`,
    );
    expect(draft.extraHeaders).toEqual([
      { name: 'X-Tenant', value: 't1' },
      { name: 'Host', value: 'idp.internal' },
    ]);
  });

  it('a JSON body → json encoding, non-string values kept as JSON text', () => {
    const draft = draftOf(
      `curl -d '{"audience":"x","client_id":"a","client_secret":"b","n":1}' ${TOKEN_URL}`,
    );
    expect(draft).toMatchObject({
      bodyEncoding: 'json',
      audience: 'x',
      authMethod: 'client_secret_post',
      extraParams: [{ name: 'n', value: '1' }],
    });
    expect(draft.changes.join('\n')).toContain('not a string');
  });

  it('warns about a raw body, a GET, plain http and a missing grant_type', () => {
    const draft = draftOf(
      `curl -u a:b -X GET -H 'Content-Type: text/plain' -d hello http://idp.example.com/token`,
    );
    const warnings = draft.warnings.join('\n');
    expect(warnings).toContain('neither form fields nor JSON');
    expect(draft.changes.join('\n')).toContain('uses GET');
    expect(warnings).toContain('plain http');
    expect(draft.changes.join('\n')).toContain('no grant_type');
  });

  it('does not warn about plain http on loopback', () => {
    const draft = draftOf(
      `curl -u a:b -d grant_type=client_credentials http://127.0.0.1:8080/token`,
    );
    expect(draft.warnings).toEqual([]);
  });

  it('carries the timeout and the -k request', () => {
    expect(
      draftOf(`curl -k -m 900 -u a:b -d grant_type=client_credentials ${TOKEN_URL}`),
    ).toMatchObject({
      timeoutSeconds: 900,
      insecureRequested: true,
    });
  });
});
