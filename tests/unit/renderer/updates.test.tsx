import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '#shared/ipc/contract.js';
import { UpdateBanner, UpdatesSection } from '../../../renderer/src/views/updates.js';
import { installTypedApi, ok } from './typed-api.js';

afterEach(cleanup);

const ready: UpdateStatus = { state: 'ready', version: '2.0.0', checkAutomatically: true };

describe('the update banner', () => {
  it('appears when an update is downloaded and restarts to install it', async () => {
    const fake = installTypedApi({
      'app:update-status': () => ok<UpdateStatus>({ state: 'idle', checkAutomatically: true }),
      'app:install-update': () => ok({ outcome: 'installing' as const }),
    });
    await act(async () => {
      render(<UpdateBanner />);
    });
    expect(screen.queryByText(/ready to install/)).toBeNull();
    await act(async () => fake.emit('app:update-status', ready));
    expect(screen.getByText('Grantline 2.0.0 is ready to install.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Restart to Update' }));
    expect(fake.argsOf('app:install-update')).toEqual([{ force: false }]);
  });

  it('asks before stopping running requests, and restarts only when told to', async () => {
    const fake = installTypedApi({
      'app:update-status': () => ok(ready),
      'app:install-update': ({ force }) =>
        ok(
          force
            ? { outcome: 'installing' as const }
            : { outcome: 'requests-running' as const, running: 2 },
        ),
    });
    await act(async () => {
      render(<UpdateBanner />);
    });
    await userEvent.click(screen.getByRole('button', { name: 'Restart to Update' }));
    expect(screen.getByRole('alert').textContent).toMatch(/2 requests are still running/);
    await userEvent.click(screen.getByRole('button', { name: 'Not Now' }));
    expect(fake.argsOf('app:install-update')).toEqual([{ force: false }]);
    await userEvent.click(screen.getByRole('button', { name: 'Restart to Update' }));
    await userEvent.click(screen.getByRole('button', { name: 'Restart Now' }));
    expect(fake.argsOf('app:install-update')).toEqual([
      { force: false },
      { force: false },
      { force: true },
    ]);
  });
});

describe('the Updates section of Settings', () => {
  it('turns automatic checks off through app:set-update-check', async () => {
    const fake = installTypedApi({
      'app:update-status': () => ok<UpdateStatus>({ state: 'idle', checkAutomatically: true }),
      'app:set-update-check': ({ enabled }) =>
        ok<UpdateStatus>({ state: enabled ? 'idle' : 'disabled', checkAutomatically: enabled }),
    });
    await act(async () => {
      render(<UpdatesSection />);
    });
    const box = screen.getByRole('checkbox', { name: 'Check for updates automatically' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await userEvent.click(box);
    expect(fake.argsOf('app:set-update-check')).toEqual([{ enabled: false }]);
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('update-status').textContent).toBe('Automatic checks are off.');
  });

  it('says browser mode does not update itself, with no setting to change', async () => {
    installTypedApi({
      'app:update-status': () =>
        ok<UpdateStatus>({ state: 'unsupported', checkAutomatically: false }),
    });
    await act(async () => {
      render(<UpdatesSection />);
    });
    expect(screen.getByTestId('update-status').textContent).toMatch(/does not update itself/);
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
