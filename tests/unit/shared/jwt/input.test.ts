import { describe, expect, it } from 'vitest';
import { decodeToken } from '#shared/jwt/decode.js';
import { inspectTokenInput, type TokenInputResult } from '#shared/jwt/input.js';
import {
  APPVIEWX_RESPONSE,
  APPVIEWX_TOKEN_WITH_SPACES,
  RFC7519_HS256,
  WSO2_RESPONSE,
  WSO2_TOKEN,
} from '../../../fixtures/jwt/samples.js';

function ok(result: TokenInputResult): { token: string; codes: string[]; field: string | null } {
  if (!result.ok) throw new Error(`expected a token, got: ${result.error.message}`);
  return { token: result.token, codes: result.fixes.map((fix) => fix.code), field: result.field };
}

describe('inspectTokenInput', () => {
  it('passes a clean token through with no fixes', () => {
    expect(ok(inspectTokenInput(RFC7519_HS256))).toEqual({
      token: RFC7519_HS256,
      codes: [],
      field: null,
    });
  });

  it('trims a trailing newline (the echo | pbcopy case) and says so', () => {
    const result = ok(inspectTokenInput(`${RFC7519_HS256}\n`));
    expect(result.token).toBe(RFC7519_HS256);
    expect(result.codes).toEqual(['trimmed']);
  });

  it.each([
    ['Bearer prefix', `Bearer ${RFC7519_HS256}`, ['bearer_prefix']],
    ['lowercase bearer with several spaces', `bearer   ${RFC7519_HS256}`, ['bearer_prefix']],
    [
      'whole Authorization header',
      `Authorization: Bearer ${RFC7519_HS256}`,
      ['authorization_header', 'bearer_prefix'],
    ],
    ['double quotes', `"${RFC7519_HS256}"`, ['quotes']],
    [
      'single quotes around a Bearer value',
      `'Bearer ${RFC7519_HS256}'`,
      ['quotes', 'bearer_prefix'],
    ],
    ['typographic quotes', `\u201C${RFC7519_HS256}\u201D`, ['quotes']],
    [
      'quoted header value',
      `  "Authorization: Bearer ${RFC7519_HS256}",\n`.replace(/,\n$/, '\n'),
      ['trimmed', 'quotes', 'authorization_header', 'bearer_prefix'],
    ],
  ])('removes a %s', (_name, input, codes) => {
    const result = ok(inspectTokenInput(input));
    expect(result.token).toBe(RFC7519_HS256);
    expect(result.codes).toEqual(codes);
  });

  it('removes line breaks inside a token wrapped by a terminal or an email', () => {
    const wrapped = RFC7519_HS256.replace(/(.{40})/g, '$1\n  ');
    const result = inspectTokenInput(wrapped);
    expect(ok(result).token).toBe(RFC7519_HS256);
    expect(result.fixes.find((fix) => fix.code === 'inner_whitespace')?.message).toMatch(
      /from inside the token/,
    );
  });

  it('removes the stray spaces of the AppViewX sample and says where they were', () => {
    const result = inspectTokenInput(APPVIEWX_TOKEN_WITH_SPACES);
    const { token, codes } = ok(result);
    expect(token).not.toContain(' ');
    expect(codes).toEqual(['inner_whitespace']);
    const first = APPVIEWX_TOKEN_WITH_SPACES.indexOf(' ');
    expect(result.fixes[0]?.message).toContain(`Removed 2 spaces or line breaks`);
    expect(result.fixes[0]?.message).toContain(String(first));
    expect(decodeToken(token).ok).toBe(true);
  });

  it('removes zero-width characters', () => {
    const [a, b] = [RFC7519_HS256.slice(0, 50), RFC7519_HS256.slice(50)];
    const result = ok(inspectTokenInput(`${a}\u200B${b.slice(0, 5)}\u2060${b.slice(5)}`));
    expect(result.token).toBe(RFC7519_HS256);
    expect(result.codes).toEqual(['invisible_characters']);
  });

  it('takes access_token from the complete WSO2 token response', () => {
    const result = ok(inspectTokenInput(WSO2_RESPONSE));
    expect(result).toEqual({ token: WSO2_TOKEN, codes: ['json_field'], field: 'access_token' });
  });

  it('takes "response" from the AppViewX sample response and removes its spaces', () => {
    const result = ok(inspectTokenInput(APPVIEWX_RESPONSE));
    expect(result.field).toBe('response');
    expect(result.codes).toEqual(['json_field', 'inner_whitespace']);
    const decoded = decodeToken(result.token);
    expect(decoded.ok && decoded.token.payload?.['grant type']).toBe('client_credentials');
  });

  it('finds the token nested in `axway auth login --json` output', () => {
    const cli = JSON.stringify({
      auth: {
        authenticator: 'ClientSecret',
        realm: 'Broker',
        tokens: { access_token: RFC7519_HS256 },
      },
    });
    expect(ok(inspectTokenInput(cli))).toMatchObject({
      token: RFC7519_HS256,
      field: 'auth.tokens.access_token',
    });
  });

  it('prefers access_token over id_token', () => {
    const json = JSON.stringify({ id_token: 'eyJid.x.y', access_token: RFC7519_HS256 });
    expect(ok(inspectTokenInput(json)).token).toBe(RFC7519_HS256);
  });

  it('takes the token from a form-encoded response', () => {
    const result = ok(
      inspectTokenInput(`access_token=${RFC7519_HS256}&token_type=bearer&expires_in=300`),
    );
    expect(result).toEqual({ token: RFC7519_HS256, codes: ['form_field'], field: 'access_token' });
  });

  it('says a pasted error response holds no token', () => {
    const result = inspectTokenInput('{"error":"invalid_client","error_description":"bad secret"}');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('json_without_token');
      expect(result.error.message).toContain('invalid_client');
    }
    const avx = inspectTokenInput(
      '{"response":null,"message":"Service account is invalid","appStatusCode":"ACCT_SA_003"}',
    );
    expect(!avx.ok && avx.error.message).toContain('ACCT_SA_003');
  });

  it('says a pasted claims set is not a token response', () => {
    const result = inspectTokenInput('{"sub":"x","exp":1}');
    expect(!result.ok && result.error.code).toBe('json_without_token');
  });

  it('rejects empty and whitespace-only input', () => {
    expect(inspectTokenInput('')).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(inspectTokenInput('  \n\t ')).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(inspectTokenInput('Bearer ')).toMatchObject({ ok: false, error: { code: 'empty' } });
  });

  it('keeps going with text that only looks like JSON', () => {
    const result = inspectTokenInput('{not json');
    expect(result.ok).toBe(true);
    expect(decodeToken(ok(result).token).ok).toBe(false);
  });
});
