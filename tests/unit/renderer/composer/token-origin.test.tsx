import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '#shared/ipc/contract.js';
import { emptyDraft, type ExchangeResult, type RequestDraft } from '#shared/requests/schemas.js';
import { ComposerView } from '../../../../renderer/src/views/composer/composer-view.js';
import { initialComposerState } from '../../../../renderer/src/store/slices/composer-slice.js';
import { useStore } from '../../../../renderer/src/store/store.js';

// Main refuses to send a connection's token to an origin the connection was not set up for; the
// composer says so and offers to allow that origin, then sends.

type Handler = (args: never) => Promise<unknown>;
type Calls = Record<string, unknown[]>;

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

/** A window.api answering the composer's channels; `send` decides how requests:send answers. */
function installApi(send: (args: { requestId: string }) => Promise<unknown>): Calls {
  const calls: Calls = {};
  const handlers: Record<string, Handler> = {
    'connections:list': async () => ({
      ok: true,
      value: {
        connections: [
          { connection: { id: 'c1', name: 'Axway Central', presetId: 'axway-platform' } },
        ],
      },
    }),
    'requests:context': async () => ({
      ok: true,
      value: {
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
      },
    }),
    'requests:history': async () => ({ ok: true, value: { entries: [], total: 0 } }),
    'requests:remember': async () => ({ ok: true, value: { remembered: true } }),
    'requests:send': send as Handler,
    'requests:cancel': async () => ({ ok: true, value: { cancelled: true } }),
    'requests:release': async () => ({ ok: true, value: { released: true } }),
  };
  const api: Record<string, unknown> = { on: () => () => undefined };
  for (const [name, handler] of Object.entries(handlers)) {
    api[name] = async (args: never) => {
      (calls[name] ??= []).push(args);
      return handler(args);
    };
  }
  Object.defineProperty(window, 'api', {
    value: api as unknown as Api,
    configurable: true,
    writable: true,
  });
  return calls;
}

beforeEach(() => {
  useStore.setState({ composer: initialComposerState, area: 'composer' });
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

describe('composer: the token going to another origin', () => {
  it('shows the refusal with the origin, and "Allow … and send" allows it and sends again', async () => {
    let attempts = 0;
    const calls = installApi(async ({ requestId }) => {
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
      return { ok: true, value: exchange(requestId) };
    });
    const api = window.api as unknown as Record<string, (args: unknown) => Promise<unknown>>;
    api['connections:allow-token-origin'] = async (args) => {
      (calls['connections:allow-token-origin'] ??= []).push(args);
      return { ok: true, value: {} };
    };
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
    expect(calls['connections:allow-token-origin']).toEqual([
      { id: 'c1', origin: 'https://other.example' },
    ]);
    await waitFor(() => expect(calls['requests:send']).toHaveLength(2));
  });
});
