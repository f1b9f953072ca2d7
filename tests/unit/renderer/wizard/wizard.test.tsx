import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInput } from '#shared/connection.js';
import { ConnectionsView } from '../../../../renderer/src/views/connections/connections-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installFakeApi, okReport, statusOf, viewOf, type Call } from './fake-api.js';

// The provider wizard in jsdom against a fake window.api: keyboard use, the secret field, the
// test result and its one-click fixes, and what is sent on save.

const fingerprint =
  '36:8D:ED:1D:ED:B5:55:30:3F:67:6F:31:7A:BA:9F:54:C4:0E:25:7B:B1:70:08:0B:31:E9:35:3B:89:AB:89:D6';

function argsOf(calls: Call[], channel: string): Record<string, unknown>[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.args as Record<string, unknown>);
}

async function renderView(): Promise<void> {
  await act(async () => {
    render(<ConnectionsView />);
  });
}

/** Through steps 1–4 for Amplience with the keyboard only. */
async function toTestStep(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(screen.getByRole('button', { name: 'Add a connection' }));
  await user.keyboard('{Tab}');
  expect(document.activeElement).toBe(screen.getByLabelText('Search platforms'));
  await user.keyboard('amplience{Enter}');
  await user.click(screen.getByRole('button', { name: 'Next: Connection details' }));
  await user.click(screen.getByRole('button', { name: 'Next: Credentials' }));
  await user.type(screen.getByLabelText('Client ID'), 'key');
  await user.type(screen.getByLabelText('Client secret'), 'the-secret{Enter}');
  expect(document.activeElement).toBe(
    screen.getByRole('heading', { level: 2, name: 'Test and save' }),
  );
}

const valueOf = (el: HTMLElement): string => (el as HTMLInputElement).value;

beforeEach(() => resetStore());
afterEach(() => cleanup());

describe('provider wizard', () => {
  it('moves by keyboard, focuses each step heading and marks the current step', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'Add a connection' }));
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { level: 2, name: 'Choose a platform' }),
    );
    const cards = within(screen.getByRole('list', { name: 'Platforms' })).getAllByRole('button');
    expect(cards.map((c) => c.getAttribute('aria-labelledby') && c.textContent)).toHaveLength(10);
    await user.type(screen.getByLabelText('Search platforms'), 'wso2');
    expect(
      within(screen.getByRole('list', { name: 'Platforms' })).getAllByRole('button'),
    ).toHaveLength(2);
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { level: 2, name: 'Create the service account' }),
    );
    const steps = screen.getByRole('navigation', { name: 'Wizard steps' });
    expect(within(steps).getByRole('button', { current: 'step' }).textContent).toBe(
      '2Step 2: Create the service account',
    );
    expect(
      (within(steps).getByRole('button', { name: 'Step 4: Credentials' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    expect(screen.getByRole('button', { name: 'Copy: Client ID' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next: Connection details' }));
    // Enter in a field moves on, as in any form; a wrong value stops it and says why.
    const port = screen.getByLabelText('Port');
    await user.clear(port);
    await user.type(port, 'abc{Enter}');
    expect(screen.getByRole('heading', { level: 2, name: 'Connection details' })).toBeTruthy();
    expect(screen.getAllByText('Port must be a number from 1 to 65535')).toHaveLength(2);
    await user.clear(port);
    await user.type(port, '9443');
    expect(screen.getByRole('status', { name: 'Resulting token URL' }).textContent).toBe(
      'https://idp.am.wso2.com:9443/oauth2/token',
    );
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { level: 2, name: 'Credentials' }),
    );
    await user.click(within(steps).getByRole('button', { name: 'Step 1: Choose a platform' }));
    expect(
      screen
        .getByRole('button', { name: 'WSO2 APK (built-in test IdP)' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('masks the secret, shows it on request, and cleans up a pasted line break', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await toTestStep(user);
    await user.click(screen.getByRole('button', { name: 'Back' }));
    const secret = screen.getByLabelText('Client secret');
    expect(secret.getAttribute('type')).toBe('password');
    await user.click(screen.getByRole('button', { name: 'Show secret' }));
    expect(secret.getAttribute('type')).toBe('text');
    await user.click(screen.getByRole('button', { name: 'Hide secret' }));
    expect(secret.getAttribute('type')).toBe('password');

    await user.clear(secret);
    await user.click(secret);
    await user.paste('pasted-secret\n');
    expect(valueOf(secret)).toBe('pasted-secret');
    expect(
      screen.getByText(/ended with a line break \(as `echo` adds\); it was removed/),
    ).toBeTruthy();

    await user.type(secret, '  ');
    expect(screen.getByText('The secret ends with a space.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove the spaces around the secret' }));
    expect(valueOf(secret)).toBe('pasted-secret');
  });

  it('splits a pasted Basic header into client ID and secret and flags the echo newline', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await toTestStep(user);
    await user.click(screen.getByRole('button', { name: 'Back' }));
    const secret = screen.getByLabelText('Client secret');
    await user.clear(secret);
    await user.click(secret);
    await user.paste(`Basic ${btoa('svc-id:s3cr3t\n')}`);
    expect(valueOf(screen.getByLabelText('Client ID'))).toBe('svc-id');
    expect(valueOf(secret)).toBe('s3cr3t');
    expect(screen.getByText(/the mark of `echo "id:secret" \| base64`/)).toBeTruthy();
  });

  it('applies the suggested pin and tests again with it, then saves with the secret', async () => {
    const reports = [
      okReport({
        ok: false,
        workingMethod: null,
        token: null,
        error: {
          category: 'tls',
          message: `Self-signed certificate with fingerprint ${fingerprint}: pin it to trust.`,
          details: {
            reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
            certificate: {
              subject: 'CN=idp',
              issuer: 'CN=idp',
              fingerprint256: fingerprint,
              validFrom: 'a',
              validTo: 'b',
              serialNumber: '1',
              selfSigned: true,
            },
          },
        },
        exchange: {
          request: {
            method: 'POST',
            url: 'https://idp/oauth/token',
            headers: { authorization: 'Basic [redacted]' },
            body: 'grant_type=client_credentials',
          },
          response: null,
        },
      }),
      okReport(),
    ];
    const saved = viewOf('new-id', 'Amplience');
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [] }),
      'tokens:test': () => {
        const next = reports.shift();
        if (next === undefined) throw new Error('More tests than reports');
        return next;
      },
      'connections:save': () => saved,
      'tokens:fetch': () =>
        statusOf('new-id', {
          state: 'valid',
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
        }),
    });
    const user = userEvent.setup();
    await renderView();
    await toTestStep(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        `Self-signed certificate with fingerprint ${fingerprint}: trust this certificate?`,
      ),
    ).toBeTruthy();
    expect(within(alert).getByLabelText('Request').textContent).toContain(
      'authorization: Basic [redacted]',
    );
    await user.click(
      within(alert).getByRole('button', { name: 'Trust this certificate and test again' }),
    );
    await screen.findByRole('region', { name: 'Connection works' });
    const tests = argsOf(calls, 'tokens:test');
    expect(tests).toHaveLength(2);
    expect((tests[0]?.connection as ConnectionInput).tls).toEqual({ insecure: false });
    expect((tests[1]?.connection as ConnectionInput).tls).toEqual({
      insecure: false,
      pinnedSha256: fingerprint,
    });
    expect(tests[1]?.secrets).toEqual({ clientSecret: 'the-secret' });

    await user.click(screen.getByRole('button', { name: 'Save connection' }));
    await screen.findByRole('heading', { level: 1, name: 'Connections' });
    expect(argsOf(calls, 'connections:save')[0]).toMatchObject({
      connection: { name: 'Amplience', clientId: 'key', tls: { pinnedSha256: fingerprint } },
      secrets: { clientSecret: 'the-secret' },
    });
    // Saving drops the wizard and with it the typed secret.
    expect(useStore.getState().wizard).toBeNull();
    expect(JSON.stringify(useStore.getState())).not.toContain('the-secret');
    // The row shows how long the token lasts ("… left").
    await screen.findByText(/ left$/);
  });

  it('edits a saved connection: the secret is never shown, and the stored one is used to test', async () => {
    const saved = viewOf('c1', 'Amplience prod');
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [saved] }),
      'connections:get': () => saved,
      'tokens:test': () => okReport(),
    });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'More actions for Amplience prod' }));
    await user.click(await screen.findByRole('menuitem', { name: /^Edit…/ }));
    expect(screen.getByRole('heading', { level: 1, name: 'Edit “Amplience prod”' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Step 4: Credentials' }));
    const secret = screen.getByLabelText('Client secret');
    expect(valueOf(secret)).toBe('');
    expect(secret.getAttribute('placeholder')).toBe('A secret is stored; type to replace');
    await user.click(screen.getByRole('button', { name: 'Next: Test and save' }));
    expect(screen.getByText('stored (kept)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByRole('region', { name: 'Connection works' });
    const [args] = argsOf(calls, 'tokens:test');
    expect(args).toMatchObject({ connectionId: 'c1', connection: { id: 'c1' } });
    expect(args).not.toHaveProperty('secrets');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy();
  });

  it('says, before saving, that a stored secret must be typed again when the token origin changes', async () => {
    const saved = viewOf('c1', 'Amplience prod');
    installFakeApi({
      'connections:list': () => ({ connections: [saved] }),
      'connections:get': () => saved,
    });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'More actions for Amplience prod' }));
    await user.click(await screen.findByRole('menuitem', { name: /^Edit…/ }));
    await user.click(screen.getByRole('button', { name: 'Step 3: Connection details' }));
    await user.click(screen.getByText('Advanced options'));
    const override = screen.getByLabelText('Token URL override');
    // Another path on the same origin: the stored secret still goes there.
    await user.type(override, 'https://auth.amplience.net/other/token');
    await user.click(screen.getByRole('button', { name: 'Step 4: Credentials' }));
    expect(screen.queryByTestId('secret-origin-notice')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Step 3: Connection details' }));
    await user.clear(screen.getByLabelText('Token URL override'));
    await user.type(screen.getByLabelText('Token URL override'), 'https://other.example/token');
    await user.click(screen.getByRole('button', { name: 'Step 4: Credentials' }));
    const notice = screen.getByTestId('secret-origin-notice');
    expect(notice.textContent).toContain('Enter the client secret again.');
    expect(notice.textContent).toContain(
      'from https://auth.amplience.net to https://other.example',
    );
    await user.click(screen.getByRole('button', { name: 'Next: Test and save' }));
    expect(screen.getByTestId('secret-origin-notice')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Step 4: Credentials' }));
    await user.type(screen.getByLabelText('Client secret'), 'typed-again');
    expect(screen.queryByTestId('secret-origin-notice')).toBeNull();
  });

  it('imports a curl command and lists what it did not understand', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'Add a connection' }));
    await user.click(screen.getByRole('button', { name: 'Paste a curl command' }));
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { level: 2, name: 'Paste a curl command' }),
    );
    await user.click(screen.getByLabelText('curl command'));
    await user.paste(
      "curl -k --digest -u 'svc:pw' -d grant_type=client_credentials 'https://auth.amplience.net/oauth/token'",
    );
    await user.click(screen.getByRole('button', { name: 'Read the command' }));
    const found = screen.getByRole('region', { name: 'What the command says' });
    expect(within(found).getByText(/Recognised Amplience from the host/)).toBeTruthy();
    expect(within(found).getByText(/^--digest/)).toBeTruthy();
    expect(within(found).getByText(/turns certificate checks off \(-k\)/)).toBeTruthy();
    expect(found.textContent).not.toContain('pw');
    await user.click(screen.getByRole('button', { name: 'Use these values' }));
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { level: 2, name: 'Connection details' }),
    );
    expect(useStore.getState().wizard?.curlText).toBe('');
    expect(useStore.getState().wizard?.draft?.clientSecret).toBe('pw');
  });

  it('asks before Cancel discards a typed secret, with the focus on the safe choice', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [] }),
      'connections:discard-draft': () => ({ discarded: false }),
    });
    const user = userEvent.setup();
    await renderView();
    await toTestStep(user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Discard this draft?' });
    expect(document.activeElement).toBe(
      within(dialog).getByRole('button', { name: 'Keep editing' }),
    );
    expect(useStore.getState().wizard).not.toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(useStore.getState().wizard?.draft?.clientSecret).toBe('the-secret');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(useStore.getState().wizard).toBeNull();
    // Main is told to forget what it held for the draft.
    expect(argsOf(calls, 'connections:discard-draft')).toHaveLength(1);
  });

  it('cancels at once when nothing secret was typed', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'Add a connection' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(useStore.getState().wizard).toBeNull();
  });

  it('does not call a quoted curl secret with a space "wrapped", but does a typed one', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    const user = userEvent.setup();
    await renderView();
    await user.click(screen.getByRole('button', { name: 'Add a connection' }));
    await user.click(screen.getByRole('button', { name: 'Paste a curl command' }));
    await user.click(screen.getByLabelText('curl command'));
    await user.paste(
      "curl https://auth.amplience.net/oauth/token --data-urlencode 'grant_type=client_credentials' --data-urlencode 'client_id=svc' --data-urlencode 'client_secret=pass phrase'",
    );
    await user.click(screen.getByRole('button', { name: 'Read the command' }));
    await user.click(screen.getByRole('button', { name: 'Use these values' }));
    await user.click(screen.getByRole('button', { name: 'Next: Credentials' }));
    expect(valueOf(screen.getByLabelText('Client secret'))).toBe('pass phrase');
    expect(screen.queryByText(/wrapped or cut when copied/)).toBeNull();
    // Typed by hand, the same inner space is worth a look.
    await user.clear(screen.getByLabelText('Client secret'));
    await user.type(screen.getByLabelText('Client secret'), 'pass phrase');
    expect(screen.getByText(/wrapped or cut when copied/)).toBeTruthy();
  });
});
