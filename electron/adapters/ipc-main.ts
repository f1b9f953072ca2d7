import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { IpcResult } from '#shared/errors.js';
import { channels, eventIpcChannel } from '#shared/ipc/contract.js';
import type { EventBus } from '../core/events.js';
import { dispatch, type HandlerTable } from '../core/ipc/dispatch.js';
import { isAppUrl } from './app-url.js';

/** What the IPC registration needs: the handler table, the event bus and the one window. */
export interface IpcMainOptions {
  handlers: HandlerTable;
  events: EventBus;
  /** The current main window, if any (it can be closed and re-created on macOS). */
  getWindow: () => BrowserWindow | undefined;
}

/**
 * True only when the call comes from our main window's top frame while it shows our own page.
 * A subframe, another window, or a page that somehow navigated elsewhere is refused, because the
 * handlers act with the user's secrets and must only ever answer the Grantline UI.
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  win: BrowserWindow | undefined,
): boolean {
  if (!win || win.isDestroyed()) return false;
  if (event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  const main = win.webContents.mainFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

const FORBIDDEN: IpcResult<never> = {
  ok: false,
  error: {
    category: 'forbidden',
    message: 'This request did not come from the Grantline window and was refused.',
  },
};

/**
 * Register every channel of the contract through one wrapper (sender check, then the shared
 * dispatcher, which validates arguments and results and never throws), and forward core events
 * to the window. Returns a function that undoes both.
 */
export function registerIpcMain({ handlers, events, getWindow }: IpcMainOptions): () => void {
  for (const channel of channels) {
    // Only the first argument is read: the preload sends exactly one, and extra ones are ignored.
    ipcMain.handle(channel, async (event, rawArgs: unknown) => {
      if (!isTrustedSender(event, getWindow())) return FORBIDDEN;
      return dispatch(handlers, channel, rawArgs, { transport: 'electron' });
    });
  }
  const unsubscribe = events.subscribe((name, payload) => {
    const win = getWindow();
    // Events go to our own page only, never to whatever a failed navigation guard let in.
    if (!win || win.isDestroyed() || !isAppUrl(win.webContents.getURL())) return;
    win.webContents.send(eventIpcChannel(name), payload);
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    unsubscribe();
  };
}
