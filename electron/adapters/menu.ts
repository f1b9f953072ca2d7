import { Menu, type MenuItemConstructorOptions } from 'electron';
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
    submenu: [...(isMac ? [] : updateItems), isMac ? { role: 'close' } : { role: 'quit' }],
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
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { label: 'Grantline Website', click: () => openExternalHttps(HELP_WEBSITE) },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}

/** Install the application menu for this platform. */
export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
