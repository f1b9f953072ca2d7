import { createLocalJWKSet, jwtVerify } from 'jose';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '#shared/connection.js';
import { TokenEngine, type BearerCredential } from '../../../../../electron/core/tokens/engine.js';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { buildTokenRequestSpec } from '../../../../../electron/core/tokens/spec.js';
import { testConnection } from '../../../../../electron/core/tokens/test-connection.js';
import { startResourceServer, type ResourceServer } from '../../../../fixtures/emulators/index.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import { connectionFor, expectAppError, failOnUnhandledRejections } from './helpers.js';

failOnUnhandledRejections();

/** The Axway presets against a certified OpenID provider mounted like Axway's Keycloak realm. */
describe('Axway presets against oidc-provider (/auth/realms/Broker)', () => {
  let idp: OidcFixture;
  let api: ResourceServer;
  const engines: TokenEngine[] = [];
  beforeAll(async () => {
    idp = await startOidcFixture();
    api = await startResourceServer(async (token) => {
      try {
        await jwtVerify(token, createLocalJWKSet(idp.jwks()), { issuer: idp.issuer });
        return true;
      } catch {
        return false;
      }
    });
  });
  afterAll(async () => {
    await Promise.all([idp.close(), api.close()]);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    idp.resetCount();
    idp.setTokenDelay(0);
    api.reset();
  });

  const loginBaseUrl = () => `http://127.0.0.1:${idp.port}`;
  const platform = (extra: Partial<Connection> = {}) =>
    connectionFor('axway-platform', {
      clientId: idp.clients.basic.clientId,
      fields: { loginBaseUrl: loginBaseUrl() },
      ...extra,
    });
  const platformSecret = () => ({ clientSecret: idp.clients.basic.clientSecret });

  function engineFor(
    connection: () => Connection,
    secret: () => { clientSecret?: string | undefined },
  ) {
    let t = Date.now();
    const clock = { now: () => t, advance: (ms: number) => (t += ms) };
    const engine = new TokenEngine({
      resolve: async () => buildTokenRequestSpec(connection(), secret()),
      now: clock.now,
      schedule: null,
    });
    engines.push(engine);
    return { engine, clock };
  }

  it('Amplify Platform: HTTP Basic gets an RS256 JWT that verifies against the realm JWKS', async () => {
    const spec = await buildTokenRequestSpec(platform(), platformSecret());
    expect(spec.tokenUrl).toBe(idp.tokenUrl);
    const token = await fetchToken(spec);
    const { payload, protectedHeader } = await jwtVerify(
      token.accessToken,
      createLocalJWKSet(idp.jwks()),
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.azp).toBe(idp.clients.basic.clientId);
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(1800);
    expect(token.claims?.iss).toBe(idp.issuer);
    expect(idp.tokenRequests().at(-1)).toMatchObject({
      clientId: idp.clients.basic.clientId,
      ok: true,
    });
  });

  it('Support API: client ID and secret in the form body', async () => {
    const connection = connectionFor('axway-support', {
      clientId: idp.clients.post.clientId,
      fields: { loginBaseUrl: loginBaseUrl() },
    });
    const token = await fetchToken(
      await buildTokenRequestSpec(connection, { clientSecret: idp.clients.post.clientSecret }),
    );
    expect(token.claims?.azp).toBe(idp.clients.post.clientId);
  });

  it('a wrong secret is invalid_client with the Axway hint; the connection test finds nothing better', async () => {
    const spec = await buildTokenRequestSpec(platform(), { clientSecret: 'wrong-secret' });
    const error = await expectAppError(fetchToken(spec), 'invalid_client');
    expect(error.hint).toMatch(/shows a secret only once/);
    const report = await testConnection(spec);
    expect(report.workingMethod).toBeNull();
  });

  it('RFC 6749 §2.3.1: the special secret works with encoded Basic; raw Basic is refused and the test says which works', async () => {
    const special = { clientSecret: idp.clients.specialSecret.clientSecret };
    const encoded = await buildTokenRequestSpec(
      platform({ clientId: idp.clients.specialSecret.clientId }),
      special,
    );
    await fetchToken(encoded);
    const raw = { ...encoded, authMethod: 'client_secret_basic_raw' as const };
    // oidc-provider calls a Basic header that is not form-encoded a malformed request.
    const error = await expectAppError(fetchToken(raw), 'invalid_request');
    expect(error.status).toBe(400);
    const report = await testConnection(raw);
    expect(report.workingMethod).toBe('client_secret_basic');
    expect(report.message).toMatch(/switch the connection to client_secret_basic/);
  });

  it('caches, and renews before expiry when the clock moves', async () => {
    const { engine, clock } = engineFor(() => platform(), platformSecret);
    const first = await engine.revealToken('axway');
    await engine.revealToken('axway');
    expect(idp.tokenRequestCount()).toBe(1);
    clock.advance(1800_000 - 60_000); // 60 s left < margin 60 s + skew 10 s
    const second = await engine.revealToken('axway');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(idp.tokenRequestCount()).toBe(2);
  });

  it('single flight: 1,000 concurrent callers → 1 token request', async () => {
    idp.setTokenDelay(100);
    const { engine } = engineFor(() => platform(), platformSecret);
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, () => engine.revealToken('axway')),
    );
    expect(idp.tokenRequestCount()).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
  });

  it('a scope change gets a new token with the new scope', async () => {
    let scope = 'read:api';
    const { engine } = engineFor(() => platform({ scope }), platformSecret);
    const read = await engine.revealToken('axway');
    scope = 'email profile';
    const profile = await engine.revealToken('axway');
    expect(profile.accessToken).not.toBe(read.accessToken);
    expect(engine.getClaims('axway')?.scope).toBe('email profile');
    expect(idp.tokenRequestCount()).toBe(2);
  });

  it('a 401 from the API: one new token, one retry', async () => {
    const { engine } = engineFor(() => platform(), platformSecret);
    const call = async (c: BearerCredential) => {
      const res = await request(api.apiUrl, { headers: { authorization: c.authorization } });
      await res.body.dump();
      return { status: res.statusCode };
    };
    expect((await engine.withToken('axway', call)).status).toBe(200);
    api.reject((await engine.revealToken('axway')).accessToken);
    expect((await engine.withToken('axway', call)).status).toBe(200);
    expect(idp.tokenRequestCount()).toBe(2);
    expect(api.apiRequests()).toBe(3);
  });

  it('Keycloak preset with private_key_jwt (ES256 assertion) against the same realm', async () => {
    const client = idp.clients.privateKeyJwt;
    if (client === undefined)
      throw new Error('the fixture registers a private_key_jwt client by default');
    const connection = connectionFor('keycloak', {
      clientId: client.clientId,
      fields: { baseUrl: `${loginBaseUrl()}/auth`, realm: 'Broker' },
      authMethod: 'private_key_jwt',
      privateKeyJwt: { keyRef: 'k', alg: 'ES256', kid: client.kid, assertionLifetimeSec: 60 },
    });
    const token = await fetchToken(
      await buildTokenRequestSpec(connection, { privateKey: JSON.stringify(client.privateJwk) }),
    );
    expect(token.claims?.azp).toBe(client.clientId);
  });

  it('generic OpenID Connect preset discovers the realm token endpoint', async () => {
    const connection = connectionFor('generic-oidc', {
      clientId: idp.clients.basic.clientId,
      fields: { issuer: idp.issuer },
    });
    const spec = await buildTokenRequestSpec(connection, platformSecret());
    expect(spec.tokenUrl).toBe(idp.tokenUrl);
    await fetchToken(spec);
  });
});
