import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionView } from '#shared/ipc/contract.js';
import { ConnectionsView } from '../../../../renderer/src/views/connections/connections-view.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installFakeApi, statusOf, viewOf } from '../wizard/fake-api.js';

// The connections list: compact rows with live status, search, sort and grouping, the row menu
// (button, right-click, keyboard) and the detail pane with every action.

beforeEach(() => resetStore());
afterEach(() => cleanup());

async function renderList(): Promise<void> {
  await act(async () => {
    render(<ConnectionsView />);
  });
}

const rowNames = (): string[] =>
  screen.getAllByRole('listitem').map((li) => li.querySelector('.cl-row-name')?.textContent ?? '');

function withStatus(view: ConnectionView, over: Partial<ConnectionView['status']>): ConnectionView {
  return { ...view, status: { ...view.status, ...over } };
}

describe('connections list', () => {
  it('shows the empty state with a way into the wizard', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [] }) });
    await renderList();
    expect(screen.getByRole('heading', { name: 'No connections yet' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add a connection' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Choose a platform' })).toBeTruthy();
  });

  it('shows platform, host and status per row, and follows tokens:status-changed live', async () => {
    const { emitStatus } = installFakeApi({
      'connections:list': () => ({
        connections: [viewOf('a', 'Amplience prod'), viewOf('w', 'APK', 'wso2-apk')],
      }),
    });
    await renderList();
    const row = screen.getByRole('listitem', { name: 'Amplience prod' });
    expect(within(row).getByText('Amplience')).toBeTruthy();
    expect(within(row).getByText('auth.amplience.net')).toBeTruthy();
    expect(within(row).getByText('Never fetched')).toBeTruthy();
    await act(async () => {
      emitStatus(
        statusOf('a', { state: 'valid', expiresAt: new Date(Date.now() + 300_500).toISOString() }),
      );
    });
    expect(within(row).getByText(/^5 min( 0 s)? left$/)).toBeTruthy();
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
    // The detail pane says why, with the hint.
    await userEvent.click(within(apk).getByRole('button', { name: 'APK' }));
    const pane = screen.getByRole('region', { name: 'APK' });
    expect(within(pane).getByText('Self-signed certificate.')).toBeTruthy();
    expect(within(pane).getByText('Pin it.')).toBeTruthy();
  });

  it('searches, sorts and groups by platform', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    installFakeApi({
      'connections:list': () => ({
        connections: [
          withStatus(viewOf('c', 'Charlie'), { state: 'valid', expiresAt: later }),
          withStatus(viewOf('a', 'alpha', 'wso2-apk'), { state: 'error' }),
          withStatus(viewOf('b', 'Bravo'), { state: 'valid', expiresAt: soon }),
        ],
      }),
    });
    const user = userEvent.setup();
    await renderList();
    expect(rowNames()).toEqual(['alpha', 'Bravo', 'Charlie']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'expiry');
    expect(rowNames()).toEqual(['Bravo', 'Charlie', 'alpha']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'status');
    expect(rowNames()[0]).toBe('alpha');

    await user.type(screen.getByRole('searchbox', { name: 'Search connections' }), 'amplience');
    expect(rowNames()).toEqual(['Bravo', 'Charlie']);
    expect(screen.getByText('2 of 3 connections match “amplience”')).toBeTruthy();
    await user.clear(screen.getByRole('searchbox', { name: 'Search connections' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search connections' }), 'nothing');
    expect(screen.getByText(/No connection matches/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear the search' }));

    await user.click(screen.getByRole('checkbox', { name: 'Group by platform' }));
    expect(screen.getByRole('list', { name: 'Amplience connections' })).toBeTruthy();
    const wso2 = screen
      .getAllByRole('list')
      .find((l) => /WSO2/.test(l.getAttribute('aria-label') ?? ''));
    expect(wso2 && within(wso2).getByText('alpha')).toBeTruthy();
  });

  it('moves through rows with the arrow keys and opens the detail with Enter', async () => {
    installFakeApi({
      'connections:list': () => ({
        connections: [viewOf('a', 'Alpha'), viewOf('b', 'Bravo'), viewOf('c', 'Charlie')],
      }),
    });
    const user = userEvent.setup();
    await renderList();
    const main = (name: string): HTMLElement =>
      within(screen.getByRole('listitem', { name })).getByRole('button', { name });
    main('Alpha').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(main('Charlie'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(main('Alpha'));
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByRole('region', { name: 'Bravo' })).toBeTruthy();
    expect(main('Bravo').getAttribute('aria-current')).toBe('true');
    // Esc closes the pane and gives the focus back to the row.
    screen.getByRole('button', { name: 'Close details' }).focus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Bravo' })).toBeNull();
    expect(document.activeElement).toBe(main('Bravo'));
  });

  it('runs every action from the ⋯ menu, with arrow keys and Esc', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [viewOf('a', 'Amplience')] }),
      'connections:duplicate': () => viewOf('b', 'Amplience (copy)'),
      'tokens:fetch': () => statusOf('a', { state: 'valid', tokenType: 'Bearer' }),
    });
    const user = userEvent.setup();
    await renderList();
    const more = screen.getByRole('button', { name: 'More actions for Amplience' });
    await user.click(more);
    const menu = screen.getByRole('menu', { name: 'Actions for Amplience' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual([
      'Test',
      'Try a request',
      'Open in Inspector',
      'Edit…',
      'Duplicate',
      'Rename…F2',
      'Delete…Del',
    ]);
    expect(document.activeElement?.textContent).toBe('Test');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Delete…Del');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(more);

    await user.click(more);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{Enter}');
    expect(calls.some((c) => c.channel === 'connections:duplicate')).toBe(true);
    expect(screen.getByRole('listitem', { name: 'Amplience (copy)' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'More actions for Amplience' }));
    await user.click(screen.getByRole('menuitem', { name: 'Test' }));
    expect(calls.find((c) => c.channel === 'tokens:fetch')?.args).toEqual({
      connectionId: 'a',
      force: true,
    });
  });

  it('opens the same menu on right-click', async () => {
    installFakeApi({ 'connections:list': () => ({ connections: [viewOf('a', 'Amplience')] }) });
    const user = userEvent.setup();
    await renderList();
    await user.pointer({
      keys: '[MouseRight]',
      target: screen.getByRole('listitem', { name: 'Amplience' }),
    });
    const menu = screen.getByRole('menu', { name: 'Actions for Amplience' });
    await user.click(within(menu).getByRole('menuitem', { name: 'Open in Inspector' }));
    const state = useStore.getState();
    expect(state.area).toBe('inspector');
    expect(state.inspectorSource).toBe('connection');
    expect(state.connectionId).toBe('a');
  });

  it('deletes only after confirmation that focuses "Keep it", saying the secret goes too', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({
        connections: [viewOf('a', 'Amplience prod'), viewOf('b', 'Bravo')],
      }),
      'connections:delete': (args) => args,
    });
    const user = userEvent.setup();
    await renderList();
    const row = screen.getByRole('listitem', { name: 'Amplience prod' });
    within(row).getByRole('button', { name: 'Amplience prod' }).focus();
    await user.keyboard('{Delete}');
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain(
      'Delete “Amplience prod” and its stored secret? This cannot be undone.',
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.some((c) => c.channel === 'connections:delete')).toBe(false);

    const pane = screen.getByRole('region', { name: 'Amplience prod' });
    await user.click(within(pane).getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    expect(calls.filter((c) => c.channel === 'connections:delete').map((c) => c.args)).toEqual([
      { id: 'a' },
    ]);
    expect(screen.queryByRole('listitem', { name: 'Amplience prod' })).toBeNull();
    // Focus goes to the neighbouring row, not to the page.
    expect(document.activeElement).toBe(
      within(screen.getByRole('listitem', { name: 'Bravo' })).getByRole('button', {
        name: 'Bravo',
      }),
    );
  });

  it('renames, tests with a report in the detail pane, edits and hands over to the composer', async () => {
    const { calls } = installFakeApi({
      'connections:list': () => ({ connections: [viewOf('a', 'Amplience')] }),
      'connections:rename': () => viewOf('a', 'Amplience prod'),
      'tokens:fetch': () =>
        statusOf('a', {
          state: 'error',
          error: { category: 'invalid_client', message: 'Rejected.', hint: 'Check the secret.' },
        }),
    });
    const user = userEvent.setup();
    await renderList();
    await user.click(screen.getByRole('button', { name: 'Amplience' }));
    let pane = screen.getByRole('region', { name: 'Amplience' });
    expect(within(pane).getByText('Not tested since Grantline started.')).toBeTruthy();
    expect(within(pane).getByText('a-client')).toBeTruthy();
    await user.click(within(pane).getByRole('button', { name: 'Rename' }));
    const name = screen.getByLabelText('New name');
    await user.clear(name);
    await user.type(name, 'Amplience prod{Enter}');
    expect(screen.getByRole('listitem', { name: 'Amplience prod' })).toBeTruthy();
    pane = screen.getByRole('region', { name: 'Amplience prod' });
    await user.click(within(pane).getByRole('button', { name: 'Test' }));
    expect(calls.find((c) => c.channel === 'tokens:fetch')?.args).toEqual({
      connectionId: 'a',
      force: true,
    });
    expect(within(pane).getByText(/^Failed at/)).toBeTruthy();
    expect(within(pane).getAllByText('Check the secret.').length).toBeGreaterThan(0);

    let edited: string | undefined;
    useStore.setState({ editConnection: async (id: string) => void (edited = id) } as never);
    await user.click(within(pane).getByRole('button', { name: 'Edit' }));
    expect(edited).toBe('a');

    let opened: string | undefined;
    useStore.setState({ openComposerFor: (id: string) => (opened = id) } as never);
    await user.click(screen.getByRole('button', { name: 'Try a request with Amplience prod' }));
    expect(useStore.getState().area).toBe('composer');
    expect(opened).toBe('a');
  });
});
