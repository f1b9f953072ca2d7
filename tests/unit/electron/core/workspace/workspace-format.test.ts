import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft } from '#shared/requests/schemas.js';
import { environmentFileSchema, requestFileSchema } from '#shared/workspace/schemas.js';
import { Workspace } from '../../../../../electron/core/workspace/workspace.js';
import {
  parseWorkspaceFile,
  serializeWorkspaceFile,
} from '../../../../../electron/core/workspace/workspace-format.js';

const noSecrets = {
  set: async () => undefined,
  delete: async () => false,
  has: async () => false,
  find: async () => undefined,
};

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'grantline-ws-format-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const request = {
  name: 'List items',
  connection: 'conn-1',
  draft: {
    ...emptyDraft(),
    method: 'POST' as const,
    url: '{{baseUrl}}/items?q=1',
    headers: [{ name: 'Accept', value: 'application/json', enabled: true }],
    body: { mode: 'json' as const, text: '{\n  "a": 1\n}', form: [], contentType: 'text/plain' },
  },
};

describe('workspace file format', () => {
  it('round-trips a request and writes the same bytes whatever the input key order', () => {
    const text = serializeWorkspaceFile(requestFileSchema, request);
    const parsed = parseWorkspaceFile(requestFileSchema, 'a.yaml', text);
    expect(parsed).toEqual({ ok: true, value: requestFileSchema.parse(request) });
    const reordered = {
      draft: Object.fromEntries(Object.entries(request.draft).reverse()),
      connection: 'conn-1',
      name: 'List items',
    };
    expect(serializeWorkspaceFile(requestFileSchema, reordered as typeof request)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    // Stable order and 2-space indent: the key lines come in the schema's order.
    expect(text.split('\n').slice(0, 4)).toEqual([
      'name: List items',
      'connection: conn-1',
      'draft:',
      '  method: POST',
    ]);
  });

  it('round-trips a GraphQL request: query, variables and operation, as readable YAML', async () => {
    const graphqlRequest = {
      name: 'Find assets',
      connection: 'conn-1',
      draft: {
        ...emptyDraft(),
        method: 'POST' as const,
        url: '{{baseUrl.contentManagement}}/graphql',
        body: {
          mode: 'graphql' as const,
          text: '',
          form: [],
          contentType: 'text/plain',
          graphql: {
            query:
              'query Find($keyword: String!) {\n  searchAssets(keyword: $keyword) { total }\n}\n',
            variables: '{ "keyword": "logo" }',
            operationName: 'Find',
          },
        },
      },
    };
    const text = serializeWorkspaceFile(requestFileSchema, graphqlRequest);
    // The query reads as a block in the file (reviewable in a diff), not one escaped line.
    expect(text).toContain(
      '    graphql:\n      query: |\n        query Find($keyword: String!) {\n',
    );
    expect(text).toContain('      operationName: Find\n');
    const parsed = parseWorkspaceFile(requestFileSchema, 'find-assets.yaml', text);
    expect(parsed).toEqual({ ok: true, value: requestFileSchema.parse(graphqlRequest) });

    const workspace = new Workspace(root, noSecrets);
    const saved = await workspace.saveRequest({
      folder: '',
      name: graphqlRequest.name,
      connectionId: graphqlRequest.connection,
      draft: graphqlRequest.draft,
    });
    const read = await workspace.readRequest(saved.path);
    expect(read.draft.body).toEqual(graphqlRequest.draft.body);
    // A request without a GraphQL part writes none (older files keep their bytes).
    expect(serializeWorkspaceFile(requestFileSchema, request)).not.toContain('graphql');
  });

  it('saves an unchanged request to the same bytes, so git sees no change', async () => {
    const workspace = new Workspace(root, noSecrets);
    const saved = await workspace.saveRequest({
      folder: '',
      name: request.name,
      connectionId: request.connection,
      draft: request.draft,
    });
    const first = readFileSync(join(root, saved.path), 'utf8');
    const again = await workspace.readRequest(saved.path);
    await workspace.saveRequest({
      path: saved.path,
      folder: '',
      name: again.name,
      connectionId: again.connection,
      draft: again.draft,
    });
    expect(readFileSync(join(root, saved.path), 'utf8')).toBe(first);
    expect(saved.path).toBe('list-items.yaml');
  });

  it('reports a YAML syntax error with its path, line and column', () => {
    const text = 'name: x\nconnection: c\ndraft:\n  method: GET\n  url: [unclosed\n';
    const parsed = parseWorkspaceFile(requestFileSchema, 'folder/bad.yaml', text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.path).toBe('folder/bad.yaml');
    expect(parsed.problem.line).toBeGreaterThanOrEqual(5);
    expect(parsed.problem.column).not.toBeNull();
  });

  it('reports a value the schema refuses at the line of its key', () => {
    const text = [
      'name: Staging',
      'variables:',
      '  - name: region',
      '    value: eu',
      '  - name: apiKey',
      '    secret: true',
      '    value: should-not-be-here',
      '',
    ].join('\n');
    const parsed = parseWorkspaceFile(environmentFileSchema, 'environments/staging.yaml', text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({ path: 'environments/staging.yaml', line: 7, column: 5 });
    expect(parsed.problem.message).toMatch(/variables\.1\.value: A secret variable keeps no value/);
  });

  it('lists a damaged request file with path and line while the other files load', async () => {
    const workspace = new Workspace(root, noSecrets);
    await workspace.saveRequest({
      folder: '',
      name: 'Good',
      connectionId: 'conn-1',
      draft: request.draft,
    });
    mkdirSync(join(root, 'billing'));
    await workspace.saveRequest({
      folder: 'billing',
      name: 'Also good',
      connectionId: 'conn-1',
      draft: request.draft,
    });
    writeFileSync(
      join(root, 'billing', 'broken.yaml'),
      'name: Broken\nconnection: c\ndraft:\n  method: FETCH\n',
    );
    writeFileSync(join(root, 'billing', 'not-yaml.yaml'), 'name: a\nconnection: b\nname: c\n');
    const { tree, problems } = await workspace.tree();
    expect(tree.map((n) => n.path)).toEqual(['billing', 'good.yaml']);
    const billing = tree[0];
    expect(billing?.kind === 'folder' && billing.children.map((n) => n.path)).toEqual([
      'billing/also-good.yaml',
    ]);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.path === 'billing/broken.yaml')).toMatchObject({
      line: 4,
      column: 3,
    });
    expect(problems.find((p) => p.path === 'billing/not-yaml.yaml')?.line).toBe(3);
  });
});
