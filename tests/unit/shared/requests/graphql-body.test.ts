import { describe, expect, it } from 'vitest';
import { getPreset } from '#shared/presets/index.js';
import { catalogTemplates } from '#shared/requests/catalog.js';
import { graphqlRequestText, parseGraphqlVariables } from '#shared/requests/graphql-body.js';
import { redactDraft } from '#shared/redaction.js';
import { resolveDraft } from '#shared/requests/resolve.js';
import { emptyDraft, requestDraftSchema, type RequestDraft } from '#shared/requests/schemas.js';
import { variableLookup } from '#shared/requests/variables.js';

const lookup = variableLookup([
  { name: 'baseUrl', value: 'https://api.test' },
  { name: 'hub', value: 'hub-7' },
]);
const graphqlDraft = (
  graphql: { query: string; variables?: string; operationName?: string },
  over: Partial<RequestDraft> = {},
): RequestDraft => ({
  ...emptyDraft(),
  method: 'POST',
  url: '{{baseUrl}}/graphql',
  body: {
    mode: 'graphql',
    text: '',
    form: [],
    contentType: 'text/plain',
    graphql: { variables: '', operationName: '', ...graphql },
  },
  ...over,
});

describe('GraphQL request body', () => {
  it('is a JSON POST of query, variables and operationName, with {{variables}} filled in', () => {
    const result = resolveDraft(
      graphqlDraft({
        query: 'query One($id: ID!) { asset(id: $id) { name } }\nquery Two { rootFolders { id } }',
        variables: '{ "id": "{{hub}}", "n": 2 }',
        operationName: 'One',
      }),
      lookup,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.request.url).toBe('https://api.test/graphql');
    expect(result.request.headers).toEqual([{ name: 'Content-Type', value: 'application/json' }]);
    expect(result.request.body?.mode).toBe('graphql');
    expect(JSON.parse(result.request.body!.text)).toEqual({
      query: 'query One($id: ID!) { asset(id: $id) { name } }\nquery Two { rootFolders { id } }',
      variables: { id: 'hub-7', n: 2 },
      operationName: 'One',
    });
  });

  it('leaves out empty variables and an empty operation name', () => {
    const built = graphqlRequestText({
      query: '{ __typename }',
      variables: '  ',
      operationName: '',
    });
    expect(built).toEqual({ ok: true, text: '{"query":"{ __typename }"}' });
  });

  it('keeps a Content-Type header the user set', () => {
    const result = resolveDraft(
      graphqlDraft(
        { query: '{ __typename }' },
        { headers: [{ name: 'content-type', value: 'application/graphql+json', enabled: true }] },
      ),
      lookup,
    );
    expect(result.ok && result.request.headers).toEqual([
      { name: 'content-type', value: 'application/graphql+json' },
    ]);
  });

  it.each([
    ['{ "id": ', /not valid JSON at line 1, column 8: Unexpected end/],
    ['[1, 2]', /must be one JSON object/],
    ['"text"', /must be one JSON object/],
    ['null', /must be one JSON object/],
  ])('refuses variables %s with a message that says why', (variables, message) => {
    const result = resolveDraft(graphqlDraft({ query: '{ __typename }', variables }), lookup);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(message);
    expect(result.error.hint).toMatch(/GraphQL/);
  });

  it('refuses an empty query and a GET', () => {
    const empty = resolveDraft(graphqlDraft({ query: '   ' }), lookup);
    expect(!empty.ok && empty.error.message).toBe('The GraphQL query is empty.');
    const get = resolveDraft(graphqlDraft({ query: '{ a }' }, { method: 'GET' }), lookup);
    expect(!get.ok && get.error.message).toMatch(/sent as POST; this one is GET/);
    expect(!get.ok && get.error.hint).toBe('Change the method to POST.');
  });

  it('names a missing variable used in the query', () => {
    const result = resolveDraft(
      graphqlDraft({ query: '{ asset(id: "{{assetId}}") { id } }' }),
      lookup,
    );
    expect(!result.ok && result.error.missing).toEqual(['assetId']);
  });

  it('parses variables on their own', () => {
    expect(parseGraphqlVariables('')).toEqual({ ok: true, value: undefined });
    expect(parseGraphqlVariables('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
  });
});

describe('GraphQL drafts elsewhere', () => {
  it('an older draft without a GraphQL part still parses, and the part round-trips', () => {
    const old = requestDraftSchema.parse({ body: { mode: 'json', text: '{}' } });
    expect(old.body.graphql).toBeUndefined();
    const draft = graphqlDraft({ query: '{ a }', variables: '{"x":1}', operationName: 'A' });
    expect(requestDraftSchema.parse(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('blanks credential-like GraphQL variables before a draft is written', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const redacted = redactDraft(
      graphqlDraft({ query: '{ a }', variables: `{\n  "id": "asset-1",\n  "token": "${jwt}"\n}` }),
    );
    expect(redacted.body.graphql?.variables).not.toContain(jwt);
    expect(JSON.parse(redacted.body.graphql!.variables).id).toBe('asset-1');
    expect(redacted.body.graphql?.query).toBe('{ a }');
  });

  it('the Amplience catalog offers the GraphQL Asset Management endpoint as a GraphQL draft', () => {
    const preset = getPreset('amplience');
    const templates = catalogTemplates(preset!, [
      {
        name: 'baseUrl',
        value: 'https://api.amplience.net',
        source: 'connection',
        description: '',
      },
      {
        name: 'baseUrl.contentManagement',
        value: 'https://api.amplience.net',
        source: 'connection',
        description: '',
      },
    ]);
    const graphql = templates.find((t) => t.id === 'asset-graphql');
    expect(graphql?.draft.method).toBe('POST');
    expect(graphql?.draft.url).toBe('{{baseUrl.contentManagement}}/graphql');
    expect(graphql?.draft.body.mode).toBe('graphql');
    expect(graphql?.draft.body.graphql?.query).toContain('query Start');
  });
});
