import type { AppContext } from './app-context.js';
import { appHandlers } from './handlers/app-handlers.js';
import type { HandlerTable } from './ipc/dispatch.js';

/** The handler table shared by the Electron window and browser mode: one factory per domain. */
export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    ...appHandlers(ctx),
  };
}
