import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { printSchema } from 'graphql';
import { useState, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestBody, type RequestDraft } from '#shared/requests/schemas.js';
import { BodyPanel } from '../../../../../renderer/src/views/composer/body-panel.js';
import { assetSchema } from '../../../../fixtures/graphql/asset-schema.js';
import { installTypedApi, ok } from '../../typed-api.js';

const SDL = printSchema(assetSchema());
const TWO = `query Asset($id: ID!) { asset(id: $id) { name } }
mutation Archive($id: ID!) { archiveAsset(id: $id) { status } }`;

let latest: RequestBody | undefined;

function Harness({ query = TWO, url = 'https://api.test/graphql' }): ReactElement {
  const [body, setBody] = useState<RequestBody>({
    ...emptyDraft().body,
    mode: 'graphql',
    graphql: { query, variables: '{ "id": true }', operationName: '' },
  });
  latest = body;
  const draft: RequestDraft = { ...emptyDraft(), method: 'POST', url, body };
  return (
    <BodyPanel
      body={body}
      onChange={setBody}
      onSubmit={() => undefined}
      method="POST"
      graphqlSource={{ connectionId: 'conn-1', draft, variables: [] }}
    />
  );
}

async function editorsLoaded(): Promise<void> {
  await act(async () => {
    await import('../../../../../renderer/src/views/composer/graphql/graphql-body.js');
  });
  await waitFor(() => {
    if (document.querySelectorAll('.code-editor').length < 2) throw new Error('not loaded yet');
  });
}

afterEach(() => {
  cleanup();
  latest = undefined;
});

describe('GraphQL body', () => {
  it('loads the schema through main with the request as it stands, and checks against it', async () => {
    const fake = installTypedApi({
      'graphql:schema': () =>
        ok({
          sdl: SDL,
          url: 'https://api.test/graphql',
          fetchedAt: new Date().toISOString(),
          fromCache: false,
          typeCount: 13,
        }),
    });
    render(<Harness />);
    await editorsLoaded();
    expect(await screen.findByText(/Schema: 13 types, loaded/)).toBeTruthy();
    const [args] = fake.argsOf('graphql:schema');
    expect(args?.connectionId).toBe('conn-1');
    expect(args?.draft.url).toBe('https://api.test/graphql');
    // The page never sends its own query as the introspection body: main writes that.
    expect(args?.draft.body?.mode).toBe('none');
    expect(args?.refresh).toBe(false);
    // Two operations: the picker chose the first; the variable's type is checked by the schema.
    const picker = screen.getByRole('combobox', { name: 'Operation' });
    expect((picker as HTMLSelectElement).value).toBe('Asset');
    expect(latest?.graphql?.operationName).toBe('');
    fireEvent.change(picker, { target: { value: 'Archive' } });
    expect(latest?.graphql?.operationName).toBe('Archive');
    expect(
      await screen.findByText(/Variables: Variable "\$id" got invalid value true/),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reload schema' }));
    await waitFor(() => expect(fake.argsOf('graphql:schema').at(-1)?.refresh).toBe(true));
  });

  it('says why there is no schema, and the query still parses without one', async () => {
    installTypedApi({
      'graphql:schema': () => ({
        ok: false,
        error: {
          category: 'http',
          message: 'The server refused the introspection query: introspection is off',
          hint: 'Some servers turn introspection off.',
        },
      }),
    });
    render(<Harness query="{ asset(id: 1) { name } }" />);
    await editorsLoaded();
    expect(
      await screen.findByText(/No schema: The server refused the introspection query/),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Operation' })).toBeNull();
    expect(screen.getByText(/The query parses\. Sent as POST application\/json/)).toBeTruthy();
  });

  it('reports a syntax error at its line and column', async () => {
    installTypedApi({});
    render(<Harness query={'query {\n  asset(id: "1") {'} url="" />);
    await editorsLoaded();
    expect(screen.getByText(/Enter the GraphQL endpoint’s URL to load its schema/)).toBeTruthy();
    expect(
      screen.getByText(/Line 2, column 19: Syntax Error: Expected Name, found <EOF>/),
    ).toBeTruthy();
  });

  it('switching to GraphQL starts an empty GraphQL body and keeps the JSON text', async () => {
    installTypedApi({});
    function Switch(): ReactElement {
      const [body, setBody] = useState<RequestBody>({
        ...emptyDraft().body,
        mode: 'json',
        text: '{"a":1}',
      });
      latest = body;
      return <BodyPanel body={body} onChange={setBody} onSubmit={() => undefined} method="POST" />;
    }
    render(<Switch />);
    fireEvent.click(screen.getByRole('radio', { name: 'GraphQL' }));
    expect(latest?.mode).toBe('graphql');
    expect(latest?.graphql).toEqual({ query: '', variables: '', operationName: '' });
    expect(latest?.text).toBe('{"a":1}');
    await editorsLoaded();
    expect(screen.getByText(/Pick a connection to load the schema/)).toBeTruthy();
  });
});
