import { copyFile } from 'node:fs/promises';
import { AppError } from '#shared/errors.js';
import type { requestsChannels } from '#shared/ipc/requests-channels.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import { BodyViewer } from '../requests/body-viewer.js';
import { RequestRunner, type RequestRunnerOptions } from '../requests/request-runner.js';
import type { AppCore } from '../app-core.js';

/** Handlers for the `requests:*` channels (the request composer). */
export function requestsHandlers(
  services: Pick<AppCore, 'connections' | 'engine' | 'secrets' | 'workspace'>,
  options: RequestRunnerOptions & {
    /** The desktop app's save dialog; without it, requests:save-body answers `unsupported`. */
    chooseSavePath?: (suggestedName: string) => Promise<string | undefined>;
    /** The runner, when other handlers share it (GraphQL introspection); else one is made. */
    runner?: RequestRunner;
  },
): HandlersFor<typeof requestsChannels> {
  // Neither builds anything until first used: creating the handler table touches no file.
  const service = options.runner ?? new RequestRunner(services, options);
  const viewer = new BodyViewer(() => service.bodies);
  return {
    'requests:context': async ({ connectionId }) => service.context(connectionId),
    'requests:send': async (args) => service.send(args),
    'requests:cancel': async ({ requestId }) => ({ cancelled: service.cancel(requestId) }),
    'requests:read-body': async ({ responseId, offset, length, encoding }) =>
      viewer.read(responseId, offset, length, encoding),
    'requests:body-rows': async ({ responseId, fromRow, count }) =>
      viewer.rows(responseId, fromRow, count),
    'requests:pretty-rows': async ({ responseId, fromRow, count }) =>
      viewer.prettyRows(responseId, fromRow, count),
    'requests:filter-body': async ({ responseId, expression }) =>
      viewer.filter(responseId, expression),
    'requests:body-image': async ({ responseId }) => viewer.image(responseId),
    'requests:compare-rows': async ({ responseId, fromRow, count }) =>
      viewer.compareRows(responseId, fromRow, count),
    'requests:json-children': async ({ responseId, at, from, limit }) =>
      viewer.jsonChildren(responseId, at, from, limit),
    'requests:json-value': async ({ responseId, at }) => ({
      text: await viewer.jsonValue(responseId, at),
    }),
    'requests:search-body': async ({ responseId, query, limit, target }) =>
      viewer.search(responseId, query, limit, target),
    'requests:save-body': async ({ responseId, suggestedName }) => {
      service.bodies.get(responseId);
      if (!options.chooseSavePath) return { outcome: 'unsupported' as const };
      const target = await options.chooseSavePath(suggestedName);
      if (target === undefined) return { outcome: 'cancelled' as const };
      // Looked up again: the body may have been released while the dialog was open.
      const body = service.bodies.get(responseId);
      try {
        await copyFile(body.path, target);
      } catch (error) {
        throw new AppError(
          'storage',
          `Could not save the body to ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
          { hint: 'Choose a folder you can write to, with enough free space.', cause: error },
        );
      }
      return { outcome: 'saved' as const, path: target, bytes: body.size };
    },
    'requests:release': async ({ responseId }) => ({
      released: await service.bodies.retire(responseId),
    }),
    'requests:history': async ({ connectionId, query, limit }) =>
      service.store.listHistory({
        ...(connectionId !== undefined ? { connectionId } : {}),
        ...(query !== undefined ? { query } : {}),
        limit,
      }),
    'requests:clear-history': async ({ connectionId }) => ({
      removed: service.store.clearHistory(connectionId),
    }),
    'requests:save': async ({ connectionId, id, name, draft }) => {
      services.connections.get(connectionId);
      return service.store.save(connectionId, name, draft, id);
    },
    'requests:delete-saved': async ({ connectionId, id }) => {
      service.store.deleteSaved(connectionId, id);
      return { id };
    },
    'requests:remember': async ({ connectionId, draft, variables }) => {
      services.connections.get(connectionId);
      service.store.remember(connectionId, draft, variables);
      return { remembered: true };
    },
    'requests:snippet': async (args) => service.snippet(args),
    'requests:import-curl': async ({ connectionId, command }) =>
      service.importCurl(connectionId, command),
  };
}
