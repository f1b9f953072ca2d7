import type { appChannels } from '#shared/ipc/app-channels.js';
import type { AppContext } from '../app-context.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';

/** Handlers for the `app:*` channels. */
export function appHandlers(ctx: AppContext, services: AppCore): HandlersFor<typeof appChannels> {
  const unsupported = { state: 'unsupported' as const, checkAutomatically: false };
  return {
    'app:update-status': async () => ctx.updates?.status() ?? unsupported,
    'app:install-update': async ({ force }) =>
      ctx.updates?.install({ force: force === true }) ?? { outcome: 'unsupported' as const },
    'app:set-update-check': async ({ enabled }) =>
      ctx.updates?.setCheckAutomatically(enabled) ?? unsupported,
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
