import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';

const file = (path: string): string =>
  fileURLToPath(new URL(`../../../../${path}`, import.meta.url));
const petstore = file('../node_modules/@readme/oas-examples/3.0/json/petstore.json');

let rig: HandlerRig;
let connectionId: string;
let server: Server;
let serverUrl: string;

beforeAll(async () => {
  rig = createHandlerRig({ name: 'grantline-import' });
  const saved = await rig.call('connections:save', {
    connection: {
      name: 'Petstore',
      presetId: 'generic-oauth2',
      tokenUrl: 'https://idp.invalid/token',
      clientId: 'client-1',
    },
    secrets: { clientSecret: 'client-secret' },
  });
  connectionId = saved.connection.id;
  const spec = readFileSync(petstore, 'utf8');
  server = createServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(302, { location: '/openapi.json' }).end();
      return;
    }
    if (req.url === '/openapi.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(spec);
      return;
    }
    res.writeHead(404).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await rig.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('import:api', () => {
  it('writes a collection: folders per tag, request files with their operation, the document, an environment', async () => {
    const report = await rig.call('import:api', {
      source: { type: 'file', path: petstore },
      connectionId,
    });
    expect(report).toMatchObject({
      kind: 'openapi',
      folder: 'Swagger Petstore',
      format: 'OpenAPI 3.0.0',
      requests: 20,
      folders: 3,
      parameters: 14,
      bodies: 8,
      environment: { key: 'swagger-petstore', name: 'Swagger Petstore', variables: 1 },
    });
    expect(report.notImported).toHaveLength(1);
    const root = (await rig.call('workspace:open')).root;
    const view = await rig.call('workspace:open');
    const collection = view.tree.find((n) => n.path === 'Swagger Petstore');
    expect(collection?.kind === 'folder' && collection.children.map((c) => c.name)).toEqual([
      'pet',
      'store',
      'user',
    ]);
    expect(collection?.kind === 'folder' && collection.description).toMatch(
      /Security schemes:\n- petstore_auth: OAuth 2\.0/,
    );
    const text = await readFile(
      join(root, 'Swagger Petstore', 'pet', 'find-pet-by-id.yaml'),
      'utf8',
    );
    expect(text).toContain('url: "{{baseUrl}}/pet/{{petId}}"');
    expect(text).toMatch(
      /operation:\n {2}spec: Swagger Petstore\/_openapi\.json\n {2}method: GET\n {2}path: \/pet\/\{petId\}/,
    );
    const env = view.environments.find((e) => e.key === 'swagger-petstore');
    expect(env?.baseUrls).toEqual({
      [connectionId]: [{ name: 'Server 1', url: 'http://petstore.swagger.io/v2' }],
    });
    // The variables a request of the collection uses in that environment: baseUrl is the server.
    const vars = await rig.call('workspace:variables', {
      connectionId,
      environment: 'swagger-petstore',
    });
    expect(vars.variables.find((v) => v.name === 'baseUrl')?.value).toBe(
      'http://petstore.swagger.io/v2',
    );
  });

  it('serves the operation’s documentation, validates bodies and generates examples', async () => {
    const path = 'Swagger Petstore/pet/add-a-new-pet-to-the-store.yaml';
    const op = await rig.call('import:operation', { path });
    expect(op.operation?.method).toBe('POST');
    expect(op.hasBodySchema).toBe(true);
    expect(op.description).toMatch(/Add a new pet/);
    const example = await rig.call('import:example-body', { path });
    expect(JSON.parse(example.text)).toMatchObject({ name: 'doggie' });
    expect((await rig.call('import:validate-body', { path, text: example.text })).problems).toEqual(
      [],
    );
    const bad = await rig.call('import:validate-body', {
      path,
      text: '{\n  "name": 5,\n  "photoUrls": []\n}',
    });
    expect(bad.problems).toEqual([{ from: 12, to: 13, message: 'name must be string' }]);
    const get = await rig.call('import:operation', {
      path: 'Swagger Petstore/pet/find-pet-by-id.yaml',
    });
    expect(get.operation?.parameters[0]).toMatchObject({
      name: 'petId',
      in: 'path',
      required: true,
      description: 'ID of pet to return',
    });
    expect(get.hasBodySchema).toBe(false);
    const none = await rig.fail('import:example-body', {
      path: 'Swagger Petstore/pet/find-pet-by-id.yaml',
    });
    expect(none.message).toMatch(/documents no JSON body/);
  });

  it('keeps the operation when an imported request is saved over', async () => {
    const path = 'Swagger Petstore/pet/find-pet-by-id.yaml';
    const read = await rig.call('workspace:read-request', { path });
    await rig.call('workspace:save-request', {
      path,
      name: read.name,
      connectionId,
      draft: { ...read.draft, url: `${read.draft.url}?x=1` },
    });
    expect((await rig.call('import:operation', { path })).operation?.path).toBe('/pet/{petId}');
  });

  it('imports again beside the first collection, and from a URL (following a redirect)', async () => {
    const report = await rig.call('import:api', {
      source: { type: 'url', url: `${serverUrl}/moved` },
      connectionId,
    });
    expect(report.folder).toBe('Swagger Petstore-2');
    expect(report.environment?.key).toBe('swagger-petstore-2');
    const missing = await rig.fail('import:api', {
      source: { type: 'url', url: `${serverUrl}/nothing` },
      connectionId,
    });
    expect(missing.message).toMatch(/answered 404/);
  });

  it('imports pasted Postman and Insomnia exports, reporting what it left out', async () => {
    const postman = readFileSync(
      file('fixtures/import/postman-central.postman_collection.json'),
      'utf8',
    );
    const report = await rig.call('import:api', {
      source: { type: 'text', text: postman },
      connectionId,
      folder: '',
    });
    expect(report).toMatchObject({
      kind: 'postman',
      requests: 5,
      folders: 2,
      environment: { variables: 2 },
    });
    expect(report.notImported).toContain(
      '1 variable whose name is not a variable name (letters, digits, _ - .).',
    );
    const insomnia = readFileSync(file('fixtures/import/insomnia-amplience.insomnia.json'), 'utf8');
    const second = await rig.call('import:api', {
      source: { type: 'text', text: insomnia, fileName: 'export.json' },
      connectionId,
    });
    expect(second).toMatchObject({ kind: 'insomnia', requests: 4, folders: 2 });
    const plain = await rig.call('import:operation', { path: second.created[0]?.path ?? '' });
    expect(plain).toEqual({ operation: null, description: '', hasBodySchema: false });
  });

  it('refuses an unknown connection and a relative file path', async () => {
    expect(
      (
        await rig.fail('import:api', {
          source: { type: 'file', path: petstore },
          connectionId: 'nope',
        })
      ).category,
    ).toBe('not_found');
    expect(
      (
        await rig.fail('import:api', {
          source: { type: 'file', path: 'petstore.json' },
          connectionId,
        })
      ).message,
    ).toMatch(/full path/);
  });
});
