import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api, AppInfo } from '#shared/ipc/contract.js';
import { apiKeys, channels } from '#shared/ipc/contract.js';
import { App } from '../../../renderer/src/app.js';
import { launchKeyFromLocation } from '../../../renderer/src/api/bridge.js';

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

function fakeApi(): Api {
  const api: Record<string, unknown> = { on: () => () => undefined };
  for (const channel of channels) {
    api[channel] = async () => ({
      ok: false,
      error: { category: 'internal', message: `${channel} is not part of this test` },
    });
  }
  api['app:info'] = async () => ({ ok: true, value: info });
  api['connections:list'] = async () => ({ ok: true, value: { connections: [] } });
  expect(Object.keys(api).sort()).toEqual([...apiKeys].sort());
  return api as Api;
}

beforeEach(() => {
  Object.defineProperty(window, 'api', { value: fakeApi(), configurable: true, writable: true });
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
    const api = fakeApi() as unknown as Record<string, unknown>;
    api['app:info'] = async () => ({
      ok: false,
      error: { category: 'network', message: 'Host gone.', hint: 'Restart it.' },
    });
    Object.defineProperty(window, 'api', { value: api, configurable: true, writable: true });
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
