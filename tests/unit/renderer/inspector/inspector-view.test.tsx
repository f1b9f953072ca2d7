import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  contract,
  type AutoVerifyResult,
  type Channel,
  type SignatureReportView,
} from '#shared/ipc/contract.js';
import { inspectToken, withoutRawToken } from '#shared/jwt/index.js';
import { InspectorView } from '../../../../renderer/src/views/inspector/inspector-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installTypedApi, ok, type FakeHandlers } from '../typed-api.js';
import { viewOf } from '../wizard/fake-api.js';
import { compactToken } from '../../../fixtures/jwt/samples.js';

type Calls = Partial<Record<Channel, unknown[]>>;

/**
 * A window.api answering the inspector's channels, held to the contract; decode runs the real
 * shared inspection. The answer is every call's arguments, by channel (undefined when none).
 */
function installApi(overrides: FakeHandlers = {}): Calls {
  const fake = installTypedApi({
    'inspector:decode': (args) =>
      ok(inspectToken(args.token, { now: Date.now(), skewSeconds: args.skewSeconds })),
    'connections:list': () => ok({ connections: [] }),
    ...overrides,
  });
  return new Proxy<Calls>(
    {},
    {
      get: (_, channel) => {
        const args = fake.calls.filter((c) => c.channel === channel).map((c) => c.args);
        return args.length > 0 ? args : undefined;
      },
    },
  );
}

const nowS = (): number => Math.floor(Date.now() / 1000);

function rsToken(extra: Record<string, unknown> = {}): string {
  return compactToken(
    { alg: 'RS256', kid: 'key-1', typ: 'JWT' },
    {
      iss: 'https://idp.example.com/realms/Broker',
      sub: 'service-account-billing',
      aud: 'billing-api',
      scope: 'read:api',
      iat: nowS() - 60,
      exp: nowS() + 300,
      ...extra,
    },
    'c2lnbmF0dXJlLWJ5dGVz',
  );
}

function report(outcome: SignatureReportView['outcome'], reason: string): SignatureReportView {
  const verified = outcome === 'verified' ? true : outcome === 'not_checked' ? null : false;
  return {
    checked: outcome !== 'not_checked',
    verified,
    kid: 'key-1',
    alg: 'RS256',
    reason,
    outcome,
    keySource: 'https://idp.example.com/realms/Broker/protocol/openid-connect/certs',
  };
}

async function paste(text: string): Promise<void> {
  fireEvent.change(screen.getByRole('textbox', { name: 'Token to inspect' }), {
    target: { value: text },
  });
  await screen.findByRole('region', { name: 'Token' });
}

beforeEach(() => {
  resetStore();
  useStore.setState({ area: 'inspector' });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Inspector: pasted tokens', () => {
  it('shows an empty state until something is pasted', () => {
    installApi();
    render(<InspectorView />);
    expect(screen.getByRole('heading', { name: 'Nothing to inspect yet' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Paste a token' })).toHaveProperty('checked', true);
  });

  it('lists what it cleaned, explains the claims and keeps lifetime and signature apart', async () => {
    const calls = installApi();
    render(<InspectorView />);
    const token = rsToken();
    await paste(`Bearer ${token.slice(0, 30)}\n${token.slice(30)}`);
    expect(calls['inspector:decode']?.at(-1)).toMatchObject({ skewSeconds: 60 });
    const fixes = screen.getByRole('list', { name: 'Cleaned up the pasted text' });
    expect(fixes.textContent).toContain('Removed the "Bearer" prefix');
    expect(fixes.textContent).toMatch(/Removed 1 space or line break from inside the token/);
    expect(screen.getByTestId('token-kind').textContent).toContain('Signed JWT (JWS)');

    const payload = screen.getByRole('table', { name: 'Payload' });
    const iss = within(payload).getByRole('row', { name: /^iss/ });
    expect(iss.textContent).toContain('https://idp.example.com/realms/Broker');
    expect(iss.textContent).toMatch(/issued/i);
    const exp = within(payload).getByRole('row', { name: /^exp/ });
    expect(exp.textContent).toMatch(/expires in (4 min 5\d s|5 min)/);
    expect(exp.textContent).toMatch(/UTC/);

    const lifetime = screen.getByRole('group', { name: 'Lifetime verdict' });
    const signature = screen.getByRole('group', { name: 'Signature verdict' });
    expect(lifetime.textContent).toContain('Valid');
    expect(signature.textContent).toContain('Not verified');
    expect(signature.textContent).not.toMatch(/valid/i);
    expect(screen.getByText(/says nothing about who wrote the token/)).toBeTruthy();
    expect(screen.getByRole('meter', { name: "Share of the token's lifetime used" })).toBeTruthy();
    expect(screen.getByText(/Clock-skew allowance/)).toBeTruthy();
  });

  it('counts down every second', async () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date'],
    });
    vi.setSystemTime(new Date('2025-03-04T09:00:00Z'));
    installApi();
    render(<InspectorView />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Token to inspect' }), {
      target: { value: rsToken({ exp: nowS() + 252 }) },
    });
    await act(() => vi.advanceTimersByTimeAsync(250));
    const summary = (): string =>
      screen.getByRole('group', { name: 'Lifetime verdict' }).textContent ?? '';
    expect(summary()).toContain('expires in 4 min 11 s');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(summary()).toContain('expires in 4 min 10 s');
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(summary()).toContain('expires in 3 min 10 s');
  });

  it('switches a table to raw JSON and copies a claim value', async () => {
    const user = userEvent.setup();
    installApi();
    render(<InspectorView />);
    await paste(rsToken());
    const toggle = screen.getByRole('button', { name: 'Show payload as raw JSON' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const raw = screen.getByLabelText('Payload as JSON');
    expect(JSON.parse(raw.textContent ?? '')).toMatchObject({ sub: 'service-account-billing' });
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Copy the value of sub' }));
    expect(await navigator.clipboard.readText()).toBe('service-account-billing');
  });

  it('points at the part and character of a corrupt token instead of a blank screen', async () => {
    installApi();
    render(<InspectorView />);
    const [header, payload, signature] = rsToken().split('.');
    const corrupt = `${header}.${payload?.slice(0, 8)}!${payload?.slice(9)}.${signature}`;
    fireEvent.change(screen.getByRole('textbox', { name: 'Token to inspect' }), {
      target: { value: corrupt },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This token could not be decoded');
    expect(alert.textContent).toContain(`offset ${(header?.length ?? 0) + 9}`);
    expect(alert.textContent).toContain('payload');
    expect(alert.querySelector('mark')?.textContent).toBe('!');
  });

  it('recognizes opaque and unsecured tokens for what they are', async () => {
    installApi();
    render(<InspectorView />);
    await paste('2YotnFZFEjr1zCsicMWpAA');
    expect(screen.getByTestId('token-kind').textContent).toContain('Opaque token');
    expect(screen.getByText(/Not a JWT: this provider issues reference tokens/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Payload' })).toBeNull();

    fireEvent.change(screen.getByRole('textbox', { name: 'Token to inspect' }), {
      target: { value: compactToken({ alg: 'none' }, { sub: 'x', exp: nowS() + 60 }, '') },
    });
    await waitFor(() =>
      expect(screen.getByTestId('token-kind').textContent).toContain('Unsecured JWT'),
    );
    const warnings = screen.getByRole('list', { name: 'Warnings' });
    expect(warnings.textContent).toMatch(/Critical.*alg is "none"/);
    expect(screen.getByRole('group', { name: 'Signature verdict' }).textContent).toContain(
      'Not signed',
    );
    expect(screen.queryByRole('button', { name: 'Verify signature' })).toBeNull();
  });
});

describe('Inspector: signature verification', () => {
  it('checks an HMAC secret once, then clears it from the form', async () => {
    const user = userEvent.setup();
    const calls = installApi({
      'inspector:verify': async () => ({
        ok: true,
        value: {
          ...report('verified', 'Signature verified with HMAC secret (utf8).'),
          alg: 'HS256',
        },
      }),
    });
    render(<InspectorView />);
    const token = compactToken({ alg: 'HS256', kid: 'key-1' }, { sub: 'me', exp: nowS() + 600 });
    await paste(token);
    // The HMAC method is preselected for an HS256 token.
    expect(screen.getByRole('radio', { name: 'HMAC secret' })).toHaveProperty('checked', true);
    const secret = screen.getByLabelText('Shared secret');
    expect(secret.getAttribute('type')).toBe('password');
    await user.type(secret, 'top-secret-value');
    await user.click(screen.getByRole('button', { name: 'Verify signature' }));
    await screen.findByTestId('signature-report');
    expect(calls['inspector:verify']).toEqual([
      {
        token,
        source: { type: 'hmac_secret', secret: 'top-secret-value', encoding: 'utf8' },
        refreshKeys: true,
      },
    ]);
    expect((screen.getByLabelText('Shared secret') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('group', { name: 'Signature verdict' }).textContent).toContain(
      'Signature verified',
    );
    expect(JSON.stringify(useStore.getState())).not.toContain('top-secret-value');
  });

  it('verifies against the issuer taken from iss, and reports a missing key plainly', async () => {
    const user = userEvent.setup();
    const calls = installApi({
      'inspector:verify': async () => ({
        ok: true,
        value: report('no_matching_key', 'No key with kid "key-1" for RS256: rotated?'),
      }),
    });
    render(<InspectorView />);
    await paste(rsToken());
    const issuer = screen.getByRole('textbox', { name: 'Issuer URL' }) as HTMLInputElement;
    expect(issuer.value).toBe('https://idp.example.com/realms/Broker');
    expect(screen.getByText(/Taken from the token’s iss claim/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Verify signature' }));
    const result = await screen.findByTestId('signature-report');
    expect(result.textContent).toContain('No matching key');
    expect(result.textContent).toContain('rotated');
    expect(calls['inspector:verify']?.[0]).toMatchObject({
      source: { type: 'issuer', issuer: 'https://idp.example.com/realms/Broker' },
    });
    const verdict = screen.getByRole('group', { name: 'Signature verdict' });
    expect(verdict.textContent).toContain('No matching key');

    // Editing the token drops the verdict: it belonged to the previous text.
    fireEvent.change(screen.getByRole('textbox', { name: 'Token to inspect' }), {
      target: { value: rsToken({ sub: 'other' }) },
    });
    await waitFor(() => expect(screen.queryByTestId('signature-report')).toBeNull());
  });
});

describe('Inspector: automatic verification and the encoded parts', () => {
  const auto =
    (value: Partial<AutoVerifyResult>): FakeHandlers['inspector:auto-verify'] =>
    async () =>
      ok({
        report: null,
        keys: null,
        issuer: 'https://idp.example.com/realms/Broker',
        rememberedJwksUrl: null,
        skipped: null,
        ...value,
      });

  it("verifies a pasted token by itself through its iss's discovery, result at the top", async () => {
    const token = rsToken();
    const calls = installApi({
      'inspector:auto-verify': auto({
        report: report('verified', 'Signature verified with key "key-1" (RS256).'),
        keys: 'issuer_discovery',
      }),
    });
    render(<InspectorView />);
    await paste(token);
    const verdict = screen.getByRole('group', { name: 'Signature verdict' });
    await waitFor(() => expect(verdict.textContent).toContain('Signature verified'));
    expect(verdict.textContent).toContain(
      'Checked by itself with the keys https://idp.example.com/realms/Broker publishes (discovery)',
    );
    expect(calls['inspector:auto-verify']).toEqual([{ token }]);
    expect(screen.getByRole('button', { name: 'Check with other keys' })).toBeTruthy();
    // No sentence sends the reader "below" or "above".
    expect(document.body.textContent).not.toMatch(/\b(below|above)\b/i);
  });

  it('uses the JWKS URL remembered for the issuer, and forgets it on request', async () => {
    const user = userEvent.setup();
    const url = 'https://keys.example.com/broker/jwks.json';
    const calls = installApi({
      'inspector:auto-verify': auto({
        report: { ...report('verified', 'Signature verified.'), keySource: url },
        keys: 'remembered_jwks',
        rememberedJwksUrl: url,
      }),
      'inspector:forget-jwks': async (args) => ok({ issuer: args.issuer }),
    });
    render(<InspectorView />);
    await paste(rsToken());
    const verdict = screen.getByRole('group', { name: 'Signature verdict' });
    await waitFor(() => expect(verdict.textContent).toContain('the JWKS URL remembered for'));
    expect(verdict.textContent).toContain(url);
    await user.click(screen.getByRole('radio', { name: 'JWKS URL' }));
    expect((screen.getByRole('textbox', { name: 'JWKS URL' }) as HTMLInputElement).value).toBe(url);
    await user.click(screen.getByRole('button', { name: 'Forget this JWKS URL' }));
    expect(calls['inspector:forget-jwks']).toEqual([
      { issuer: 'https://idp.example.com/realms/Broker' },
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Forget this JWKS URL' })).toBeNull(),
    );
  });

  it('says why it did not check by itself, and takes the user to the key choice', async () => {
    const user = userEvent.setup();
    installApi({
      'inspector:auto-verify': auto({
        issuer: null,
        skipped: 'The token names no issuer (iss), so its keys are unknown.',
      }),
    });
    render(<InspectorView />);
    await paste(rsToken({ iss: undefined }));
    const verdict = screen.getByRole('group', { name: 'Signature verdict' });
    await waitFor(() => expect(verdict.textContent).toContain('names no issuer'));
    expect(verdict.textContent).toContain('Not verified');
    await user.click(within(verdict).getByRole('button', { name: 'Choose keys' }));
    expect(document.activeElement).toBe(
      screen.getByRole('radio', { name: 'Issuer (discovery document)' }),
    );
  });

  it('colours the three parts and highlights the decoded side of the one picked', async () => {
    const user = userEvent.setup();
    installApi({ 'inspector:auto-verify': auto({ skipped: 'No keys.' }) });
    render(<InspectorView />);
    const token = rsToken();
    await paste(token);
    const encoded = screen.getByTestId('encoded-token');
    const [header, payload, signature] = token.split('.');
    expect(encoded.querySelector('[data-part="header"]')?.textContent).toBe(header);
    expect(encoded.querySelector('[data-part="payload"]')?.textContent).toBe(payload);
    expect(encoded.querySelector('[data-part="signature"]')?.textContent).toBe(signature);
    const card = (name: string): HTMLElement => screen.getByRole('region', { name });
    await user.click(screen.getByRole('button', { name: 'Payload' }));
    expect(card('Payload').dataset.highlighted).toBe('true');
    expect(card('Header').dataset.highlighted).toBeUndefined();
    expect(screen.getByRole('button', { name: 'Payload' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await user.click(encoded.querySelector<HTMLElement>('[data-part="header"]')!);
    expect(card('Header').dataset.highlighted).toBe('true');
    expect(card('Payload').dataset.highlighted).toBeUndefined();
    await user.click(encoded.querySelector<HTMLElement>('[data-part="signature"]')!);
    expect(card('Signature').className).toContain('part-card-on');
    // A second click on the same part clears the highlight.
    await user.click(screen.getByRole('button', { name: 'Signature' }));
    expect(card('Signature').className).not.toContain('part-card-on');
  });
});

describe('Inspector: a connection token', () => {
  const token = rsToken();
  const connectionApi = (extra: FakeHandlers = {}): Calls =>
    installApi({
      'connections:list': async () => ({
        ok: true,
        value: {
          connections: [viewOf('c-2', 'Zeta realm'), viewOf('c-1', 'Axway Broker')],
        },
      }),
      'inspector:inspect-connection': async () => {
        const inspection = inspectToken(token, {
          now: Date.now(),
          expected: { scope: 'read:api write:api' },
        });
        if (!inspection.ok) throw new Error('fixture token did not decode');
        // Through the result schema: withoutRawToken's declared type says the emptied token
        // and signature are strings, where the contract says they are empty.
        return ok(
          contract['inspector:inspect-connection'].result.parse({
            inspection: withoutRawToken(inspection),
            expected: { scope: 'read:api write:api' },
          }),
        );
      },
      'inspector:verify-connection': async () => ({
        ok: true,
        value: report('verified', 'Signature verified with key "key-1" (RS256).'),
      }),
      'tokens:reveal': async () => ({
        ok: true,
        value: {
          accessToken: token,
          tokenType: 'Bearer',
          scope: null,
          expiresAt: null,
          expirySource: 'jwt_exp',
        },
      }),
      ...extra,
    });

  it('inspects the chosen connection, and reveals its token only on an explicit click', async () => {
    const user = userEvent.setup();
    const calls = connectionApi();
    render(<InspectorView />);
    await user.click(screen.getByRole('radio', { name: "A connection's token" }));
    const select = await screen.findByRole('combobox', { name: 'Connection' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a connection…', 'Axway Broker', 'Zeta realm']);
    await user.selectOptions(select, 'c-1');
    await screen.findByRole('region', { name: 'Token' });
    expect(calls['inspector:inspect-connection']).toEqual([
      { connectionId: 'c-1', skewSeconds: 60 },
    ]);
    expect(screen.getByRole('table', { name: 'Payload' }).textContent).toContain(
      'service-account-billing',
    );
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toMatch(/write:api/);
    expect(screen.getByRole('region', { name: 'What the connection asked for' })).toBeTruthy();

    // Nothing so far has asked for the raw token, and it is nowhere on the page.
    expect(calls['tokens:reveal']).toBeUndefined();
    expect(document.body.textContent).not.toContain(token);
    expect(screen.queryByRole('textbox', { name: 'Revealed token' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Reveal token' }));
    const revealed = (await screen.findByRole('textbox', {
      name: 'Revealed token',
    })) as HTMLTextAreaElement;
    expect(revealed.value).toBe(token);
    expect(calls['tokens:reveal']).toEqual([{ connectionId: 'c-1', purpose: 'reveal' }]);
    await user.click(screen.getByRole('button', { name: 'Hide token' }));
    expect(screen.queryByRole('textbox', { name: 'Revealed token' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe(token);
    expect(calls['tokens:reveal']?.at(-1)).toEqual({ connectionId: 'c-1', purpose: 'copy' });
    expect(await screen.findByText('Token copied to the clipboard.')).toBeTruthy();
  });

  it("verifies with the connection's own keys by itself, and again on request", async () => {
    const user = userEvent.setup();
    const calls = connectionApi();
    render(<InspectorView />);
    await user.click(screen.getByRole('radio', { name: "A connection's token" }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Connection' }), 'c-2');
    await screen.findByRole('region', { name: 'Token' });
    // The verdict is at the top without a click: the connection's issuer keys are known.
    const verdict = screen.getByRole('group', { name: 'Signature verdict' });
    await waitFor(() => expect(verdict.textContent).toContain('Signature verified'));
    expect(verdict.textContent).toContain("Checked by itself with the connection's issuer keys");
    expect(calls['inspector:verify-connection']).toEqual([{ connectionId: 'c-2' }]);
    expect(screen.getByRole('radio', { name: "This connection's issuer keys" })).toHaveProperty(
      'checked',
      true,
    );
    await user.click(screen.getByRole('button', { name: 'Verify signature' }));
    expect((await screen.findByTestId('signature-report')).textContent).toContain(
      'Signature verified',
    );
    expect(calls['inspector:verify-connection']).toEqual([
      { connectionId: 'c-2' },
      { connectionId: 'c-2', refreshKeys: true },
    ]);
  });

  it('inspects at once when another screen opened it on a connection', async () => {
    const calls = connectionApi();
    useStore.getState().setInspectorSource('connection');
    useStore.getState().selectConnection('c-2');
    render(<InspectorView />);
    await screen.findByRole('region', { name: 'Token' });
    expect(calls['inspector:inspect-connection']).toEqual([
      { connectionId: 'c-2', skewSeconds: 60 },
    ]);
    expect((screen.getByRole('combobox', { name: 'Connection' }) as HTMLSelectElement).value).toBe(
      'c-2',
    );
  });

  it('says why a connection could not be inspected', async () => {
    const user = userEvent.setup();
    connectionApi({
      'inspector:inspect-connection': async () => ({
        ok: false,
        error: {
          category: 'invalid_client',
          message: 'The token endpoint refused the client credentials.',
          hint: 'Check the client secret.',
        },
      }),
    });
    render(<InspectorView />);
    await user.click(screen.getByRole('radio', { name: "A connection's token" }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Connection' }), 'c-1');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('refused the client credentials');
    expect(alert.textContent).toContain('Check the client secret.');
  });

  it('offers the way to Connections when there are none', async () => {
    const user = userEvent.setup();
    installApi();
    render(<InspectorView />);
    await user.click(screen.getByRole('radio', { name: "A connection's token" }));
    await user.click(await screen.findByRole('button', { name: 'Go to Connections' }));
    expect(useStore.getState().area).toBe('connections');
  });
});
