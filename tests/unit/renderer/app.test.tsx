import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '#shared/ipc/contract.js';
import { App } from '../../../renderer/src/app.js';
import { launchKeyFromLocation } from '../../../renderer/src/api/bridge.js';
import { installTypedApi, ok, type FakeHandlers } from './typed-api.js';

const info: AppInfo = {
  name: 'Grantline',
  version: '1.2.3',
  mode: 'electron',
  dataDir: '/home/me/.config/Grantline',
  platform: 'linux',
  secretProtection: {
    backend: 'basic_text',
    label: 'Electron safeStorage',
    secure: false,
    warning: 'No OS keyring was found; secrets are only obfuscated.',
  },
  notices: [{ level: 'warning', message: 'connections.json was corrupt and was moved aside.' }],
};

/** What the shell asks for on start; every other channel answers "not faked". */
const shellHandlers = {
  'app:info': () => ok(info),
  'connections:list': () => ok({ connections: [] }),
} satisfies FakeHandlers;

beforeEach(() => {
  installTypedApi(shellHandlers);
});
afterEach(() => {
  cleanup();
  delete document.documentElement.dataset.ready;
});

describe('App shell', () => {
  it('shows the three areas, signals readiness, and warns when secrets are not OS-protected', async () => {
    await act(async () => {
      render(<App />);
    });
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    for (const name of ['Connections', 'Inspector', 'Composer', 'Settings']) {
      expect(within(nav).getByRole('button', { name })).toBeTruthy();
    }
    expect(document.documentElement.dataset.ready).toBe('true');
    expect(screen.getByText(/Secrets are not protected by the operating system/)).toBeTruthy();
    expect(screen.getByText(/connections.json was corrupt/)).toBeTruthy();
  });

  it('shows version, mode and secret backend in Settings', async () => {
    await act(async () => {
      render(<App />);
    });
    await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(screen.getByText('1.2.3')).toBeTruthy();
    expect(screen.getByText('Desktop app (Electron)')).toBeTruthy();
    expect(screen.getByText('(basic_text)')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Theme' })).toBeTruthy();
  });

  it('reports a failed app:info instead of showing a blank screen', async () => {
    installTypedApi({
      ...shellHandlers,
      'app:info': () => ({
        ok: false,
        error: { category: 'network', message: 'Host gone.', hint: 'Restart it.' },
      }),
    });
    await act(async () => {
      render(<App />);
    });
    expect(screen.getByRole('alert').textContent).toContain('Host gone.');
    expect(document.documentElement.dataset.ready).toBe('error');
  });
});

describe('launch key', () => {
  it('is read from the URL fragment', () => {
    expect(launchKeyFromLocation('#key=abc_DEF-123')).toBe('abc_DEF-123');
    expect(launchKeyFromLocation('')).toBeUndefined();
    expect(launchKeyFromLocation('#other=1')).toBeUndefined();
  });
});
