import type { AppContext } from './app-context.js';
import type { HandlerTable } from './ipc/dispatch.js';

/** The handler table shared by the Electron window and browser mode. */
export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    'app:info': async () => ({
      name: 'Grantline' as const,
      version: ctx.version,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      platform: ctx.platform,
      secretProtection: ctx.secretProtection,
    }),
  };
}
