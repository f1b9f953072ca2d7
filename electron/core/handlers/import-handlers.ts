import type { importChannels } from '#shared/ipc/import-channels.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';
import { ApiImporter } from '../import/api-importer.js';

/** Handlers for the `import:*` channels: API import into the workspace, and imported operations. */
export function importHandlers(
  services: Pick<AppCore, 'connections' | 'workspace'>,
): HandlersFor<typeof importChannels> {
  const importer = new ApiImporter(services.workspace);
  return {
    'import:api': async ({ source, kind, connectionId, folder }) => {
      services.connections.get(connectionId);
      return importer.importApi({ source, kind, connectionId, folder });
    },
    'import:operation': async ({ path }) => importer.operation(path),
    'import:validate-body': async ({ path, text }) => importer.validateBody(path, text),
    'import:example-body': async ({ path }) => importer.exampleBody(path),
  };
}
