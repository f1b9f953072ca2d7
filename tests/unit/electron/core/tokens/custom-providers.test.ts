import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeExpiry } from '../../../../../electron/core/tokens/expiry.js';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { normalizeTokenResponse } from '../../../../../electron/core/tokens/response.js';
import { buildTokenRequestSpec } from '../../../../../electron/core/tokens/spec.js';
import { startOAuth2Emulator, type OAuth2Emulator } from '../../../../fixtures/emulators/index.js';
import { connectionFor, expectAppError, failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

/** Providers no preset knows, configured only through connection settings (no code). */
describe('providers no preset knows', () => {
  let jsonAudience: OAuth2Emulator;
  let dotDefault: OAuth2Emulator;
  let nested: OAuth2Emulator;
  beforeAll(async () => {
    jsonAudience = await startOAuth2Emulator({
      bodyEncoding: 'json',
      allowPost: true,
      requireParams: { audience: 'https://api.example.com' },
    });
    dotDefault = await startOAuth2Emulator({ requireParams: { scope: 'api://orders/.default' } });
    nested = await startOAuth2Emulator({
      shape: (token, expiresIn) => ({
        data: { auth: { token, lifetime: String(expiresIn) } },
        kind: 'Bearer',
      }),
    });
  });
  afterAll(async () => {
    await Promise.all([jsonAudience.close(), dotDefault.close(), nested.close()]);
  });

  it('sends a JSON body with an audience', async () => {
    const connection = connectionFor('generic-oauth2', {
      clientId: 'grantline-client',
      fields: { tokenUrl: jsonAudience.tokenUrl },
      authMethod: 'client_secret_post',
      bodyEncoding: 'json',
      audience: 'https://api.example.com',
    });
    const token = await fetchToken(
      await buildTokenRequestSpec(connection, { clientSecret: 'grantline-secret' }),
    );
    expect(token.accessToken).toBe(jsonAudience.issued().at(-1));
    const sent = jsonAudience.lastRequest();
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({
      grant_type: 'client_credentials',
      audience: 'https://api.example.com',
      client_id: 'grantline-client',
    });
  });

  it('requests scope=<resource>/.default', async () => {
    const connection = connectionFor('generic-oauth2', {
      clientId: 'grantline-client',
      fields: { tokenUrl: dotDefault.tokenUrl },
      scope: 'api://orders/.default',
    });
    const token = await fetchToken(
      await buildTokenRequestSpec(connection, { clientSecret: 'grantline-secret' }),
    );
    expect(token.scope).toBe('api://orders/.default');
  });

  it('reads a nested token, a string lifetime and a custom token type by JSON pointer', async () => {
    const connection = connectionFor('generic-oauth2', {
      clientId: 'grantline-client',
      fields: { tokenUrl: nested.tokenUrl },
      responseMapping: {
        accessToken: '/data/auth/token',
        expiresIn: '/data/auth/lifetime',
        tokenType: '/kind',
      },
      extraQueryParams: { tenant: 'acme' },
    });
    const spec = await buildTokenRequestSpec(connection, { clientSecret: 'grantline-secret' });
    const token = await fetchToken(spec);
    expect(token.accessToken).toBe(nested.issued().at(-1));
    expect(token.expiresIn).toBe(3600);
    expect(token.expirySource).toBe('expires_in');
    expect(token.extras).not.toHaveProperty('data');
    expect(nested.lastRequest()?.path).toBe('/token?tenant=acme');
  });

  it('says where it looked when the token is not where the mapping points', async () => {
    const error = await expectAppError(
      fetchToken(specFor({ tokenUrl: nested.tokenUrl })),
      'malformed_response',
    );
    expect(error.hint).toMatch(/JSON pointer/);
    expect(error.details?.fields).toEqual(['data', 'kind']);
  });
});

describe('response normalisation', () => {
  const spec = specFor({ tokenUrl: 'https://auth.example.com/token', scope: 'asked' });
  const respond = (body: unknown, status = 200) =>
    normalizeTokenResponse(
      {
        status,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(body)),
        durationMs: 1,
      },
      spec,
      { obtainedAt: 1_000_000, insecureTls: false },
    );

  it('accepts token_type in any case (Keycloak says "bearer") and keeps other types', () => {
    expect(respond({ access_token: 't', token_type: 'bearer', expires_in: 1800 }).tokenType).toBe(
      'Bearer',
    );
    expect(respond({ access_token: 't', token_type: 'BEARER' }).tokenType).toBe('Bearer');
    expect(respond({ access_token: 't', token_type: 'DPoP' }).tokenType).toBe('DPoP');
  });

  it('keeps Keycloak extras but never token-like fields', () => {
    const token = respond({
      access_token: 't',
      refresh_token: 'r',
      id_token: 'i',
      expires_in: 1800,
      refresh_expires_in: 0,
      'not-before-policy': 1571719187,
      token_type: 'bearer',
      scope: 'email profile',
    });
    expect(token.extras).toEqual({ refresh_expires_in: 0, 'not-before-policy': 1571719187 });
    expect(token.scope).toBe('email profile');
  });

  it('falls back to the requested scope when the response has none', () => {
    expect(respond({ access_token: 't' }).scope).toBe('asked');
  });

  it('takes expiry from expires_in (number or string), else expires_at, else the JWT exp, else unknown', () => {
    const at = 1_000_000;
    expect(
      computeExpiry({ expiresIn: 60, expiresAt: undefined, claims: undefined }, at),
    ).toMatchObject({
      expiresAt: at + 60_000,
      source: 'expires_in',
    });
    expect(
      computeExpiry({ expiresIn: '90', expiresAt: undefined, claims: undefined }, at).expiresAt,
    ).toBe(at + 90_000);
    expect(
      computeExpiry({ expiresIn: 'soon', expiresAt: 1_700_000_000, claims: undefined }, at),
    ).toMatchObject({
      expiresAt: 1_700_000_000_000,
      source: 'expires_at',
    });
    expect(
      computeExpiry(
        { expiresIn: undefined, expiresAt: '2030-01-01T00:00:00Z', claims: undefined },
        at,
      ).expiresAt,
    ).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(
      computeExpiry(
        { expiresIn: undefined, expiresAt: undefined, claims: { exp: 2_000, iat: 1_000 } },
        at,
      ),
    ).toMatchObject({
      expiresAt: 2_000_000,
      expiresIn: 1_000,
      source: 'jwt_exp',
    });
    expect(
      computeExpiry({ expiresIn: 0, expiresAt: undefined, claims: undefined }, at).source,
    ).toBe('unknown');
  });

  it('turns an error body into its category even with HTTP 200', () => {
    expect(() => respond({ error: 'invalid_scope', error_description: 'nope' })).toThrow(
      /not allowed/,
    );
  });

  it('redacts the secret if a server echoes it in its error message', () => {
    const leaky = specFor({
      tokenUrl: 'https://auth.example.com/token',
      clientSecret: 's3cr3t+value',
    });
    try {
      normalizeTokenResponse(
        {
          status: 401,
          headers: {},
          body: Buffer.from(
            JSON.stringify({
              error: 'invalid_client',
              error_description: 'bad secret s3cr3t+value / s3cr3t%2Bvalue',
            }),
          ),
          durationMs: 1,
        },
        leaky,
        { obtainedAt: 0, insecureTls: false },
      );
      expect.unreachable();
    } catch (err) {
      const text = JSON.stringify((err as { toIpcError(): unknown }).toIpcError());
      expect(text).not.toContain('s3cr3t');
      expect(text).toContain('[redacted]');
    }
  });
});
