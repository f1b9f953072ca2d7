import { useEffect, useMemo, useState } from 'react';
import { appCommands, type AppCommandId } from '#shared/commands.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { call } from '../api/call.js';
import { focusSoon } from '../components/keyboard.js';
import { useStore } from '../store/store.js';
import { setOverlay, useCommands, useCommandStore, type Command } from './registry.js';

/** An app-level command: title, group and shortcut from shared/commands.ts, so the menu agrees. */
function appCommand(id: AppCommandId, run: () => void | Promise<void>): Command {
  const spec = appCommands[id];
  return {
    id,
    title: spec.title,
    group: spec.group,
    ...('shortcut' in spec ? { shortcut: spec.shortcut } : {}),
    run,
  };
}

/** Follow the OS theme when it is the one showing; otherwise flip to the other. */
function toggleTheme(): void {
  const s = useStore.getState();
  const systemDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const showing = s.theme === 'system' ? (systemDark ? 'dark' : 'light') : s.theme;
  s.setTheme(showing === 'dark' ? 'light' : 'dark');
}

function goTo(area: 'connections' | 'inspector' | 'composer' | 'settings'): void {
  // An open wizard stays as it is: its draft may hold a typed secret.
  useStore.getState().setArea(area);
  focusSoon('main h1');
}

const STATIC: Command[] = [
  appCommand('palette.open', () => setOverlay('palette')),
  appCommand('help.shortcuts', () => setOverlay('shortcuts')),
  appCommand('connection.new', () => {
    const s = useStore.getState();
    s.setArea('connections');
    s.startWizard();
    focusSoon('main h1');
  }),
  appCommand('request.new', () => {
    const s = useStore.getState();
    s.setArea('composer');
    s.newComposerDraft();
    focusSoon('main .url-input', 'main h1');
  }),
  appCommand('go.connections', () => goTo('connections')),
  appCommand('go.inspector', () => goTo('inspector')),
  appCommand('go.composer', () => goTo('composer')),
  appCommand('go.settings', () => goTo('settings')),
  appCommand('view.toggle-theme', toggleTheme),
  appCommand('view.toggle-sidebar', () => useStore.getState().toggleSidebar()),
  appCommand('app.updates', () => {
    useStore.getState().setArea('settings');
    focusSoon('#updates-heading', 'main h1');
  }),
  {
    id: 'view.theme-light',
    title: 'Use the light theme',
    group: 'View',
    run: () => useStore.getState().setTheme('light'),
  },
  {
    id: 'view.theme-dark',
    title: 'Use the dark theme',
    group: 'View',
    run: () => useStore.getState().setTheme('dark'),
  },
  {
    id: 'view.theme-system',
    title: 'Follow the system theme',
    group: 'View',
    run: () => useStore.getState().setTheme('system'),
  },
  {
    id: 'inspector.paste',
    title: 'Decode a pasted token',
    group: 'Inspector',
    keywords: ['jwt', 'decode', 'verify'],
    run: () => {
      const s = useStore.getState();
      s.setInspectorSource('paste');
      s.setArea('inspector');
      focusSoon('main textarea', 'main h1');
    },
  },
];

type SavedRequest = ChannelResult<'requests:context'>['saved'][number] & {
  connectionName: string;
};

/** Commands on each saved connection: test, inspect, try a request, edit, use in the composer. */
function connectionCommands(connections: { id: string; name: string }[]): Command[] {
  return connections.flatMap(({ id, name }): Command[] => [
    {
      id: `connection.test:${id}`,
      title: `Test “${name}”`,
      group: 'Connections',
      keywords: ['fetch', 'token', 'test connection'],
      run: async () => {
        const s = useStore.getState();
        s.setArea('connections');
        s.showConnectionsList();
        await s.testSaved(id);
      },
    },
    {
      id: `connection.inspect:${id}`,
      title: `Open “${name}” in the Inspector`,
      group: 'Connections',
      keywords: ['token', 'decode', 'inspect'],
      run: () => {
        useStore.getState().openInInspector(id);
        focusSoon('main h1');
      },
    },
    {
      id: `connection.try:${id}`,
      title: `Try a request on “${name}”`,
      group: 'Connections',
      keywords: ['composer', 'request', 'call'],
      run: () => {
        useStore.getState().tryRequest(id);
        focusSoon('main h1');
      },
    },
    {
      id: `connection.edit:${id}`,
      title: `Edit “${name}”`,
      group: 'Connections',
      keywords: ['settings', 'change'],
      run: async () => {
        const s = useStore.getState();
        s.setArea('connections');
        await s.editConnection(id);
        focusSoon('main h1');
      },
    },
    {
      id: `composer.use:${id}`,
      title: `Switch the Composer to “${name}”`,
      group: 'Composer',
      keywords: ['connection', 'switch'],
      run: async () => {
        const s = useStore.getState();
        s.setArea('composer');
        await s.selectComposerConnection(id);
        focusSoon('main h1');
      },
    },
  ]);
}

function savedRequestCommands(saved: SavedRequest[]): Command[] {
  return saved.map((r): Command => ({
    id: `request.open:${r.connectionId}:${r.id}`,
    title: `Open “${r.name}”`,
    group: `Saved requests · ${r.connectionName}`,
    keywords: ['saved request', r.draft.url],
    run: async () => {
      const s = useStore.getState();
      s.setArea('composer');
      await s.selectComposerConnection(r.connectionId);
      useStore.getState().loadComposerDraft(r.draft, { kind: 'saved', id: r.id, name: r.name });
      focusSoon('main h1');
    },
  }));
}

/**
 * Registers the app-level commands, one set per saved connection, and one per saved request
 * (read when the palette opens, so it lists what was saved since).
 */
export function useAppCommands(): void {
  useCommands(STATIC);
  const connections = useStore((s) => s.savedConnections);
  const overlay = useCommandStore((s) => s.overlay);
  const [saved, setSaved] = useState<SavedRequest[]>([]);

  useEffect(() => {
    if (overlay !== 'palette') return undefined;
    let live = true;
    const s = useStore.getState();
    if (s.savedConnections === null) void s.loadSavedConnections();
    const list = connections ?? [];
    void Promise.all(
      list.map(async ({ connection }) => {
        const result = await call('requests:context', { connectionId: connection.id });
        return result.ok
          ? result.value.saved.map((r) => ({ ...r, connectionName: connection.name }))
          : [];
      }),
    ).then((lists) => {
      if (live) setSaved(lists.flat());
    });
    return () => {
      live = false;
    };
  }, [overlay, connections]);

  const perConnection = useMemo(
    () =>
      connectionCommands(
        (connections ?? []).map((v) => ({ id: v.connection.id, name: v.connection.name })),
      ),
    [connections],
  );
  useCommands(perConnection);
  const perRequest = useMemo(() => savedRequestCommands(saved), [saved]);
  useCommands(perRequest);
}
