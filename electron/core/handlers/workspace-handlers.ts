import type { workspaceChannels } from '#shared/ipc/workspace-channels.js';
import { layeredVariables } from '#shared/requests/variables.js';
import { environmentLayer } from '#shared/workspace/environment.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';
import { describeConnection } from '../requests/connection-context.js';
import type { Workspace } from '../workspace/workspace.js';

/** Handlers for the `workspace:*` channels (request files and environments in a folder). */
export function workspaceHandlers(
  services: Pick<AppCore, 'connections' | 'workspace'>,
): HandlersFor<typeof workspaceChannels> {
  const current = (): Promise<Workspace> => services.workspace.current();
  const view = async (workspace: Workspace) => {
    const { root, name, tree, problems } = await workspace.tree();
    const environments = await workspace.environments();
    return {
      root,
      name,
      tree,
      environments: environments.environments,
      problems: [...problems, ...environments.problems],
    };
  };
  return {
    'workspace:open': async () => view(await current()),
    'workspace:choose-folder': async ({ folder }) => view(await services.workspace.choose(folder)),
    'workspace:read-request': async ({ path }) =>
      toResult(await (await current()).readRequest(path)),
    'workspace:save-request': async ({ path, folder, name, connectionId, draft }) => {
      services.connections.get(connectionId);
      const saved = await (
        await current()
      ).saveRequest({ path, folder, name, connectionId, draft });
      return toResult(saved);
    },
    'workspace:rename-request': async ({ path, name }) =>
      toResult(await (await current()).renameRequest(path, name)),
    'workspace:move-request': async ({ path, folder }) =>
      toResult(await (await current()).moveRequest(path, folder)),
    'workspace:delete-request': async ({ path }) => {
      await (await current()).deleteRequest(path);
      return { path };
    },
    'workspace:create-folder': async ({ path }) => {
      await (await current()).createFolder(path);
      return { path };
    },
    'workspace:environments': async () => (await current()).environments(),
    'workspace:save-environment': async ({ key, environment }) =>
      (await current()).saveEnvironment(key, environment),
    'workspace:delete-environment': async ({ key }) => {
      await (await current()).deleteEnvironment(key);
      return { key };
    },
    'workspace:set-secret': async ({ key, name, value }) => {
      await (await current()).setSecret(key, name, value);
      return { set: true as const };
    },
    'workspace:clear-secret': async ({ key, name }) => ({
      cleared: await (await current()).clearSecret(key, name),
    }),
    'workspace:variables': async ({ connectionId, environment, variables }) => {
      const { connection, preset } = describeConnection(services.connections.get(connectionId));
      const file =
        environment === undefined ? undefined : await (await current()).environment(environment);
      return {
        variables: layeredVariables({
          connection,
          preset,
          environment: file === undefined ? undefined : environmentLayer(file, connectionId),
          request: variables,
        }),
      };
    },
    'workspace:session': async () => services.workspace.session(),
    'workspace:save-session': async (session) => {
      services.workspace.saveSession(session);
      return { saved: true as const };
    },
  };
}

function toResult(request: Awaited<ReturnType<Workspace['readRequest']>>) {
  return {
    path: request.path,
    name: request.name,
    connectionId: request.connection,
    draft: request.draft,
  };
}
