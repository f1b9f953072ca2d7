import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionsView } from '../../../../renderer/src/views/connections/connections-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installFakeApi, statusOf, viewOf } from '../wizard/fake-api.js';

// The connections list: live status from events, and the actions on each row.

beforeEach(() => resetStore());
afterEach(() => cleanup());

async function renderList(): Promise<void> {
  await act(async () => {
    render(<ConnectionsView />);
  });
}

describe('connections list', () => {
  it('shows the empty state with a way into the wizard', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    await renderList();
    expect(screen.getByRole('heading', { name: 'No connections yet' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add a connection' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Choose a platform' })).toBeTruthy();
  });

  it('shows the platform and status, and follows tokens:status-changed live', async () => {
    const { emitStatus } = installFakeApi({
      'connections:list': () => ({
        connections: [viewOf('a', 'Amplience prod'), viewOf('w', 'APK', 'wso2-apk')],
      }),
    });
    await renderList();
    const row = screen.getByRole('listitem', { name: 'Amplience prod' });
    expect(within(row).getByText('Amplience')).toBeTruthy();
    expect(within(row).getByText('· auth.amplience.net')).toBeTruthy();
    expect(within(row).getByText('Never fetched')).toBeTruthy();
    await act(async () => {
      emitStatus(
        statusOf('a', { state: 'valid', expiresAt: new Date(Date.now() + 300_500).toISOString() }),
      );
    });
    expect(within(row).getByText(/^Token valid until .* \(5 min( 0 s)? left\)$/)).toBeTruthy();
    await act(async () => {
      emitStatus(
        statusOf('w', {
          state: 'error',
          error: { category: 'tls', message: 'Self-signed certificate.', hint: 'Pin it.' },
        }),
      );
    });
    const apk = screen.getByRole('listitem', { name: 'APK' });
    expect(within(apk).getByText('Failing')).toBeTruthy();
    expect(within(apk).getByText('Self-signed certificate.')).toBeTruthy();
  });

  it('deletes only after confirmation, saying the secret goes too', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [viewOf('a', 'Amplience prod')] }),
      'connections:delete': (args) => args,
    });
    const user = userEvent.setup();
    await renderList();
    await user.click(screen.getByRole('button', { name: 'Delete Amplience prod' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain(
      'Delete “Amplience prod” and its stored secret? This cannot be undone.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(calls.some((c) => c.channel === 'connections:delete')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Delete Amplience prod' }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    expect(calls.filter((c) => c.channel === 'connections:delete').map((c) => c.args)).toEqual([
      { id: 'a' },
    ]);
    expect(screen.getByRole('heading', { name: 'No connections yet' })).toBeTruthy();
  });

  it('renames, duplicates, tests, and hands a connection to the composer', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [viewOf('a', 'Amplience')] }),
      'connections:rename': () => viewOf('a', 'Amplience prod'),
      'connections:duplicate': () => viewOf('b', 'Amplience prod (copy)'),
      'tokens:fetch': () =>
        statusOf('a', {
          state: 'error',
          error: { category: 'invalid_client', message: 'Rejected.' },
        }),
    });
    const user = userEvent.setup();
    await renderList();
    await user.click(screen.getByRole('button', { name: 'Rename Amplience' }));
    const name = screen.getByLabelText('New name');
    await user.clear(name);
    await user.type(name, 'Amplience prod{Enter}');
    expect(screen.getByRole('listitem', { name: 'Amplience prod' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Duplicate Amplience prod' }));
    expect(screen.getByRole('listitem', { name: 'Amplience prod (copy)' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Test Amplience prod' }));
    expect(calls.find((c) => c.channel === 'tokens:fetch')?.args).toEqual({
      connectionId: 'a',
      force: true,
    });
    expect(
      within(screen.getByRole('listitem', { name: 'Amplience prod' })).getByText('Rejected.'),
    ).toBeTruthy();

    let opened: string | undefined;
    useStore.setState({ openComposerFor: (id: string) => (opened = id) } as never);
    await user.click(screen.getByRole('button', { name: 'Try a request with Amplience prod' }));
    expect(useStore.getState().area).toBe('composer');
    expect(opened).toBe('a');
  });

  it('opens a connection in the inspector', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [viewOf('a', 'Amplience')] }) });
    await renderList();
    await userEvent.click(screen.getByRole('button', { name: 'Open in Inspector: Amplience' }));
    const state = useStore.getState();
    expect(state.area).toBe('inspector');
    expect(state.inspectorSource).toBe('connection');
    expect(state.connectionId).toBe('a');
  });
});
