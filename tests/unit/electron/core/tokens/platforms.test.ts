import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTokenRequestSpec } from '../../../../../electron/core/tokens/spec.js';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { testCa } from '../../../../fixtures/certs/index.js';
import {
  apkTestClient,
  appviewxSampleClient,
  startAmplienceEmulator,
  startAppViewXEmulator,
  startWso2ApkEmulator,
  type AmplienceEmulator,
  type AppViewXEmulator,
  type Wso2ApkEmulator,
} from '../../../../fixtures/emulators/index.js';
import { connectionFor, expectAppError, failOnUnhandledRejections } from './helpers.js';

failOnUnhandledRejections();

describe('WSO2 APK built-in IdP (self-signed HTTPS, Host header)', () => {
  let apk: Wso2ApkEmulator;
  beforeAll(async () => {
    apk = await startWso2ApkEmulator();
  });
  afterAll(() => apk.close());

  const connection = (tls: { pinnedSha256?: string; insecure?: boolean }, extra = {}) =>
    connectionFor('wso2-apk', {
      clientId: apkTestClient.clientId,
      fields: { host: '127.0.0.1', port: String(apk.port) },
      tls: { insecure: false, ...tls },
      ...extra,
    });

  it('gets a token when the certificate is pinned, sending the Host header of the guide', async () => {
    const spec = await buildTokenRequestSpec(connection({ pinnedSha256: apk.fingerprint256 }), {
      clientSecret: apkTestClient.clientSecret,
    });
    const token = await fetchToken(spec);
    expect(token.tokenType).toBe('Bearer');
    expect(token.scope).toBe('default');
    expect(token.expiresIn).toBe(3600);
    expect(token.expirySource).toBe('expires_in');
    expect(token.claims?.clientId).toBe(apkTestClient.clientId);
    expect(token.peerCertificate?.fingerprint256).toBe(apk.fingerprint256);
    expect(token.insecureTls).toBe(false);
    expect(apk.lastRequest()?.headers.host).toBe('idp.am.wso2.com');
  });

  it('refuses the unpinned self-signed certificate with a tls error showing its fingerprint, before sending credentials', async () => {
    apk.reset();
    const spec = await buildTokenRequestSpec(connection({}), {
      clientSecret: apkTestClient.clientSecret,
    });
    const error = await expectAppError(fetchToken(spec), 'tls');
    expect(error.message).toContain(apk.fingerprint256);
    expect(error.message).toMatch(/self-signed/i);
    expect(error.message).toMatch(/pin it/);
    const cert = error.details?.certificate as {
      fingerprint256: string;
      subject: string;
      selfSigned: boolean;
    };
    expect(cert.fingerprint256).toBe(apk.fingerprint256);
    expect(cert.subject).toContain('CN=idp.am.wso2.com');
    expect(cert.selfSigned).toBe(true);
    expect(apk.count()).toBe(0);
  });

  it('refuses a certificate that does not match the pin', async () => {
    const spec = await buildTokenRequestSpec(connection({ pinnedSha256: 'ab'.repeat(32) }), {
      clientSecret: apkTestClient.clientSecret,
    });
    const error = await expectAppError(fetchToken(spec), 'tls');
    expect(error.details?.reason).toBe('PIN_MISMATCH');
    expect(error.message).toContain(apk.fingerprint256);
  });

  it('accepts the certificate with checks off, and flags the token as insecure', async () => {
    const spec = await buildTokenRequestSpec(connection({ insecure: true }), {
      clientSecret: apkTestClient.clientSecret,
    });
    const token = await fetchToken(spec);
    expect(token.insecureTls).toBe(true);
  });

  it('needs the Host header: without it the gateway answers 404 and the hint says so', async () => {
    const spec = await buildTokenRequestSpec(
      connection({ pinnedSha256: apk.fingerprint256 }, { extraHeaders: { host: '' } }),
      { clientSecret: apkTestClient.clientSecret },
    );
    const error = await expectAppError(fetchToken(spec), 'http');
    expect(error.status).toBe(404);
    expect(error.hint).toMatch(/Host header/);
  });

  it('maps a wrong secret to invalid_client with the published test client in the hint', async () => {
    const spec = await buildTokenRequestSpec(connection({ pinnedSha256: apk.fingerprint256 }), {
      clientSecret: 'wrong',
    });
    const error = await expectAppError(fetchToken(spec), 'invalid_client');
    expect(error.hint).toContain(apkTestClient.clientId);
  });
});

describe('Amplience (form body, 300 s tokens, 400 = bad credentials)', () => {
  let amp: AmplienceEmulator;
  beforeAll(async () => {
    amp = await startAmplienceEmulator();
  });
  afterAll(() => amp.close());

  const connection = () =>
    connectionFor('amplience', { clientId: amp.clientId, tokenUrl: amp.tokenUrl });

  it('gets a 300 s token with client_id and client_secret in the form body', async () => {
    const spec = await buildTokenRequestSpec(connection(), { clientSecret: amp.clientSecret });
    const token = await fetchToken(spec);
    expect(token.expiresIn).toBe(300);
    expect(token.expirySource).toBe('expires_in');
    expect(token.tokenType).toBe('Bearer');
    expect(token.extras.session_expires_in).toBe(0);
    const sent = new URLSearchParams(amp.lastRequest()?.body);
    expect(sent.get('client_id')).toBe(amp.clientId);
    expect(sent.get('grant_type')).toBe('client_credentials');
    expect(amp.lastRequest()?.headers.authorization).toBeUndefined();
  });

  it('turns a 400 into invalid_client with an Amplience hint', async () => {
    const spec = await buildTokenRequestSpec(connection(), { clientSecret: 'not-the-secret' });
    const error = await expectAppError(fetchToken(spec), 'invalid_client');
    expect(error.status).toBe(400);
    expect(error.hint).toMatch(/Amplience/);
    expect(error.message).not.toContain('not-the-secret');
  });
});

describe('AppViewX (raw Basic, Client_Credentials, token in "response")', () => {
  let avx: AppViewXEmulator;
  beforeAll(async () => {
    avx = await startAppViewXEmulator({ lifetimeSec: 1200 });
  });
  afterAll(() => avx.close());

  const connection = (extra = {}) =>
    connectionFor('appviewx', {
      clientId: appviewxSampleClient.clientId,
      fields: { host: '127.0.0.1', port: String(avx.port) },
      tls: { caPem: testCa.cert, insecure: false },
      ...extra,
    });
  const secret = { clientSecret: appviewxSampleClient.clientSecret };

  it('sends raw Basic and Client_Credentials, reads the token from response and expiry from the JWT exp', async () => {
    const spec = await buildTokenRequestSpec(connection(), secret);
    const before = Date.now();
    const token = await fetchToken(spec);
    const raw = Buffer.from(
      `${appviewxSampleClient.clientId}:${appviewxSampleClient.clientSecret}`,
    ).toString('base64');
    expect(avx.lastRequest()?.headers.authorization).toBe(`Basic ${raw}`);
    expect(new URLSearchParams(avx.lastRequest()?.body).get('grant_type')).toBe(
      'Client_Credentials',
    );
    expect(token.claims?.iss).toBe('avx');
    expect(token.expirySource).toBe('jwt_exp');
    expect(token.expiresAt).toBe((token.claims?.exp ?? 0) * 1000);
    expect(token.expiresAt).toBeGreaterThan(before + 1100_000);
    expect(token.tokenType).toBe('Bearer');
  });

  it('removes the stray space of the documented sample token, with a warning', async () => {
    const sloppy = await startAppViewXEmulator({ strayWhitespace: true });
    try {
      const spec = await buildTokenRequestSpec(
        connection({ fields: { host: '127.0.0.1', port: String(sloppy.port) } }),
        secret,
      );
      const token = await fetchToken(spec);
      expect(token.accessToken).not.toMatch(/\s/);
      expect(token.expirySource).toBe('jwt_exp');
      expect(token.warnings.join(' ')).toMatch(/whitespace/);
    } finally {
      await sloppy.close();
    }
  });

  it('maps ACCT_SA_003 (unknown service account) to invalid_client with its hint', async () => {
    const spec = await buildTokenRequestSpec(connection({ clientId: 'no-such-account' }), secret);
    const error = await expectAppError(fetchToken(spec), 'invalid_client');
    expect(error.providerCode).toBe('ACCT_SA_003');
    expect(error.hint).toMatch(/service account exists/);
  });

  it('maps OAUTH_CLNT_015 (wrong secret) to invalid_client; form-encoded Basic gets it too', async () => {
    const wrong = await buildTokenRequestSpec(connection(), { clientSecret: 'wrong-secret' });
    const error = await expectAppError(fetchToken(wrong), 'invalid_client');
    expect(error.providerCode).toBe('OAUTH_CLNT_015');
    expect(error.hint).toMatch(/without encoding/);
    // The secret has # and %: RFC-encoded Basic changes it, and AppViewX does not decode.
    const encoded = await buildTokenRequestSpec(
      connection({ authMethod: 'client_secret_basic' }),
      secret,
    );
    const encodedError = await expectAppError(fetchToken(encoded), 'invalid_client');
    expect(encodedError.providerCode).toBe('OAUTH_CLNT_015');
  });

  it('maps ACCT_SA_001 (invalid request) when the grant type is spelled the standard way', async () => {
    const spec = await buildTokenRequestSpec(
      connection({ grantType: 'client_credentials' }),
      secret,
    );
    const error = await expectAppError(fetchToken(spec), 'invalid_client');
    expect(error.providerCode).toBe('ACCT_SA_001');
    expect(error.hint).toMatch(/Client_Credentials/);
  });

  it('maps avx-common-011 (HTTP 500) to an http error with a server-side hint', async () => {
    avx.failNextWithServerError();
    const spec = await buildTokenRequestSpec(connection(), secret);
    const error = await expectAppError(fetchToken(spec), 'http');
    expect(error.status).toBe(500);
    expect(error.providerCode).toBe('avx-common-011');
    expect(error.hint).toMatch(/server-side/);
  });

  it('fails with a tls error when the AppViewX CA is not configured', async () => {
    const spec = await buildTokenRequestSpec(connection({ tls: { insecure: false } }), secret);
    const error = await expectAppError(fetchToken(spec), 'tls');
    expect(error.message).toContain('Grantline Test CA');
  });
});
