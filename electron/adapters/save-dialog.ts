import { basename, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';

/**
 * The desktop app's "save as": a native save dialog attached to the main window, starting in the
 * Downloads folder with the name the page suggests (reduced to a bare file name, so the page
 * cannot point it at another folder). Resolves to the chosen path, or undefined when cancelled.
 */
export function createSaveDialogChooser(
  getWindow: () => BrowserWindow | undefined,
): (suggestedName: string) => Promise<string | undefined> {
  return async (suggestedName) => {
    const name = basename(suggestedName.replace(/[\\/]/g, '_')) || 'response';
    const options = { defaultPath: join(app.getPath('downloads'), name) };
    const win = getWindow();
    const result =
      win && !win.isDestroyed()
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };
}
