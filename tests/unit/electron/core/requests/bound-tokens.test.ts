import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { clientCert } from '../../../../fixtures/certs/index.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import {
  startBoundResourceServer,
  type BoundResourceServer,
} from '../../../../fixtures/grants/bound-resource-server.js';
import { startGrantsIdp, type GrantsIdp } from '../../../../fixtures/grants/grants-idp.js';

// The composer's send path with sender-constrained tokens, through the real handlers, against
// oidc-provider and a resource server that enforces DPoP proofs and certificate binding.

let idp: GrantsIdp;
let rs: BoundResourceServer;
let rig: HandlerRig;

beforeAll(async () => {
  idp = await startGrantsIdp();
  rs = await startBoundResourceServer({ jwks: () => idp.jwks() });
  rig = createHandlerRig({ name: 'grantline-bound' });
});
afterAll(async () => {
  await rig.close();
  await Promise.all([idp.close(), rs.close()]);
});

let seq = 0;
const send = (connectionId: string) =>
  rig.call('requests:send', {
    requestId: `bound-request-${++seq}`,
    connectionId,
    draft: { ...emptyDraft(), url: rs.apiUrl },
    variables: [],
  });

describe('composer: sender-constrained tokens', () => {
  it('sends a DPoP token with a fresh proof per request and answers the nonce challenge once', async () => {
    const saved = await rig.call('connections:save', {
      connection: {
        name: 'DPoP client',
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
    const id = saved.connection.id;
    const first = await send(id);
    expect(first.error).toBeNull();
    expect(first.response?.status).toBe(200);
    expect(first.timeline.map((e) => e.text).join('\n')).toMatch(/asked for a DPoP nonce/);
    expect(rs.refusals()).toEqual(['a DPoP nonce is required']);
    // The nonce is remembered for the origin: the next calls go through at once, each with a new
    // proof (the server refuses a replayed jti).
    for (let i = 0; i < 2; i++) {
      const next = await send(id);
      expect(next.response?.status).toBe(200);
      expect(next.retried).toBe(false);
    }
    expect(rs.refusals()).toHaveLength(1);
    expect(rs.accepted()).toBe(3);

    const binding = await rig.call('tokens:binding', { connectionId: id });
    expect(binding.state).toBe('bound');
    expect(binding.checks).toEqual([expect.objectContaining({ claim: 'jkt', status: 'match' })]);
  });

  it('presents the client certificate to the API for a certificate-bound token', async () => {
    const saved = await rig.call('connections:save', {
      connection: {
        name: 'mTLS-bound client',
        presetId: 'generic-oauth2',
        tokenUrl: idp.tokenUrl,
        clientId: idp.clients.mtls.clientId,
        tls: { insecure: false, caPem: idp.caPem },
        // The resource server is the connection's API, so main lets its token go there.
        apiBaseUrls: [{ name: 'api', url: new URL(rs.apiUrl).origin }],
      },
      secrets: {
        clientSecret: idp.clients.mtls.clientSecret,
        clientCert: clientCert.cert,
        clientKey: clientCert.key,
      },
    });
    const before = rs.accepted();
    const result = await send(saved.connection.id);
    expect(result.response?.status).toBe(200);
    expect(rs.accepted()).toBe(before + 1);

    const binding = await rig.call('tokens:binding', { connectionId: saved.connection.id });
    expect(binding.checks).toEqual([
      expect.objectContaining({ claim: 'x5t#S256', status: 'match' }),
    ]);
  });
});
