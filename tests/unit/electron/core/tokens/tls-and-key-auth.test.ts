import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { buildTokenRequestSpec } from '../../../../../electron/core/tokens/spec.js';
import {
  caSignedServer,
  clientCert,
  testCa,
  wso2SelfSigned,
} from '../../../../fixtures/certs/index.js';
import {
  startOAuth2Emulator,
  startWso2ApkEmulator,
  type OAuth2Emulator,
  type Wso2ApkEmulator,
} from '../../../../fixtures/emulators/index.js';
import { connectionFor, expectAppError, failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

describe('TLS trust: custom CA and host names', () => {
  let mtls: OAuth2Emulator;
  let apk: Wso2ApkEmulator;
  beforeAll(async () => {
    mtls = await startOAuth2Emulator({ mtls: true, allowPost: true });
    apk = await startWso2ApkEmulator();
  });
  afterAll(async () => {
    await Promise.all([mtls.close(), apk.close()]);
  });

  it('trusts a server whose certificate comes from the connection CA', async () => {
    const token = await fetchToken(
      specFor({
        tokenUrl: mtls.tokenUrl,
        authMethod: 'client_secret_post',
        tls: { caPem: testCa.cert },
      }),
    );
    expect(token.peerCertificate?.issuer).toContain('Grantline Test CA');
    expect(token.peerCertificate?.fingerprint256).toBe(caSignedServer.fingerprint256);
  });

  it('refuses the same server without that CA, naming the issuer', async () => {
    const error = await expectAppError(
      fetchToken(specFor({ tokenUrl: mtls.tokenUrl, authMethod: 'client_secret_post' })),
      'tls',
    );
    expect(error.message).toContain('Grantline Test CA');
    expect(error.hint).toMatch(/custom CA|pin/);
  });

  it('refuses a trusted certificate issued for another host name', async () => {
    const error = await expectAppError(
      fetchToken(
        specFor({
          tokenUrl: mtls.tokenUrl,
          authMethod: 'client_secret_post',
          extraHeaders: { Host: 'auth.example.com' },
          tls: { caPem: testCa.cert },
        }),
      ),
      'tls',
    );
    expect(error.message).toMatch(/not valid for auth\.example\.com/);
    expect(error.details?.reason).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('checks the name of the Host header (the SNI name), as WSO2 sends it', async () => {
    const token = await fetchToken(
      specFor({
        tokenUrl: `https://127.0.0.1:${apk.port}/oauth2/token`,
        clientId: '45f1c5c8-a92e-11ed-afa1-0242ac120002',
        clientSecret: '4fbd62ec-a92e-11ed-afa1-0242ac120002',
        extraHeaders: { Host: 'idp.am.wso2.com' },
        tls: { caPem: wso2SelfSigned.cert },
      }),
    );
    expect(token.scope).toBe('default');
  });

  it('authenticates with a client certificate (tls_client_auth), and fails without one', async () => {
    const spec = specFor({
      tokenUrl: mtls.tokenUrl,
      authMethod: 'tls_client_auth',
      clientSecret: undefined,
      tls: { caPem: testCa.cert, clientCertPem: clientCert.cert, clientKeyPem: clientCert.key },
    });
    const token = await fetchToken(spec);
    expect(token.accessToken).toBe(mtls.issued().at(-1));
    expect(new URLSearchParams(mtls.lastRequest()?.body).get('client_secret')).toBeNull();
    await expectAppError(
      fetchToken({ ...spec, tls: { caPem: testCa.cert } }),
      'validation', // no certificate configured: refused before sending
    );
  });
});

describe('private_key_jwt (RFC 7523)', () => {
  let server: OAuth2Emulator;
  let pem: string;
  let jwkText: string;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('PS256', { extractable: true });
    pem = await exportPKCS8(privateKey);
    jwkText = JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'k1' });
    server = await startOAuth2Emulator({
      clientJwk: { ...(await exportJWK(publicKey)), alg: 'PS256' },
    });
  });
  afterAll(() => server.close());

  it('signs an assertion (iss = sub = client, aud = token URL, jti, exp) with a PEM key', async () => {
    const spec = specFor({
      tokenUrl: server.tokenUrl,
      authMethod: 'private_key_jwt',
      clientSecret: undefined,
      privateKey: { key: pem, alg: 'PS256' },
    });
    await fetchToken(spec);
    const body = new URLSearchParams(server.lastRequest()?.body);
    expect(body.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const claims = JSON.parse(
      Buffer.from((body.get('client_assertion') ?? '').split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(claims).toMatchObject({
      iss: 'grantline-client',
      sub: 'grantline-client',
      aud: server.tokenUrl,
    });
    expect(claims.exp - claims.iat).toBe(60);
    expect(typeof claims.jti).toBe('string');
    // A second token uses a new jti (the emulator refuses replays).
    await fetchToken(spec);
  });

  it('signs with a JWK key and puts its kid in the header', async () => {
    await fetchToken(
      specFor({
        tokenUrl: server.tokenUrl,
        authMethod: 'private_key_jwt',
        privateKey: { key: jwkText, alg: 'PS256' },
      }),
    );
    const assertion = new URLSearchParams(server.lastRequest()?.body).get('client_assertion') ?? '';
    expect(JSON.parse(Buffer.from(assertion.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(
      'k1',
    );
  });

  it('refuses an unreadable key without quoting it', async () => {
    const error = await expectAppError(
      fetchToken(
        specFor({
          tokenUrl: server.tokenUrl,
          authMethod: 'private_key_jwt',
          privateKey: { key: 'not a key SECRETSTUFF', alg: 'PS256' },
        }),
      ),
      'validation',
    );
    expect(error.message).not.toContain('SECRETSTUFF');
  });
});

describe('generic OpenID Connect preset: token endpoint by discovery', () => {
  let server: OAuth2Emulator;
  beforeAll(async () => {
    server = await startOAuth2Emulator();
  });
  afterAll(() => server.close());

  it('reads token_endpoint from <issuer>/.well-known/openid-configuration', async () => {
    const connection = connectionFor('generic-oidc', {
      clientId: 'grantline-client',
      fields: { issuer: server.origin },
    });
    const spec = await buildTokenRequestSpec(connection, { clientSecret: 'grantline-secret' });
    expect(spec.tokenUrl).toBe(server.tokenUrl);
    await fetchToken(spec);
    expect(server.tokenRequests()).toBe(1);
  });

  it('refuses a discovery document that names another issuer', async () => {
    const connection = connectionFor('generic-oidc', {
      clientId: 'grantline-client',
      fields: { issuer: `${server.origin.replace('127.0.0.1', 'localhost')}` },
    });
    const error = await expectAppError(
      buildTokenRequestSpec(connection, { clientSecret: 'x' }),
      'validation',
    );
    expect(error.message).toMatch(/different issuer/);
  });
});
