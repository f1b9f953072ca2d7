import type { StoreState } from '../../store/store.js';

/**
 * The composer's keyboard shortcuts, in one table so they can be listed (help, command palette)
 * and handled by one listener. `Mod` is Ctrl, or Cmd on macOS. In browser mode the browser keeps
 * some of these for itself (Ctrl+T, Ctrl+W, Ctrl+Tab); the tab bar's buttons do the same.
 */
export interface Shortcut {
  id: string;
  /** As shown to the user, e.g. `Mod+Shift+T`. */
  keys: string;
  description: string;
  matches: (event: KeyboardEvent) => boolean;
  run: (store: StoreState, event: KeyboardEvent) => void;
}

const mod = (event: KeyboardEvent): boolean => event.ctrlKey || event.metaKey;
const key = (event: KeyboardEvent, name: string): boolean =>
  event.key.toLowerCase() === name.toLowerCase();

export const composerShortcuts: readonly Shortcut[] = [
  {
    id: 'tab.new',
    keys: 'Mod+T',
    description: 'New request tab',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && key(e, 't'),
    run: (s) => s.newComposerTab(),
  },
  {
    id: 'tab.reopen',
    keys: 'Mod+Shift+T',
    description: 'Reopen the last closed tab',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && key(e, 't'),
    run: (s) => s.reopenComposerTab(),
  },
  {
    id: 'tab.close',
    keys: 'Mod+W',
    description: 'Close the tab (asks first when it has unsaved changes)',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && key(e, 'w'),
    run: (s) => void s.closeComposerTab(s.composer.activeTab),
  },
  {
    id: 'tab.next',
    keys: 'Mod+Tab',
    description: 'Next tab',
    matches: (e) => mod(e) && !e.shiftKey && (key(e, 'Tab') || key(e, 'PageDown')),
    run: (s) => s.cycleComposerTab(1),
  },
  {
    id: 'tab.previous',
    keys: 'Mod+Shift+Tab',
    description: 'Previous tab',
    matches: (e) => mod(e) && ((e.shiftKey && key(e, 'Tab')) || (!e.shiftKey && key(e, 'PageUp'))),
    run: (s) => s.cycleComposerTab(-1),
  },
  {
    id: 'tab.goto',
    keys: 'Mod+1…9',
    description: 'Go to tab 1 to 8; 9 is the last tab',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && /^[1-9]$/.test(e.key),
    run: (s, e) => gotoTab(s, Number(e.key)),
  },
  {
    id: 'request.save',
    keys: 'Mod+S',
    description: 'Save the request to its file (or Save as… for a new one)',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && key(e, 's'),
    run: (s) => {
      if (s.composer.origin.kind === 'file') void saveToFile(s);
      else s.setComposerSaveAs(true);
    },
  },
  {
    id: 'sidebar.toggle',
    keys: 'Mod+B',
    description: 'Show or hide the sidebar',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && key(e, 'b'),
    run: (s) => s.setPaneLayout({ sidebarCollapsed: !s.workspace.layout.sidebarCollapsed }),
  },
];

/** Save the active tab over its file and say so (or why not). */
export async function saveToFile(store: StoreState): Promise<void> {
  const error = await store.saveComposerTab();
  if (error === null) store.showToast('Saved.', 'success');
  else store.showToast(error.message, 'error');
}

/** The shortcut an event means, if any. */
export function shortcutFor(event: KeyboardEvent): Shortcut | undefined {
  return composerShortcuts.find((s) => s.matches(event));
}

/** Go to tab `n` (1-based); 9 is always the last tab, as in browsers. */
function gotoTab(store: StoreState, n: number): void {
  const { tabs } = store.composer;
  const id = n === 9 ? tabs.at(-1) : tabs[n - 1];
  if (id !== undefined) store.activateComposerTab(id);
}
