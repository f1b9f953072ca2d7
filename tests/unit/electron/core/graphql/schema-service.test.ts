import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestDraft } from '#shared/requests/schemas.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import { startGraphqlServer, type GraphqlServer } from '../../../../fixtures/graphql/server.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import { schemaFromIntrospection } from '../../../../../electron/core/graphql/introspection.js';

let oidc: OidcFixture;
let server: GraphqlServer;
let rig: HandlerRig;
let connectionId: string;

const draft = (over: Partial<RequestDraft> = {}): RequestDraft => ({
  ...emptyDraft(),
  method: 'POST',
  url: '{{baseUrl}}/graphql',
  body: {
    mode: 'graphql',
    text: '',
    form: [],
    contentType: 'text/plain',
    graphql: { query: '{ __typename }', variables: '', operationName: '' },
  },
  ...over,
});
const schema = (over: Partial<RequestDraft> = {}, refresh = false) =>
  rig.call('graphql:schema', { connectionId, draft: draft(over), variables: [], refresh });

beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  server = await startGraphqlServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
  rig = createHandlerRig({ name: 'grantline-graphql' });
  const saved = await rig.call('connections:save', {
    connection: {
      name: 'Amplience (local GraphQL)',
      presetId: 'amplience',
      tokenUrl: oidc.tokenUrl,
      clientId: oidc.clients.post.clientId,
      authMethod: oidc.clients.post.authMethod,
      apiBaseUrls: [{ name: 'Content Management', url: server.origin }],
    },
    secrets: { clientSecret: oidc.clients.post.clientSecret },
  });
  connectionId = saved.connection.id;
});

afterAll(async () => {
  await rig.close();
  await server.close();
  await oidc.close();
});

beforeEach(() => server.reset());

describe('graphql:schema', () => {
  it('introspects the endpoint with the connection token and answers SDL with descriptions', async () => {
    const result = await schema({}, true);
    expect(result.fromCache).toBe(false);
    expect(result.url).toBe(`${server.origin}/graphql`);
    expect(server.introspections()).toBe(1);
    const request = server.emulator.lastRequest()!;
    expect(request.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body).operationName).toBe('IntrospectionQuery');
    // The SDL is the server's schema: the page builds it back and finds types, args and docs.
    const built = buildSchema(result.sdl);
    const query = built.getQueryType()!.getFields();
    expect(query.asset!.args.map((a) => a.name)).toEqual(['id']);
    expect(query.asset!.description).toBe('The asset with this ID, or null.');
    expect(built.getType('AssetType')?.toString()).toBe('AssetType');
    expect(Object.keys(built.getMutationType()!.getFields())).toEqual([
      'updateAsset',
      'archiveAsset',
    ]);
    expect(result.typeCount).toBe(13);
    // No token or secret travels back to the page, and nothing lands in the history.
    expect(JSON.stringify(result)).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect((await rig.call('requests:history', { connectionId })).entries).toEqual([]);
  });

  it('keeps the schema per endpoint, and fetches again on refresh', async () => {
    await schema({}, true);
    const again = await schema();
    expect(again.fromCache).toBe(true);
    expect(server.introspections()).toBe(1);
    const refreshed = await schema({}, true);
    expect(refreshed.fromCache).toBe(false);
    expect(server.introspections()).toBe(2);
    // Another endpoint (another URL) is another cache entry.
    const other = await rig.fail('graphql:schema', {
      connectionId,
      draft: draft({ url: '{{baseUrl}}/other' }),
    });
    expect(other.message).toMatch(/answered 404/);
    expect(other.hint).toMatch(/GraphQL endpoint itself/);
  });

  it('shares one fetch between concurrent asks for the same endpoint', async () => {
    const [a, b] = await Promise.all([schema({}, true), schema({}, true)]);
    expect(a.sdl).toBe(b.sdl);
    expect(server.introspections()).toBe(1);
  });

  it('renews a refused token once and retries, like any request', async () => {
    await schema({}, true);
    server.rejectNextToken();
    const idpBefore = oidc.tokenRequestCount();
    const result = await schema({}, true);
    expect(result.fromCache).toBe(false);
    expect(oidc.tokenRequestCount()).toBe(idpBefore + 1);
    expect(server.introspections()).toBe(2);
  });

  it('says so when the endpoint refuses the token even after a new one', async () => {
    const error = await rig.fail('graphql:schema', {
      connectionId,
      draft: draft({ auth: { type: 'none' } }),
      refresh: true,
    });
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/refused the connection's token \(401\)/);
    expect(error.message).toMatch(/a valid bearer token is required/);
  });

  it('explains a server that turned introspection off', async () => {
    server.setIntrospection(false);
    const error = await rig.fail('graphql:schema', { connectionId, draft: draft(), refresh: true });
    expect(error.message).toMatch(/refused the introspection query: GraphQL introspection/);
    expect(error.hint).toMatch(/turn introspection off/);
  });

  it('never sends the token to an origin the connection does not know', async () => {
    const error = await rig.fail('graphql:schema', {
      connectionId,
      draft: draft({ url: 'http://127.0.0.1:9/graphql' }),
      refresh: true,
    });
    expect(error.category).toBe('forbidden');
    expect(server.emulator.count()).toBe(0);
  });

  it('refuses a draft whose variables are missing before sending anything', async () => {
    const error = await rig.fail('graphql:schema', {
      connectionId,
      draft: draft({ url: '{{graphqlHost}}/graphql' }),
    });
    expect(error.category).toBe('validation');
    expect(error.message).toMatch(/\{\{graphqlHost\}\}/);
  });

  it('keeps no introspection body on disk', async () => {
    await schema({}, true);
    const cache = join(rig.dataDir, 'response-cache');
    const files = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(files).toEqual([]);
  });
});

describe('schemaFromIntrospection', () => {
  it.each([
    ['not json', /did not answer with JSON/],
    ['{"data":{}}', /no GraphQL schema/],
    ['{"errors":[{"message":"nope"}]}', /refused the introspection query: nope/],
    ['{"data":{"__schema":{"queryType":{"name":"Query"},"types":[]}}}', /could not be read/],
  ])('turns %s into a clear error', (text, message) => {
    expect(() => schemaFromIntrospection(text)).toThrow(message);
  });
});
