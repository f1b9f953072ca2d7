import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  formUrlEncode,
} from '../../../../../electron/core/tokens/client-auth.js';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { testConnection } from '../../../../../electron/core/tokens/test-connection.js';
import {
  startRawBasicServer,
  startStrictRfc6749Server,
  type OAuth2Emulator,
} from '../../../../fixtures/emulators/index.js';
import { expectAppError, failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

/** Every character RFC 6749 §2.3.1 form-encoding changes, plus spaces. */
const nastySecret = 'a+b/c%d#e:f&g=h i  j%20k';
const clientId = 'svc:account id+1';

describe('RFC 6749 §2.3.1 Basic encoding', () => {
  let strict: OAuth2Emulator;
  let raw: OAuth2Emulator;
  beforeAll(async () => {
    strict = await startStrictRfc6749Server({
      clientId,
      clientSecret: nastySecret,
      allowPost: false,
    });
    // The raw server cannot split an ID with a colon, so it gets a plain one.
    raw = await startRawBasicServer({
      clientId: 'svc-raw',
      clientSecret: nastySecret,
      allowPost: false,
    });
  });
  afterAll(async () => {
    await strict.close();
    await raw.close();
  });

  it('form-encodes ID and secret before base64 (spaces as +)', () => {
    expect(formUrlEncode(nastySecret)).toBe('a%2Bb%2Fc%25d%23e%3Af%26g%3Dh+i++j%2520k');
    const header = basicAuthorization('id 1', 'p w', 'encoded');
    expect(Buffer.from(header.slice(6), 'base64').toString()).toBe('id+1:p+w');
    expect(
      Buffer.from(basicAuthorization('id 1', 'p w', 'raw').slice(6), 'base64').toString(),
    ).toBe('id 1:p w');
  });

  it('works with encoded Basic against the server that decodes per the RFC', async () => {
    const token = await fetchToken(
      specFor({
        tokenUrl: strict.tokenUrl,
        clientId,
        clientSecret: nastySecret,
        authMethod: 'client_secret_basic',
      }),
    );
    expect(token.accessToken).toBe(strict.issued().at(-1));
  });

  it('fails with raw Basic against the RFC server (invalid_client, secret not echoed)', async () => {
    const error = await expectAppError(
      fetchToken(
        specFor({
          tokenUrl: strict.tokenUrl,
          clientId,
          clientSecret: nastySecret,
          authMethod: 'client_secret_basic_raw',
        }),
      ),
      'invalid_client',
    );
    expect(error.status).toBe(401);
    expect(JSON.stringify(error.toIpcError())).not.toContain(nastySecret);
  });

  it('works with raw Basic against the server that does not decode, and fails encoded', async () => {
    const spec = specFor({
      tokenUrl: raw.tokenUrl,
      clientId: 'svc-raw',
      clientSecret: nastySecret,
    });
    const token = await fetchToken({ ...spec, authMethod: 'client_secret_basic_raw' });
    expect(token.accessToken).toBe(raw.issued().at(-1));
    await expectAppError(
      fetchToken({ ...spec, authMethod: 'client_secret_basic' }),
      'invalid_client',
    );
  });
});

describe('connection test: finds the secret method the server accepts', () => {
  let raw: OAuth2Emulator;
  let postOnly: OAuth2Emulator;
  beforeAll(async () => {
    raw = await startRawBasicServer({ clientSecret: nastySecret, allowPost: false });
    postOnly = await startStrictRfc6749Server({ clientSecret: 'plain-secret' });
  });
  afterAll(async () => {
    await raw.close();
    await postOnly.close();
  });

  it('reports that raw Basic works when encoded Basic is rejected', async () => {
    const report = await testConnection(
      specFor({ tokenUrl: raw.tokenUrl, clientSecret: nastySecret }),
    );
    expect(report.ok).toBe(false);
    expect(report.configuredMethod).toBe('client_secret_basic');
    expect(report.workingMethod).toBe('client_secret_basic_raw');
    expect(report.message).toMatch(/switch the connection to client_secret_basic_raw/);
    expect(report.error?.category).toBe('invalid_client');
    expect(report.token?.tokenType).toBe('Bearer');
    expect(JSON.stringify(report)).not.toContain(raw.issued().at(-1));
    expect(JSON.stringify(report)).not.toContain(nastySecret);
  });

  it('reports ok with one request when the configured method works', async () => {
    postOnly.reset();
    const report = await testConnection(
      specFor({
        tokenUrl: postOnly.tokenUrl,
        clientSecret: 'plain-secret',
        authMethod: 'client_secret_post',
      }),
    );
    expect(report.ok).toBe(true);
    expect(report.workingMethod).toBe('client_secret_post');
    expect(postOnly.tokenRequests()).toBe(1);
  });

  it('says the secret itself is wrong when every method is rejected, skipping identical Basic variants', async () => {
    postOnly.reset();
    const report = await testConnection(
      specFor({ tokenUrl: postOnly.tokenUrl, clientSecret: 'wrong' }),
    );
    expect(report.ok).toBe(false);
    expect(report.workingMethod).toBeNull();
    expect(report.attempts.map((a) => a.authMethod)).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
    expect(report.message).toMatch(/secret itself is likely wrong/);
    expect(postOnly.tokenRequests()).toBe(2);
  });
});
