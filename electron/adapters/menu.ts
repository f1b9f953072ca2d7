import { Menu, type MenuItemConstructorOptions } from 'electron';
import { appCommands, appCommandIds, type AppCommandId, type MenuName } from '#shared/commands.js';
import { openExternalHttps } from './external-links.js';

/** Where the Help menu points (package.json `homepage`). */
export const HELP_WEBSITE = 'https://grantline.dev';

interface MenuOptions {
  appName: string;
  isMac: boolean;
  /** Reload and devtools only in development: a reload drops in-memory state (unsent requests). */
  isDev: boolean;
  /** Set once an update is downloaded: adds "Restart to Update" to the app (or File) menu. */
  restartToUpdate?: () => void;
  /** Runs an app command in the window (sends `app:command`); without it the menu has none. */
  runCommand?: (id: AppCommandId) => void;
}

/**
 * The window's commands that belong in `menu` (shared/commands.ts), each sending its id to the
 * window. The accelerator is shown but not registered: the window's own keyboard dispatcher runs
 * the shortcut (in browser mode too), so a key never runs a command twice.
 */
function commandItems(
  menu: MenuName,
  runCommand: ((id: AppCommandId) => void) | undefined,
): MenuItemConstructorOptions[] {
  if (runCommand === undefined) return [];
  return appCommandIds
    .filter((id) => appCommands[id].menu === menu)
    .map((id) => {
      const spec: { title: string; menuLabel?: string; shortcut?: readonly string[] } =
        appCommands[id];
      const accelerator = spec.shortcut?.find((s) => s.includes('+'));
      return {
        id: `command:${id}`,
        label: spec.menuLabel ?? spec.title,
        ...(accelerator === undefined ? {} : { accelerator, registerAccelerator: false }),
        click: () => runCommand(id),
      };
    });
}

/** Items, then a separator, when there are items. */
function section(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.length === 0 ? [] : [...items, { type: 'separator' }];
}

/**
 * The application menu. The Edit menu matters beyond looks: on macOS, copy, paste and select-all
 * keyboard shortcuts only reach a text field when a menu item with that role exists.
 */
export function buildMenuTemplate({
  appName,
  isMac,
  isDev,
  restartToUpdate,
  runCommand,
}: MenuOptions): MenuItemConstructorOptions[] {
  const updateItems: MenuItemConstructorOptions[] = restartToUpdate
    ? [{ label: 'Restart to Update', click: restartToUpdate }, { type: 'separator' }]
    : [];
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      ...updateItems,
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      ...section(commandItems('file', runCommand)),
      ...(isMac ? [] : updateItems),
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...section(commandItems('view', runCommand)),
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const goItems = commandItems('go', runCommand);
  const goMenu: MenuItemConstructorOptions[] =
    goItems.length === 0 ? [] : [{ label: 'Go', submenu: goItems }];
  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...section(commandItems('help', runCommand)),
      { label: 'Grantline Website', click: () => openExternalHttps(HELP_WEBSITE) },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
  return [
    ...(isMac ? [appMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    ...goMenu,
    windowMenu,
    helpMenu,
  ];
}

/** Install the application menu for this platform. */
export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
