import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport } from '#shared/import/schemas.js';
import { emptyDraft } from '#shared/requests/schemas.js';
import { ImportApiDialog } from '../../../../renderer/src/views/composer/import-api/import-api-dialog.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installTypedApi, ok } from '../typed-api.js';

const report: ImportReport = {
  kind: 'openapi',
  folder: 'Swagger Petstore',
  name: 'Swagger Petstore',
  format: 'OpenAPI 3.0.0',
  requests: 2,
  folders: 1,
  parameters: 3,
  bodies: 1,
  environment: { key: 'swagger-petstore', name: 'Swagger Petstore', variables: 1 },
  security: ["petstore_auth: OAuth 2.0 (implicit) — sent with the connection's token"],
  notImported: ['POST /pet/{petId}/uploadImage: its multipart/form-data body (file uploads).'],
  created: [
    { path: 'Swagger Petstore/pet/find-pet-by-id.yaml', name: 'Find pet by ID', method: 'GET' },
    { path: 'Swagger Petstore/pet/add-pet.yaml', name: 'Add a new pet', method: 'POST' },
  ],
};

beforeEach(() => resetStore());
afterEach(cleanup);

describe('ImportApiDialog', () => {
  it('imports pasted text, shows the report, and opens a request with its path parameter to fill', async () => {
    const fake = installTypedApi({
      'import:api': () => ok(report),
      'workspace:read-request': ({ path }) =>
        ok({
          path,
          name: 'Find pet by ID',
          connectionId: 'c1',
          draft: { ...emptyDraft(), url: '{{baseUrl}}/pet/{{petId}}' },
        }),
      'import:operation': () =>
        ok({
          operation: {
            spec: 'Swagger Petstore/_openapi.json',
            method: 'GET',
            path: '/pet/{petId}',
            summary: 'Find pet by ID',
            parameters: [
              {
                name: 'petId',
                in: 'path',
                required: true,
                description: 'ID of pet',
                type: 'integer',
              },
            ],
            bodyRequired: false,
            security: [],
          },
          description: 'Returns a single pet',
          hasBodySchema: false,
        }),
    });
    // The composer knows the connection the imported requests are sent with.
    useStore.setState((s) => ({
      composer: {
        ...s.composer,
        connections: [{ id: 'c1', name: 'Petstore', presetId: 'generic-oauth2' }],
      },
    }));
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ImportApiDialog connectionId="c1" onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'Import an API' });
    const importButton = within(dialog).getByRole('button', { name: 'Import' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('tab', { name: 'Paste' }));
    await user.click(within(dialog).getByRole('textbox', { name: /The document/ }));
    await user.paste('openapi: 3.0.0');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Format' }), 'openapi');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const done = await screen.findByRole('dialog', { name: 'API imported' });
    expect(fake.argsOf('import:api')).toEqual([
      { source: { type: 'text', text: 'openapi: 3.0.0' }, kind: 'openapi', connectionId: 'c1' },
    ]);
    expect(within(done).getByRole('region', { name: 'Not imported' }).textContent).toContain(
      'uploadImage',
    );
    expect(within(done).getByRole('region', { name: 'Security schemes' }).textContent).toContain(
      'petstore_auth',
    );
    expect(done.textContent).toContain('swagger-petstore');
    await user.click(within(done).getByRole('button', { name: /Find pet by ID/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const composer = useStore.getState().composer;
    expect(composer.origin).toEqual({
      kind: 'file',
      path: 'Swagger Petstore/pet/find-pet-by-id.yaml',
      name: 'Find pet by ID',
    });
    expect(composer.draft.url).toBe('{{baseUrl}}/pet/{{petId}}');
    expect(composer.variables).toEqual([{ name: 'petId', value: '', enabled: true }]);
  });

  it('says why an import failed, with the hint', async () => {
    installTypedApi({
      'import:api': () => ({
        ok: false,
        error: {
          category: 'validation',
          message: 'OpenAPI version 4.0.0 is not supported.',
          hint: 'Import an OpenAPI 3.0 or 3.1 document.',
        },
      }),
    });
    const user = userEvent.setup();
    render(<ImportApiDialog connectionId="c1" onClose={() => undefined} />);
    await user.click(screen.getByRole('tab', { name: 'URL' }));
    await user.type(
      screen.getByRole('textbox', { name: /Address of the document/ }),
      'https://example.com/openapi.json',
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not import: OpenAPI version 4.0.0 is not supported. Import an OpenAPI 3.0 or 3.1 document.',
    );
  });
});
