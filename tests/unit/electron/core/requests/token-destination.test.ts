import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestDraft } from '#shared/requests/schemas.js';
import { startApiServer, type ApiServer } from '../../../../fixtures/api-server/index.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import { startThiefServer, type ThiefServer } from '../../../../fixtures/thief/thief-server.js';

// The composer sends a connection's token where the user asks, but not to an origin the
// connection was not set up for without saying so first: main refuses until that origin is allowed.

let oidc: OidcFixture;
let api: ApiServer;
let thief: ThiefServer;
let rig: HandlerRig;
let connectionId: string;
let seq = 0;

const draft = (url: string, over: Partial<RequestDraft> = {}): RequestDraft => ({
  ...emptyDraft(),
  url,
  ...over,
});
const send = (d: RequestDraft) =>
  rig.call('requests:send', {
    requestId: `destination-${++seq}`,
    connectionId,
    draft: d,
    variables: [],
  });
const bearerSent = (): boolean =>
  thief.requests.some((r) => /^Bearer /i.test(String(r.headers.authorization ?? '')));

beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  [api, thief] = await Promise.all([
    startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri }),
    startThiefServer(),
  ]);
  rig = createHandlerRig({ name: 'grantline-token-destination' });
  const saved = await rig.call('connections:save', {
    connection: {
      name: 'Axway prod',
      presetId: 'axway-platform',
      tokenUrl: oidc.tokenUrl,
      clientId: oidc.clients.basic.clientId,
      apiBaseUrls: [{ name: 'Central', url: api.origin }],
    },
    secrets: { clientSecret: oidc.clients.basic.clientSecret },
  });
  connectionId = saved.connection.id;
});

afterAll(async () => {
  await rig.close();
  await Promise.all([api.close(), thief.close(), oidc.close()]);
});

beforeEach(() => {
  thief.requests.length = 0;
});

describe('the connection token and the composer URL', () => {
  it('sends to an origin of the connection’s API base URLs without asking', async () => {
    const result = await send(draft(`${api.origin}/health`));
    expect(result.error).toBeNull();
  });

  it('refuses another origin before anything is sent, naming the connection and the origin', async () => {
    const error = await rig.fail('requests:send', {
      requestId: `destination-${++seq}`,
      connectionId,
      draft: draft(`${thief.origin}/steal`),
      variables: [],
    });
    expect(error.category).toBe('forbidden');
    expect(error.message).toBe(
      `This request would send the Axway prod token to ${thief.origin}, which is not one of the connection's API base URLs.`,
    );
    expect(error.details).toMatchObject({ tokenOrigin: thief.origin, connectionId });
    expect(thief.requests).toHaveLength(0);
  });

  it('sends a request without the token anywhere', async () => {
    const result = await send(draft(`${thief.origin}/open`, { auth: { type: 'none' } }));
    expect(result.error).toBeNull();
    expect(thief.requests).toHaveLength(1);
    expect(bearerSent()).toBe(false);
  });

  it('sends there once the user allowed the origin, and remembers it on the connection', async () => {
    const view = await rig.call('connections:allow-token-origin', {
      id: connectionId,
      origin: `${thief.origin}/ignored/path`,
    });
    expect(view.connection.tokenOrigins).toEqual([thief.origin]);
    const result = await send(draft(`${thief.origin}/allowed`));
    expect(result.error).toBeNull();
    expect(bearerSent()).toBe(true);
    // Editing the connection in the wizard keeps the choice.
    const saved = await rig.call('connections:get', { id: connectionId });
    const { tokenOrigins: _kept, secretOrigin: _bound, ...rest } = saved.connection;
    const again = await rig.call('connections:save', {
      connection: {
        ...rest,
        secretRef: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
    });
    expect(again.connection.tokenOrigins).toEqual([thief.origin]);
  });

  it('refuses to allow something that is not an http(s) origin', async () => {
    const error = await rig.fail('connections:allow-token-origin', {
      id: connectionId,
      origin: 'file:///etc/passwd',
    });
    expect(error.category).toBe('validation');
  });
});
