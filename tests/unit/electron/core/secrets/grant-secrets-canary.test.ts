import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretRefsFor } from '#shared/connection.js';
import { emptyDraft } from '#shared/requests/schemas.js';
import { leaksInDir, leaksInText } from '../../../../fixtures/canary/leak-forms.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import {
  startBoundResourceServer,
  type BoundResourceServer,
} from '../../../../fixtures/grants/bound-resource-server.js';
import { startGrantsIdp, type GrantsIdp } from '../../../../fixtures/grants/grants-idp.js';
import {
  startJwtBearerServer,
  type JwtBearerServer,
} from '../../../../fixtures/grants/jwt-bearer-server.js';

// The secrets of the new grants — a service-account key file's private key and the DPoP private
// keys main generates — used end to end through the real handlers, then looked for in every
// file of the data dir and in everything the handlers answered or announced.

let google: JwtBearerServer;
let idp: GrantsIdp;
let rs: BoundResourceServer;
let rig: HandlerRig;
const announced: string[] = [];

beforeAll(async () => {
  [google, idp] = await Promise.all([startJwtBearerServer(), startGrantsIdp()]);
  rs = await startBoundResourceServer({ jwks: () => idp.jwks() });
  rig = createHandlerRig({
    name: 'grantline-grant-canary',
    onEvent: (name, payload) => announced.push(`${name} ${JSON.stringify(payload)}`),
  });
});
afterAll(async () => {
  await rig.close();
  await Promise.all([google.close(), idp.close(), rs.close()]);
});

/** Lines of a PEM's base64 body: each is a canary (the key cannot leak without them). */
const pemLines = (pem: string): string[] =>
  pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));

describe('canary: key-file and DPoP private keys', () => {
  it('appear in no file of the data dir and in no answer or event, after real use', async () => {
    const answers: unknown[] = [];
    const call: HandlerRig['call'] = async (channel, args) => {
      const value = await rig.call(channel, args);
      answers.push(value);
      return value;
    };
    const gcp = await call('connections:save', {
      connection: {
        name: 'GCP CI',
        presetId: 'google-service-account',
        tokenUrl: google.keyFile.token_uri,
        clientId: google.keyFile.client_email,
        scope: 'https://www.googleapis.com/auth/cloud-platform',
        jwtBearer: {
          profile: 'google',
          kid: google.keyFile.private_key_id,
          issuer: google.keyFile.client_email,
        },
      },
      secrets: { privateKey: google.keyFile.private_key },
    });
    await call('tokens:fetch', { connectionId: gcp.connection.id });
    const dpop = await call('connections:save', {
      connection: {
        name: 'DPoP API',
        presetId: 'generic-oauth2',
        tokenUrl: idp.tokenUrl,
        clientId: idp.clients.dpop.clientId,
        dpop: { enabled: true },
        tls: { insecure: false, caPem: idp.caPem },
        // The resource server is the connection's API, so main lets its token go there.
        apiBaseUrls: [{ name: 'api', url: new URL(rs.apiUrl).origin }],
      },
      secrets: { clientSecret: idp.clients.dpop.clientSecret },
    });
    const sent = await call('requests:send', {
      requestId: 'canary-request-1',
      connectionId: dpop.connection.id,
      draft: { ...emptyDraft(), url: rs.apiUrl },
      variables: [],
    });
    expect(sent.response?.status).toBe(200);
    await call('tokens:binding', { connectionId: dpop.connection.id });
    await call('connections:list');
    await call('connections:get', { id: gcp.connection.id });

    const dpopJwk = JSON.parse(
      (await rig.services.secrets.find(secretRefsFor(dpop.connection.id).dpopKey)) ?? '{}',
    ) as { d?: string };
    expect(typeof dpopJwk.d).toBe('string');
    const canaries = [...pemLines(google.keyFile.private_key), dpopJwk.d!];
    expect(canaries.length).toBeGreaterThan(10);

    const said = JSON.stringify(answers) + announced.join('\n');
    for (const canary of canaries) {
      expect(leaksInDir(rig.dataDir, canary)).toEqual([]);
      expect(leaksInText(said, canary)).toEqual([]);
    }
    // The scanner does see a key where one is: the check above can fail.
    expect(leaksInText(google.keyFile.private_key, canaries[0]!)).not.toEqual([]);
  });

  it('deleting a DPoP connection deletes the key main made for it', async () => {
    const saved = await rig.call('connections:save', {
      connection: {
        name: 'DPoP to delete',
        presetId: 'generic-oauth2',
        tokenUrl: idp.tokenUrl,
        clientId: idp.clients.dpop.clientId,
        dpop: { enabled: true },
        tls: { insecure: false, caPem: idp.caPem },
      },
      secrets: { clientSecret: idp.clients.dpop.clientSecret },
    });
    await rig.call('tokens:fetch', { connectionId: saved.connection.id });
    const ref = secretRefsFor(saved.connection.id).dpopKey;
    expect(await rig.services.secrets.find(ref)).toBeDefined();
    await rig.call('connections:delete', { id: saved.connection.id });
    expect(await rig.services.secrets.find(ref)).toBeUndefined();
  });
});
