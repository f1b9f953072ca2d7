import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertDocument } from '../../../../../electron/core/import/api-importer.js';
import type { ImportedCollection } from '../../../../../electron/core/import/collection.js';

// Real published documents, shipped in npm packages (devDependencies), and our own fixtures for
// the shapes no package ships (Postman, Insomnia, a document split over several files).
const pkg = (path: string): string =>
  fileURLToPath(new URL(`../../../../../node_modules/${path}`, import.meta.url));
const fixture = (path: string): string =>
  fileURLToPath(new URL(`../../../../fixtures/import/${path}`, import.meta.url));

async function convert(file: string): Promise<ImportedCollection> {
  return convertDocument({
    text: readFileSync(file, 'utf8'),
    name: 'fallback',
    base: { type: 'file', location: file },
  });
}

function counts(c: ImportedCollection) {
  return {
    requests: c.requests.length,
    parameters: c.requests.reduce(
      (n, r) => n + (r.operation?.parameters.length ?? r.draft.params?.length ?? 0),
      0,
    ),
    bodies: c.requests.filter((r) => r.draft.body !== undefined && r.draft.body.mode !== 'none')
      .length,
  };
}

const byName = (c: ImportedCollection, name: string) => {
  const found = c.requests.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no request ${name}`);
  return found;
};

describe('OpenAPI and Swagger documents', () => {
  it('imports GitHub’s REST description (OpenAPI 3.0, JSON, 13 MB): every operation, by tag', async () => {
    const file = pkg('@octokit/openapi/generated/api.github.com.json');
    expect(statSync(file).size).toBeGreaterThan(5 * 1024 * 1024);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
    const expected = Object.values(doc.paths).reduce(
      (n, item) => n + methods.filter((m) => item[m] !== undefined).length,
      0,
    );
    const c = await convert(file);
    expect(c.format).toMatch(/^OpenAPI 3\.0\./);
    expect(counts(c)).toEqual({ requests: expected, parameters: 3526, bodies: 344 });
    expect(c.requests.length).toBe(1223);
    expect(c.environment?.baseUrls).toEqual([{ name: 'Server 1', url: 'https://api.github.com' }]);
    const repo = c.requests.find((r) => r.operation?.operationId === 'repos/get');
    expect(repo?.folders).toEqual(['repos']);
    expect(repo?.draft.url).toBe('{{baseUrl}}/repos/{{owner}}/{{repo}}');
    expect(repo?.operation?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['owner', 'path', true],
      ['repo', 'path', true],
    ]);
    expect(repo?.operation?.parameters[0]?.description).toMatch(/account owner/i);
  }, 120_000);

  it('imports the Petstore in OpenAPI 3.1 YAML: tags as folders, required query rows enabled, example bodies', async () => {
    const c = await convert(pkg('@readme/oas-examples/3.1/yaml/petstore.yaml'));
    expect(c.format).toBe('OpenAPI 3.1.0');
    expect(counts(c)).toEqual({ requests: 20, parameters: 14, bodies: 9 });
    expect([...new Set(c.requests.map((r) => r.folders[0]))]).toEqual(['pet', 'store', 'user']);
    const add = byName(c, 'Add a new pet to the store');
    expect(add.draft.body?.mode).toBe('json');
    expect(JSON.parse(add.draft.body?.text ?? '')).toMatchObject({
      name: 'doggie',
      photoUrls: ['string'],
    });
    const byStatus = byName(c, 'Finds Pets by status');
    expect(byStatus.draft.params).toEqual([{ name: 'status', value: '', enabled: true }]);
    expect(byStatus.operation?.parameters[0]).toMatchObject({
      in: 'query',
      required: true,
      type: 'array of string (available, pending, sold)',
    });
    expect(c.security).toEqual([
      "petstore_auth: OAuth 2.0 (implicit) — sent with the connection's token",
      'api_key: API key in the header "api_key" — add it in the request\'s headers or params, or use the Auth tab',
    ]);
  });

  it('imports the Petstore in OpenAPI 3.0 JSON and lists the multipart upload as not imported', async () => {
    const c = await convert(pkg('@readme/oas-examples/3.0/json/petstore.json'));
    expect(counts(c)).toEqual({ requests: 20, parameters: 14, bodies: 8 });
    expect(c.notImported).toEqual([
      'POST /pet/{petId}/uploadImage: its multipart/form-data body (file uploads) — send it from another tool or as raw text.',
    ]);
  });

  it('imports Swagger 2.0 (YAML and JSON): host and basePath become the base URL, body parameters the body', async () => {
    const yaml = await convert(pkg('@readme/oas-examples/2.0/yaml/petstore.yaml'));
    expect(yaml.format).toBe('Swagger 2.0');
    expect(counts(yaml)).toEqual({ requests: 20, parameters: 14, bodies: 9 });
    expect(yaml.environment?.baseUrls).toEqual([
      { name: 'Server 1', url: 'http://petstore.swagger.io/v2' },
    ]);
    const expanded = await convert(pkg('@readme/oas-examples/2.0/json/petstore-expanded.json'));
    expect(counts(expanded)).toEqual({ requests: 4, parameters: 4, bodies: 1 });
    expect(JSON.parse(byName(expanded, 'addPet').draft.body?.text ?? '')).toEqual({
      name: 'string',
      tag: 'string',
    });
    expect(byName(expanded, 'find pet by id').draft.url).toBe('{{baseUrl}}/pets/{{id}}');
  });

  it('imports documents with circular schemas (3.0 and 2.0) with finite example bodies', async () => {
    const c3 = await convert(pkg('@readme/oas-examples/3.0/json/schema-circular.json'));
    expect(counts(c3)).toEqual({ requests: 3, parameters: 1, bodies: 2 });
    for (const r of c3.requests) expect(() => JSON.parse(r.draft.body?.text || '{}')).not.toThrow();
    const c2 = await convert(pkg('@readme/oas-examples/2.0/yaml/schema-circular.yaml'));
    expect(counts(c2)).toEqual({ requests: 1, parameters: 0, bodies: 1 });
    expect(JSON.parse(c2.requests[0]?.draft.body?.text ?? '')).toEqual({ children: [{}] });
  });

  it('resolves external $refs relative to the document’s file', async () => {
    const c = await convert(fixture('external-refs/openapi.yaml'));
    expect(counts(c)).toEqual({ requests: 3, parameters: 3, bodies: 1 });
    const list = byName(c, 'List items');
    expect(list.operation?.parameters[0]).toMatchObject({
      name: 'limit',
      required: true,
      description: 'How many items to return (1-100).',
      type: 'integer',
    });
    expect(list.draft.params).toEqual([
      { name: 'limit', value: '20', enabled: true },
      { name: 'q', value: '', enabled: false },
    ]);
    // The readOnly id is left out of the example; the enum of the referenced tag file is used.
    expect(JSON.parse(byName(c, 'Create an item').draft.body?.text ?? '')).toEqual({
      name: 'Blue mug',
      quantity: 0,
      tags: ['kitchen'],
    });
    expect(c.environment?.baseUrls).toEqual([
      { name: 'Production', url: 'https://inventory.example.com/v1' },
    ]);
  });

  it('refuses pasted text that refers to other files, and says how to import it', async () => {
    const text = readFileSync(fixture('external-refs/openapi.yaml'), 'utf8');
    await expect(convertDocument({ text, name: 'x' })).rejects.toThrow(/refers to other files/);
  });

  it('says what it does not read', async () => {
    await expect(convertDocument({ text: '{"openapi": "4.0.0"}', name: 'x' })).rejects.toThrow(
      /OpenAPI version 4\.0\.0 is not supported/,
    );
    await expect(convertDocument({ text: 'hello: [', name: 'x' })).rejects.toThrow(
      /neither JSON nor YAML/,
    );
    await expect(convertDocument({ text: '{"a": 1}', name: 'x' })).rejects.toThrow(
      /not one Grantline imports/,
    );
  });
});

describe('Postman v2.1 collections', () => {
  it('maps folders, variables, bodies and auth, and lists scripts, files and TRACE', async () => {
    const c = await convert(fixture('postman-central.postman_collection.json'));
    expect(c.format).toBe('Postman collection v2.1');
    expect(counts(c)).toEqual({ requests: 5, parameters: 2, bodies: 3 });
    expect(c.requests.map((r) => [r.folders.join('/'), r.name])).toEqual([
      ['Environments', 'List environments'],
      ['Environments', 'Get environment'],
      ['Environments', 'Create environment'],
      ['Assets', 'Upload asset image'],
      ['Assets', 'Search assets'],
    ]);
    expect(c.folderDescriptions.get('Environments')).toMatch(/runtime/);
    expect(byName(c, 'List environments').draft.params).toEqual([
      { name: 'pageSize', value: '50', enabled: true },
      { name: 'query', value: 'name==prod', enabled: false },
    ]);
    expect(byName(c, 'Get environment').draft.url).toBe('{{baseUrl}}/environments/{{name}}');
    expect(byName(c, 'Create environment').draft.body).toMatchObject({
      mode: 'json',
      text: expect.stringContaining('"{{env}}"'),
    });
    expect(byName(c, 'Search assets').draft.auth).toEqual({
      type: 'header',
      name: 'X-Axway-Tenant-Id',
      value: '{{tenant}}',
    });
    expect(byName(c, 'Search assets').draft.body?.form).toEqual([
      { name: 'q', value: 'logo', enabled: true },
      { name: 'limit', value: '10', enabled: false },
    ]);
    expect(c.environment?.variables.map((v) => v.name)).toEqual(['baseUrl', 'env', 'page size']);
    expect(c.notImported).toEqual([
      'The collection: prerequest script (scripts do not run in Grantline).',
      'Environments / List environments: test script (scripts do not run in Grantline).',
      'Assets / Upload asset image: 1 file field of its form (file).',
      'Assets / Upload asset image: its multipart form is sent URL-encoded.',
      "Assets / Upload asset image: basic auth (the request is sent with the connection's token; set another in its Auth tab).",
      'Trace request: the TRACE method cannot be sent from the composer.',
    ]);
  });
});

describe('Insomnia v4 exports', () => {
  it('maps nested folders, {{ _.vars }}, the base environment and auth, and lists the rest', async () => {
    const c = await convert(fixture('insomnia-amplience.insomnia.json'));
    expect(c.format).toBe('Insomnia v4');
    expect(c.name).toBe('Amplience Content Management');
    expect(counts(c)).toEqual({ requests: 4, parameters: 2, bodies: 2 });
    expect(c.requests.map((r) => [r.folders.join('/'), r.name, r.draft.url])).toEqual([
      ['Hubs', 'List hubs', '{{base_url}}/hubs'],
      [
        'Hubs/Content repositories',
        'Get content repository',
        '{{base_url}}/hubs/{{hub.id}}/content-repositories',
      ],
      [
        'Hubs/Content repositories',
        'Create content item',
        '{{base_url}}/content-repositories/{{repo-id}}/content-items',
      ],
      ['', 'Search content', '{{base_url}}/search'],
    ]);
    expect(c.environment?.variables).toEqual([
      { name: 'base_url', value: 'https://api.amplience.net/v2/content' },
      { name: 'hub.id', value: '5b32377e4cedfd01c45036d8' },
    ]);
    expect(byName(c, 'List hubs').draft.auth).toEqual({ type: 'connection' });
    expect(byName(c, 'Search content').draft.auth).toEqual({
      type: 'header',
      name: 'X-Api-Key',
      value: '{{api_key}}',
    });
    expect(c.notImported).toHaveLength(6);
    expect(c.notImported.join('\n')).toMatch(/Sub-environment "Production"/);
    expect(c.notImported.join('\n')).toMatch(/grpc request/);
    expect(c.notImported.join('\n')).toMatch(/1 template tag/);
    expect(c.notImported.join('\n')).toMatch(/basic auth/);
  });

  it('reads the same export written as YAML', async () => {
    const { stringify } = await import('yaml');
    const json = JSON.parse(
      readFileSync(fixture('insomnia-amplience.insomnia.json'), 'utf8'),
    ) as unknown;
    const c = await convertDocument({ text: stringify(json), name: 'x' });
    expect(counts(c)).toEqual({ requests: 4, parameters: 2, bodies: 2 });
  });
});
