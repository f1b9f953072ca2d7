import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { emptyDraft, type ExchangeResult, type RequestDraft } from '#shared/requests/schemas.js';
import { ComposerView } from '../../../../renderer/src/views/composer/composer-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installTypedApi, ok, type FakeApi, type FakeHandlers } from '../typed-api.js';
import { viewOf } from '../wizard/fake-api.js';

const catalogDraft: RequestDraft = {
  ...emptyDraft(),
  url: '{{baseUrl.central}}/apis/management/v1alpha1/environments',
};

function exchange(requestId: string): ExchangeResult {
  return {
    requestId,
    historyId: 'h1',
    url: 'https://central.test/apis/management/v1alpha1/environments',
    method: 'GET',
    response: {
      responseId: 'resp-000001',
      status: 200,
      statusText: 'OK',
      headers: [{ name: 'content-length', value: '0' }],
      url: 'https://central.test/apis/management/v1alpha1/environments',
      contentType: null,
      bodyKind: 'empty',
      size: 0,
      wireSize: 0,
      decoded: null,
      insecureTls: false,
    },
    error: null,
    timings: { token: 1, dns: null, connect: 2, tls: null, ttfb: 3, download: 1, total: 9 },
    timeline: [{ at: 0, kind: 'token', text: 'Using the connection’s cached token' }],
    retried: false,
  };
}

/** The context main answers for the one connection, c1. */
const context: ChannelResult<'requests:context'> = {
  connectionId: 'c1',
  connectionName: 'Axway Central',
  presetId: 'axway-platform',
  presetName: 'Axway Amplify Platform',
  variables: [
    {
      name: 'baseUrl.central',
      value: 'https://central.test',
      source: 'connection',
      description: 'API base URL "Central"',
    },
  ],
  catalog: [
    {
      id: 'central-environments',
      name: 'Central: list environments',
      description: 'Environments',
      docUrl: null,
      draft: catalogDraft,
    },
  ],
  saved: [],
  last: null,
};

type Send = NonNullable<FakeHandlers['requests:send']>;

/** A window.api answering the composer's channels; `send` decides how requests:send answers. */
function installApi(send: Send): FakeApi {
  return installTypedApi({
    'connections:list': () =>
      ok({ connections: [viewOf('c1', 'Axway Central', 'axway-platform')] }),
    'requests:context': () => ok(context),
    'requests:history': () => ok({ entries: [], total: 0 }),
    'requests:remember': () => ok({ remembered: true }),
    'requests:send': send,
    'requests:cancel': () => ok({ cancelled: true }),
    'requests:release': () => ok({ released: true }),
  });
}

/** Hold requests:context until released, as a slow main process would. */
function slowContext(fake: FakeApi): () => void {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  fake.answer('requests:context', async () => {
    await gate;
    return ok(context);
  });
  return release;
}

beforeEach(() => {
  resetStore();
  useStore.setState({ area: 'composer' });
  localStorage.clear();
});
afterEach(cleanup);

async function renderComposer(): Promise<void> {
  await act(async () => {
    render(<ComposerView />);
  });
  await waitFor(() =>
    expect((screen.getByRole('textbox', { name: 'URL' }) as HTMLInputElement).value).toBe(
      catalogDraft.url,
    ),
  );
}

describe('composer store: choosing a connection', () => {
  it('keeps a URL typed while the connection context was still loading', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    const release = slowContext(fake);
    const selecting = useStore.getState().selectComposerConnection('c1');
    useStore.getState().setComposerUrl('{{baseUrl.central}}/big.json?mb=50');
    release();
    await selecting;
    const { composer } = useStore.getState();
    expect(composer.draft.url).toBe('{{baseUrl.central}}/big.json?mb=50');
    expect(composer.draftFor).toBe('c1');
    expect(composer.context?.connectionId).toBe('c1');
  });

  it('sends a request pressed while the connection was loading, once it has loaded', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    const release = slowContext(fake);
    const selecting = useStore.getState().selectComposerConnection('c1');
    useStore.getState().setComposerUrl('{{baseUrl.central}}/big.json?mb=50');
    await useStore.getState().sendComposerRequest();
    expect(useStore.getState().composer.sendQueued).toBe(true);
    expect(fake.argsOf('requests:send')).toHaveLength(0);
    release();
    await selecting;
    await waitFor(() => expect(useStore.getState().composer.exchange).not.toBeNull());
    const sent = fake.argsOf('requests:send');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.connectionId).toBe('c1');
    expect(sent[0]?.draft.url).toBe('{{baseUrl.central}}/big.json?mb=50');
    expect(useStore.getState().composer.sendQueued).toBe(false);
  });

  it('drops a queued send when it is cancelled before the connection has loaded', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    const release = slowContext(fake);
    const selecting = useStore.getState().selectComposerConnection('c1');
    useStore.getState().setComposerUrl('{{baseUrl.central}}/items');
    await useStore.getState().sendComposerRequest();
    await useStore.getState().cancelComposerRequest();
    release();
    await selecting;
    expect(useStore.getState().composer.sendQueued).toBe(false);
    expect(fake.argsOf('requests:send')).toHaveLength(0);
  });

  it('says why a send pressed after the connection failed to load did not go out', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    fake.answer('requests:context', () => ({
      ok: false,
      error: { category: 'not_found', message: 'No connection c1.' },
    }));
    await useStore.getState().selectComposerConnection('c1');
    useStore.getState().setComposerUrl('{{baseUrl.central}}/items');
    await useStore.getState().sendComposerRequest();
    expect(useStore.getState().composer.sendError?.message).toMatch(/^Not sent: /);
    expect(fake.argsOf('requests:send')).toHaveLength(0);
  });

  it('opens the first catalog endpoint when nothing was typed meanwhile', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    const release = slowContext(fake);
    const selecting = useStore.getState().selectComposerConnection('c1');
    release();
    await selecting;
    expect(useStore.getState().composer.draft.url).toBe(catalogDraft.url);
  });
});

describe('ComposerView', () => {
  it('opens the first catalog endpoint and shows the URL with its variables filled in', async () => {
    installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    await renderComposer();
    expect(screen.getByLabelText('URL as sent').textContent).toContain(
      'https://central.test/apis/management/v1alpha1/environments',
    );
    const url = screen.getByRole('textbox', { name: 'URL' });
    fireEvent.change(url, { target: { value: '{{baseUrl.central}}/x/{{tenant}}' } });
    expect(screen.getByLabelText('URL as sent').textContent).toMatch(/No value for \{\{tenant\}\}/);
  });

  it('keeps the params table and the URL in sync, both ways', async () => {
    installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    await renderComposer();
    const url = screen.getByRole('textbox', { name: 'URL' }) as HTMLInputElement;
    fireEvent.change(url, {
      target: { value: '{{baseUrl.central}}/items?limit=1&sort=-modifiedDate' },
    });
    const value2 = screen.getByRole('textbox', { name: 'Value of param 2' }) as HTMLInputElement;
    expect(value2.value).toBe('-modifiedDate');
    fireEvent.change(value2, { target: { value: 'name asc' } });
    expect(url.value).toBe('{{baseUrl.central}}/items?limit=1&sort=name%20asc');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include param 1' }));
    expect(url.value).toBe('{{baseUrl.central}}/items?sort=name%20asc');
    // The switched-off row stays in the table while the URL is edited.
    fireEvent.change(url, { target: { value: '{{baseUrl.central}}/items?sort=id' } });
    expect(
      (screen.getByRole('textbox', { name: 'Name of param 2' }) as HTMLInputElement).value,
    ).toBe('limit');
  });

  it('sends on Ctrl+Enter and shows the status; the draft goes to main without a token', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    await renderComposer();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    });
    await screen.findByLabelText('Status 200 OK');
    const [sent] = fake.argsOf('requests:send');
    expect(sent?.connectionId).toBe('c1');
    expect(sent?.draft.url).toBe(catalogDraft.url);
    expect(sent?.draft.auth).toEqual({ type: 'connection' });
  });

  it('Ctrl+Enter gets the same field checks as Send: a bad header is not sent', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    await renderComposer();
    await userEvent.click(screen.getByRole('tab', { name: /Headers/ }));
    fireEvent.change(screen.getByRole('combobox', { name: 'New header name' }), {
      target: { value: 'Bad Name' },
    });
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    });
    expect(await screen.findByText(/^Not sent: fix header 1/)).toBeTruthy();
    expect(fake.argsOf('requests:send')).toHaveLength(0);
  });

  it('shows a Send pressed while the connection loads as waiting, and sends it after', async () => {
    const fake = installApi(async ({ requestId }) => ({ ok: true, value: exchange(requestId) }));
    const release = slowContext(fake);
    await act(async () => {
      render(<ComposerView />);
    });
    // The user types a URL and presses Send before the connection's context has arrived.
    const url = await screen.findByRole('textbox', { name: 'URL' });
    fireEvent.change(url, { target: { value: '{{baseUrl.central}}/big.json' } });
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText(/goes out as soon as it is ready/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(fake.argsOf('requests:send')).toHaveLength(0);
    await act(async () => release());
    await screen.findByLabelText('Status 200 OK');
    const sent = fake.argsOf('requests:send');
    expect(sent.map((s) => s.draft.url)).toEqual(['{{baseUrl.central}}/big.json']);
    expect(screen.queryByText(/goes out as soon as it is ready/)).toBeNull();
  });

  it('cancels a running request on Esc', async () => {
    let finish: (() => void) | undefined;
    const fake = installApi(
      ({ requestId }) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              ok: true,
              value: {
                ...exchange(requestId),
                response: null,
                error: { category: 'cancelled', message: 'The request was cancelled.' },
              },
            });
        }),
    );
    await renderComposer();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
    });
    expect(fake.argsOf('requests:cancel')).toHaveLength(1);
    await act(async () => finish?.());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Cancelled' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  });
});

// Main refuses to send a connection's token to an origin the connection was not set up for; the
// composer says so and offers to allow that origin, then sends.
describe('composer: the token going to another origin', () => {
  it('shows the refusal with the origin, and "Allow … and send" allows it and sends again', async () => {
    let attempts = 0;
    const fake = installApi(async ({ requestId }) => {
      attempts += 1;
      if (attempts === 1) {
        return {
          ok: false,
          error: {
            category: 'forbidden',
            message:
              "This request would send the Axway Central token to https://other.example, which is not one of the connection's API base URLs.",
            hint: 'Allow https://other.example for "Axway Central" to send it there from now on, or choose another auth for this request.',
            details: { tokenOrigin: 'https://other.example', connectionId: 'c1' },
          },
        };
      }
      return ok(exchange(requestId));
    });
    fake.answer('connections:allow-token-origin', () =>
      ok(viewOf('c1', 'Axway Central', 'axway-platform')),
    );
    await renderComposer();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'would send the Axway Central token to https://other.example',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Allow https://other.example and send' }),
    );
    await screen.findByLabelText('Status 200 OK');
    expect(fake.argsOf('connections:allow-token-origin')).toEqual([
      { id: 'c1', origin: 'https://other.example' },
    ]);
    await waitFor(() => expect(fake.argsOf('requests:send')).toHaveLength(2));
  });
});
