import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import {
  startJwtBearerServer,
  type JwtBearerServer,
} from '../../../../fixtures/grants/jwt-bearer-server.js';
import {
  startTokenExchangeServer,
  type TokenExchangeServer,
} from '../../../../fixtures/grants/token-exchange-server.js';

let google: JwtBearerServer;
let exchange: TokenExchangeServer;
let rig: HandlerRig;

beforeAll(async () => {
  google = await startJwtBearerServer();
  exchange = await startTokenExchangeServer({ isValidSubject: (t) => google.issued().includes(t) });
  rig = createHandlerRig({ name: 'grantline-exchange-test' });
});
afterAll(async () => {
  await rig.close();
  await Promise.all([google.close(), exchange.close()]);
});

describe('tokens:test for a token exchange connection', () => {
  it('exchanges the subject connection’s current token, before the settings are saved', async () => {
    const subject = await rig.call('connections:save', {
      connection: {
        name: 'GCP subject',
        presetId: 'google-service-account',
        tokenUrl: google.keyFile.token_uri,
        clientId: google.keyFile.client_email,
        scope: 'https://www.googleapis.com/auth/cloud-platform',
        jwtBearer: { profile: 'google', kid: google.keyFile.private_key_id },
      },
      secrets: { privateKey: google.keyFile.private_key },
    });
    const report = await rig.call('tokens:test', {
      connection: {
        name: 'Exchanged',
        presetId: 'generic-oauth2',
        tokenUrl: exchange.tokenUrl,
        clientId: exchange.clientId,
        audience: 'https://backend.example.com',
        tokenExchange: { subjectConnectionId: subject.connection.id },
      },
      secrets: { clientSecret: exchange.clientSecret },
    });
    expect(report.ok, report.message).toBe(true);
    expect(exchange.exchanges().at(-1)).toMatchObject({
      subject_token: google.issued().at(-1),
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'https://backend.example.com',
    });
  });
});
