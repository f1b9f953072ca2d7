import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { emptyDraft, type ExchangeResult, type RequestDraft } from '#shared/requests/schemas.js';
import type { WorkspaceSession } from '#shared/workspace/session.js';
import { composerTab, tabTitle } from '../../../../renderer/src/store/slices/composer-slice.js';
import { useStore } from '../../../../renderer/src/store/store.js';
import { resetStore } from '../reset-store.js';
import { installTypedApi, ok, type FakeApi, type FakeHandlers } from '../typed-api.js';
import { viewOf } from '../wizard/fake-api.js';

const draftOf = (url: string): RequestDraft => ({ ...emptyDraft(), url });

function contextFor(connectionId: string): ChannelResult<'requests:context'> {
  return {
    connectionId,
    connectionName: connectionId === 'c1' ? 'Central' : 'Support',
    presetId: 'axway-platform',
    presetName: 'Axway Amplify Platform',
    variables: [
      {
        name: 'baseUrl',
        value: `https://${connectionId}.test`,
        source: 'connection',
        description: '',
      },
    ],
    catalog: [
      {
        id: `${connectionId}-list`,
        name: `${connectionId} list`,
        description: '',
        docUrl: null,
        draft: draftOf('{{baseUrl}}/list'),
      },
    ],
    saved: [],
    last: null,
  };
}

function exchange(requestId: string, responseId: string): ExchangeResult {
  return {
    requestId,
    historyId: 'h1',
    url: 'https://c1.test/list',
    method: 'GET',
    response: {
      responseId,
      status: 200,
      statusText: 'OK',
      headers: [],
      url: 'https://c1.test/list',
      contentType: null,
      bodyKind: 'empty',
      size: 0,
      wireSize: 0,
      decoded: null,
      insecureTls: false,
    },
    error: null,
    timings: { token: 1, dns: null, connect: 1, tls: null, ttfb: 1, download: 1, total: 4 },
    timeline: [],
    retried: false,
  };
}

function install(extra: FakeHandlers = {}): FakeApi {
  return installTypedApi({
    'connections:list': () =>
      ok({
        connections: [
          viewOf('c1', 'Central', 'axway-platform'),
          viewOf('c2', 'Support', 'axway-platform'),
        ],
      }),
    'requests:context': ({ connectionId }) => ok(contextFor(connectionId)),
    'requests:history': () => ok({ entries: [], total: 0 }),
    'requests:remember': () => ok({ remembered: true }),
    'requests:release': () => ok({ released: true }),
    'requests:cancel': () => ok({ cancelled: true }),
    'workspace:save-session': () => ok({ saved: true as const }),
    ...extra,
  });
}

const state = () => useStore.getState();
const composer = () => state().composer;

beforeEach(() => {
  resetStore();
  localStorage.clear();
});
afterEach(() => vi.useRealTimers());

async function loaded(): Promise<void> {
  await state().loadComposerConnections();
  await vi.waitFor(() => expect(composer().context?.connectionId).toBe(composer().connectionId));
}

describe('composer tabs', () => {
  it('opens tabs with their own connection and draft, marks edits dirty, and switches back', async () => {
    install();
    await loaded();
    expect(composer().tabs).toHaveLength(1);
    state().setComposerUrl('{{baseUrl}}/first');
    expect(composer().edited).toBe(true);
    const first = composer().activeTab;

    state().newComposerTab('c2');
    await vi.waitFor(() => expect(composer().context?.connectionId).toBe('c2'));
    expect(composer().tabs).toHaveLength(2);
    expect(composer().edited).toBe(false);
    expect(composer().draft.url).toBe('{{baseUrl}}/');

    // The first tab is parked with its draft and its dirty marker.
    const parked = composerTab(composer(), first)!;
    expect(parked.draft.url).toBe('{{baseUrl}}/first');
    expect(parked.edited).toBe(true);
    expect(parked.connectionId).toBe('c1');

    state().cycleComposerTab(1);
    expect(composer().activeTab).toBe(first);
    expect(composer().draft.url).toBe('{{baseUrl}}/first');
    expect(composer().connectionId).toBe('c1');
  });

  it('closes a clean tab at once, asks before closing a dirty one, and reopens it', async () => {
    install();
    await loaded();
    state().newComposerTab();
    const clean = composer().activeTab;
    expect(state().closeComposerTab(clean)).toBe('closed');
    expect(composer().tabs).toHaveLength(1);

    const dirty = composer().activeTab;
    state().setComposerUrl('{{baseUrl}}/unsaved');
    expect(state().closeComposerTab(dirty)).toBe('confirm');
    expect(composer().closePrompt).toBe(dirty);
    expect(composer().tabs).toEqual([dirty]);
    state().cancelComposerClose();
    expect(composer().closePrompt).toBeNull();

    expect(state().closeComposerTab(dirty, true)).toBe('closed');
    // The last tab closed: a fresh one takes its place.
    expect(composer().tabs).toHaveLength(1);
    expect(composer().activeTab).not.toBe(dirty);
    expect(composer().draft.url).toBe('{{baseUrl}}/');

    state().reopenComposerTab();
    expect(composer().tabs).toHaveLength(2);
    expect(composer().draft.url).toBe('{{baseUrl}}/unsaved');
    expect(composer().edited).toBe(true);
  });

  it('keeps a response for the tab that sent it while another tab is shown', async () => {
    let finish: (value: ExchangeResult) => void = () => undefined;
    install({
      'requests:send': ({ requestId }) =>
        new Promise((resolve) => {
          finish = (value) => resolve(ok(value));
          void requestId;
        }),
    });
    await loaded();
    const sender = composer().activeTab;
    const sending = state().sendComposerRequest();
    const requestId = composer().running!.requestId;
    state().newComposerTab('c2');
    finish(exchange(requestId, 'resp-000001'));
    await sending;
    expect(composer().exchange).toBeNull();
    expect(composerTab(composer(), sender)?.exchange?.requestId).toBe(requestId);
    expect(composerTab(composer(), sender)?.running).toBeNull();
    state().activateComposerTab(sender);
    expect(composer().exchange?.response?.responseId).toBe('resp-000001');
  });

  it('keeps the response when the tab switches connection', async () => {
    install({
      'requests:send': ({ requestId }) => ok(exchange(requestId, 'resp-000002')),
    });
    await loaded();
    await state().sendComposerRequest();
    expect(composer().exchange).not.toBeNull();
    await state().selectComposerConnection('c2');
    expect(composer().connectionId).toBe('c2');
    expect(composer().exchange?.response?.responseId).toBe('resp-000002');
  });

  it('restores the saved tabs, their drafts and the active one; saves them again after edits', async () => {
    const session: WorkspaceSession = {
      tabs: [
        {
          id: 'tab-a',
          connectionId: 'c1',
          draft: draftOf('{{baseUrl}}/a'),
          variables: [],
          origin: { kind: 'file', path: 'a.yaml', name: 'A' },
          edited: false,
        },
        {
          id: 'tab-b',
          connectionId: 'c2',
          draft: draftOf('{{baseUrl}}/b'),
          variables: [{ name: 'x', value: '1', enabled: true }],
          origin: { kind: 'new' },
          edited: true,
        },
        {
          id: 'tab-gone',
          connectionId: 'deleted-connection',
          draft: draftOf('https://gone.test/'),
          variables: [],
          origin: { kind: 'new' },
          edited: false,
        },
      ],
      activeTab: 'tab-b',
      environment: 'staging',
      layout: { sidebarWidth: 300, requestShare: 0.6, sidebarCollapsed: false },
    };
    const fake = install({ 'workspace:session': () => ok(session) });
    await loaded();
    // A tab of a connection that no longer exists is dropped.
    expect(composer().tabs).toEqual(['tab-a', 'tab-b']);
    expect(composer().activeTab).toBe('tab-b');
    expect(composer().draft.url).toBe('{{baseUrl}}/b');
    expect(composer().variables).toEqual([{ name: 'x', value: '1', enabled: true }]);
    expect(composer().edited).toBe(true);
    expect(tabTitle(composerTab(composer(), 'tab-a')!)).toBe('A');
    expect(state().workspace.environment).toBe('staging');
    expect(state().workspace.layout.sidebarWidth).toBe(300);

    state().setComposerUrl('{{baseUrl}}/b2');
    await vi.waitFor(() => expect(fake.argsOf('workspace:save-session').length).toBeGreaterThan(0));
    const saved = fake.argsOf('workspace:save-session').at(-1)!;
    expect(saved.activeTab).toBe('tab-b');
    expect(saved.environment).toBe('staging');
    expect(saved.tabs.map((t) => [t.id, t.draft.url])).toEqual([
      ['tab-a', '{{baseUrl}}/a'],
      ['tab-b', '{{baseUrl}}/b2'],
    ]);
  });

  it('lets a clean file tab follow its file on disk, and offers a reload to a dirty one', async () => {
    let onDisk = draftOf('{{baseUrl}}/v1');
    install({
      'workspace:read-request': ({ path }) =>
        ok({ path, name: 'List', connectionId: 'c1', draft: onDisk }),
      'workspace:open': () =>
        ok({ root: '/w', name: 'W', tree: [], environments: [], problems: [] }),
    });
    await loaded();
    expect(await state().openWorkspaceRequest('list.yaml')).toBeNull();
    expect(composer().origin).toEqual({ kind: 'file', path: 'list.yaml', name: 'List' });

    onDisk = draftOf('{{baseUrl}}/v2');
    state().workspaceChanged({ root: '/w', changes: [{ path: 'list.yaml', change: 'changed' }] });
    await vi.waitFor(() => expect(composer().draft.url).toBe('{{baseUrl}}/v2'));
    expect(composer().edited).toBe(false);

    state().setComposerUrl('{{baseUrl}}/mine');
    onDisk = draftOf('{{baseUrl}}/v3');
    state().workspaceChanged({ root: '/w', changes: [{ path: 'list.yaml', change: 'changed' }] });
    await vi.waitFor(() => expect(composer().diskChange).toBe('changed'));
    expect(composer().draft.url).toBe('{{baseUrl}}/mine');
    await state().reloadComposerTabFile(composer().activeTab);
    expect(composer().draft.url).toBe('{{baseUrl}}/v3');
    expect(composer().diskChange).toBeNull();
  });
});
