/**
 * The app's commands that exist in both the Electron menu and the window's command registry. One
 * list, so the menu and the palette cannot drift: the menu sends the command's id over
 * `app:command`, the window runs it through its registry (renderer/src/commands/).
 *
 * Shortcuts are written as Electron accelerators (`CmdOrCtrl+K`); the window reads the same text.
 */

export type MenuName = 'file' | 'view' | 'go' | 'help';

export interface AppCommandSpec {
  title: string;
  group: string;
  /** The key that runs it; more than one when the palette has two (first one shown). */
  shortcut?: readonly string[];
  /** Which menu of the desktop app carries it (none: palette only). */
  menu?: MenuName;
  /** Shown in the menu instead of the title (e.g. with an ellipsis). */
  menuLabel?: string;
}

export const appCommands = {
  'palette.open': {
    title: 'Show all commands',
    group: 'General',
    shortcut: ['CmdOrCtrl+K', 'CmdOrCtrl+Shift+P'],
    menu: 'view',
    menuLabel: 'Command Palette…',
  },
  'help.shortcuts': {
    title: 'Keyboard shortcuts',
    group: 'General',
    shortcut: ['?', 'CmdOrCtrl+/'],
    menu: 'help',
  },
  'connection.new': {
    title: 'New connection',
    group: 'Connections',
    shortcut: ['CmdOrCtrl+Alt+N'],
    menu: 'file',
    menuLabel: 'New Connection…',
  },
  'request.new': {
    title: 'New request',
    group: 'Composer',
    shortcut: ['CmdOrCtrl+Alt+R'],
    menu: 'file',
    menuLabel: 'New Request',
  },
  'go.connections': {
    title: 'Go to Connections',
    group: 'Go to',
    shortcut: ['Alt+1'],
    menu: 'go',
    menuLabel: 'Connections',
  },
  'go.inspector': {
    title: 'Go to Inspector',
    group: 'Go to',
    shortcut: ['Alt+2'],
    menu: 'go',
    menuLabel: 'Inspector',
  },
  'go.composer': {
    title: 'Go to Composer',
    group: 'Go to',
    shortcut: ['Alt+3'],
    menu: 'go',
    menuLabel: 'Composer',
  },
  'go.settings': {
    title: 'Open settings',
    group: 'Go to',
    shortcut: ['CmdOrCtrl+,'],
    menu: 'go',
    menuLabel: 'Settings',
  },
  'view.toggle-theme': {
    title: 'Toggle light and dark theme',
    group: 'View',
    shortcut: ['CmdOrCtrl+Shift+L'],
    menu: 'view',
    menuLabel: 'Toggle Theme',
  },
  'view.toggle-sidebar': {
    title: 'Collapse or expand the sidebar',
    group: 'View',
    shortcut: ['CmdOrCtrl+Alt+B'],
    menu: 'view',
    menuLabel: 'Toggle Sidebar',
  },
  'app.updates': {
    title: 'Show update status',
    group: 'General',
    menu: 'help',
    menuLabel: 'Update Status…',
  },
} as const satisfies Record<string, AppCommandSpec>;

export type AppCommandId = keyof typeof appCommands;

/** Every command id the menu may send (the window refuses any other). */
export const appCommandIds = Object.keys(appCommands) as AppCommandId[];
