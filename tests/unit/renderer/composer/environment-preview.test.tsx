import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { emptyDraft, type RequestDraft, type ResolvedVariable } from '#shared/requests/schemas.js';
import { ComposerView } from '../../../../renderer/src/views/composer/composer-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installTypedApi, ok } from '../typed-api.js';
import { viewOf } from '../wizard/fake-api.js';

const context: ChannelResult<'requests:context'> = {
  connectionId: 'c1',
  connectionName: 'Axway Central',
  presetId: 'axway-platform',
  presetName: 'Axway Amplify Platform',
  variables: [
    { name: 'baseUrl', value: 'https://prod.test', source: 'connection', description: '' },
  ],
  catalog: [],
  saved: [],
  last: {
    draft: { ...emptyUrl('{{baseUrl}}/items?region={{region}}&k={{apiKey}}') },
    variables: [],
  },
};

function emptyUrl(url: string): RequestDraft {
  return { ...emptyDraft(), url };
}

const environments: ChannelResult<'workspace:open'>['environments'] = [
  { key: 'prod', name: 'Production', variables: [], baseUrls: {} },
  { key: 'staging', name: 'Staging', variables: [], baseUrls: {} },
];

/** What main answers for the layers: staging moves the base URL and brings a secret. */
function layers(environment: string | undefined): ResolvedVariable[] {
  const base: ResolvedVariable =
    environment === 'staging'
      ? {
          name: 'baseUrl',
          value: 'https://staging.test',
          secret: false,
          source: 'environment',
          description: '',
        }
      : {
          name: 'baseUrl',
          value: 'https://prod.test',
          secret: false,
          source: 'connection',
          description: '',
        };
  const out: ResolvedVariable[] = [
    base,
    { name: 'region', value: 'eu', secret: false, source: 'preset', description: '' },
  ];
  if (environment === 'staging') {
    out.push({ name: 'apiKey', value: null, secret: true, source: 'environment', description: '' });
  }
  return out;
}

beforeEach(() => {
  resetStore();
  useStore.setState({ area: 'composer' });
  localStorage.clear();
});
afterEach(cleanup);

describe('environment switch', () => {
  it('changes the "Sends to" preview, names each value\'s layer, and sends with the environment', async () => {
    const fake = installTypedApi({
      'connections:list': () =>
        ok({ connections: [viewOf('c1', 'Axway Central', 'axway-platform')] }),
      'requests:context': () => ok(context),
      'requests:history': () => ok({ entries: [], total: 0 }),
      'requests:remember': () => ok({ remembered: true }),
      'workspace:open': () => ok({ root: '/w', name: 'W', tree: [], environments, problems: [] }),
      'workspace:variables': ({ environment }) => ok({ variables: layers(environment) }),
      'workspace:save-session': () => ok({ saved: true as const }),
      'requests:send': ({ requestId }) =>
        ok({
          requestId,
          historyId: 'h',
          url: 'https://staging.test/items',
          method: 'GET',
          response: null,
          error: { category: 'network', message: 'offline' },
          timings: {
            token: null,
            dns: null,
            connect: null,
            tls: null,
            ttfb: null,
            download: null,
            total: 1,
          },
          timeline: [],
          retried: false,
        }),
    });
    await act(async () => {
      render(<ComposerView />);
    });
    const preview = await screen.findByRole('group', { name: 'URL as sent' });
    await waitFor(() =>
      expect(preview.textContent).toContain('Sends to https://prod.test/items?region=eu'),
    );
    expect(preview.textContent).toContain('No value for {{apiKey}}');
    const sources = within(preview).getByRole('list', { name: 'Where the values come from' });
    expect(sources.textContent).toContain('{{baseUrl}}connection');
    expect(sources.textContent).toContain('{{region}}preset');

    const picker = await screen.findByRole('combobox', { name: 'Environment' });
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(picker, { target: { value: 'staging' } });
    await waitFor(() =>
      expect(preview.textContent).toContain(
        'Sends to https://staging.test/items?region=eu&k=••••••',
      ),
    );
    // The secret's value never reaches the window: it shows masked, from the environment.
    expect(preview.textContent).not.toContain('No value for');
    expect(sources.textContent).toContain('{{baseUrl}}environment');
    expect(sources.textContent).toContain('{{apiKey}}environment secret');
    expect(fake.argsOf('workspace:variables').at(-1)).toMatchObject({
      connectionId: 'c1',
      environment: 'staging',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(fake.argsOf('requests:send')).toHaveLength(1));
    expect(fake.argsOf('requests:send')[0]).toMatchObject({
      connectionId: 'c1',
      environment: 'staging',
    });

    fireEvent.change(picker, { target: { value: '' } });
    await waitFor(() => {
      expect(fake.argsOf('workspace:variables').at(-1)?.environment).toBeUndefined();
      expect(preview.textContent).toContain('Sends to https://prod.test/items?region=eu');
    });
  });
});
