import type { appChannels } from '#shared/ipc/app-channels.js';
import type { AppContext } from '../app-context.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';

/** Handlers for the `app:*` channels. */
export function appHandlers(ctx: AppContext, services: AppCore): HandlersFor<typeof appChannels> {
  return {
    'app:info': async () => ({
      name: 'Grantline' as const,
      version: ctx.version,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      platform: ctx.platform,
      secretProtection: ctx.secretProtection,
      notices: services.notices().map(({ level, message }) => ({ level, message })),
    }),
  };
}
