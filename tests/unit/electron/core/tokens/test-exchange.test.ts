import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnection } from '../../../../../electron/core/tokens/test-connection.js';
import { testCa } from '../../../../fixtures/certs/index.js';
import {
  appviewxSampleClient,
  startAmplienceEmulator,
  startAppViewXEmulator,
  startRawBasicServer,
  type AmplienceEmulator,
  type AppViewXEmulator,
  type OAuth2Emulator,
} from '../../../../fixtures/emulators/index.js';
import {
  faultRoutes,
  startFaultServer,
  type FaultServer,
} from '../../../../fixtures/fault-server/index.js';
import { failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

// The wizard shows the HTTP exchange of a connection test; these pin that nothing secret is in it.
const secret = 'Wizard+Canary/%#:secret';

describe('connection test: the redacted HTTP exchange', () => {
  let raw: OAuth2Emulator;
  let amplience: AmplienceEmulator;
  let faults: FaultServer;
  let avx: AppViewXEmulator;
  beforeAll(async () => {
    [raw, amplience, faults, avx] = await Promise.all([
      startRawBasicServer({ clientSecret: secret, allowPost: false }),
      startAmplienceEmulator(),
      startFaultServer(),
      startAppViewXEmulator(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([raw.close(), amplience.close(), faults.close(), avx.close()]);
  });

  it('shows a rejected Basic request with the header redacted but its scheme kept', async () => {
    const report = await testConnection(specFor({ tokenUrl: raw.tokenUrl, clientSecret: secret }));
    const exchange = report.exchange;
    expect(exchange?.request.method).toBe('POST');
    expect(exchange?.request.url).toBe(raw.tokenUrl);
    expect(exchange?.request.headers.authorization).toBe('Basic [redacted]');
    expect(exchange?.request.body).toBe('grant_type=client_credentials');
    expect(exchange?.response?.status).toBe(401);
    expect(exchange?.response?.body).toContain('invalid_client');
    // The working fallback's exchange carries the token only as a marker.
    const working = report.attempts.find((a) => a.ok);
    expect(working?.exchange?.response?.body).toMatch(/"access_token": "\[redacted\]"/);
    const text = JSON.stringify(report);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(raw.issued().at(-1));
  });

  it('redacts client_secret in a form body and answers with no body (Amplience 400)', async () => {
    const report = await testConnection(
      specFor({
        tokenUrl: amplience.tokenUrl,
        clientId: amplience.clientId,
        clientSecret: secret,
        authMethod: 'client_secret_post',
      }),
    );
    expect(report.ok).toBe(false);
    const body = report.exchange?.request.body ?? '';
    expect(body).toContain('client_secret=[redacted]');
    expect(body).toContain(`client_id=${amplience.clientId}`);
    expect(report.exchange?.response?.status).toBe(400);
    expect(report.exchange?.response?.body).toBe('');
    expect(JSON.stringify(report)).not.toContain(encodeURIComponent(secret));
  });

  it('removes the secret from a server that echoes the request back', async () => {
    const report = await testConnection(
      specFor({
        tokenUrl: faults.url(faultRoutes.echo),
        clientSecret: secret,
        authMethod: 'client_secret_post',
      }),
    );
    const text = JSON.stringify(report);
    expect(report.exchange?.response?.status).toBe(401);
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
    ]) {
      expect(text).not.toContain(form);
    }
  });

  it('has a request but no response when the server never answers in time', async () => {
    const report = await testConnection(
      specFor({ tokenUrl: faults.url(faultRoutes.hang), timeoutMs: 1_000 }),
    );
    expect(report.error?.category).toBe('timeout');
    expect(report.exchange?.request.url).toBe(faults.url(faultRoutes.hang));
    expect(report.exchange?.response).toBeNull();
  });

  it('redacts a token kept in a non-standard field (AppViewX "response")', async () => {
    const report = await testConnection(
      specFor({
        tokenUrl: avx.tokenUrl,
        clientId: appviewxSampleClient.clientId,
        clientSecret: appviewxSampleClient.clientSecret,
        authMethod: 'client_secret_basic_raw',
        grantType: 'Client_Credentials',
        responseMapping: { accessToken: '/response' },
        tls: { caPem: testCa.cert },
      }),
    );
    expect(report.ok).toBe(true);
    const body = report.exchange?.response?.body ?? '';
    expect(body).toMatch(/"response": "\[redacted\]"/);
    expect(body).not.toMatch(/eyJ/);
    expect(JSON.stringify(report)).not.toContain(appviewxSampleClient.clientSecret);
  });
});
