import type { connectionsChannels, ConnectionView } from '#shared/ipc/connections-channels.js';
import type { Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { getPreset } from '#shared/presets/index.js';
import { parseServiceAccountKey } from '#shared/service-account-key.js';
import { secretRefsFor } from '#shared/connection.js';
import type { HandlersFor } from '../ipc/dispatch.js';
import type { AppCore } from '../app-core.js';

/** Settings, stored-secret flags and token status of one connection (no secret, no token). */
export async function viewOf(services: AppCore, connection: Connection): Promise<ConnectionView> {
  return {
    connection,
    secrets: await services.connections.secretPresence(connection.id),
    status: services.engine.getStatus(connection.id),
  };
}

/** Handlers for `connections:*` and `secrets:*`: secrets go in, only their presence comes out. */
export function connectionsHandlers(services: AppCore): HandlersFor<typeof connectionsChannels> {
  const { connections, drafts, engine } = services;
  // Any change to settings or secrets makes the cached token and its status stale.
  const changed = async (connection: Connection): Promise<ConnectionView> => {
    engine.forget(connection.id);
    return viewOf(services, connection);
  };
  return {
    'connections:list': async () => ({
      connections: await Promise.all(connections.list().map((c) => viewOf(services, c))),
    }),
    'connections:get': async ({ id }) => viewOf(services, connections.get(id)),
    'connections:save': async ({ connection, secrets, draftId }) => {
      // Everything that can be checked is checked before the repository writes anything: it
      // stores the connection first and its secrets after, so a refusal must come before both.
      if (getPreset(connection.presetId) === undefined) {
        throw new AppError('validation', `Unknown platform preset "${connection.presetId}".`, {
          hint: 'Pick a platform in the wizard; nothing was saved.',
        });
      }
      // A key file dropped in this draft is the key, unless one was typed (chosen) after it.
      const heldKey = draftId === undefined ? undefined : await drafts.get(draftId, 'privateKey');
      const values = { ...(heldKey !== undefined ? { privateKey: heldKey } : {}), ...secrets };
      const saved = await connections.save(connection, values);
      if (draftId !== undefined) {
        // The DPoP key the draft's test used stays the connection's key: its tokens stay bound.
        const dpopKey = await drafts.get(draftId, 'dpopKey');
        if (dpopKey !== undefined && saved.dpop?.enabled === true) {
          await services.secrets.set(secretRefsFor(saved.id).dpopKey, dpopKey);
        }
        await drafts.discard(draftId);
      }
      return changed(saved);
    },
    'connections:read-key-file': async ({ draftId, text }) => {
      let key;
      try {
        key = parseServiceAccountKey(text);
      } catch (error) {
        // The parser's messages never quote the file (it holds the private key).
        throw new AppError('validation', (error as Error).message, {
          hint: 'Drop the JSON key file the Cloud console downloaded (IAM → Service accounts → Keys).',
        });
      }
      await drafts.put(draftId, 'privateKey', key.privateKey);
      return {
        clientEmail: key.clientEmail,
        privateKeyId: key.privateKeyId,
        tokenUri: key.tokenUri,
        projectId: key.projectId ?? null,
      };
    },
    'connections:discard-draft': async ({ draftId }) => ({
      discarded: await drafts.discard(draftId),
    }),
    'connections:rename': async ({ id, name }) => viewOf(services, connections.rename(id, name)),
    'connections:duplicate': async ({ id, name }) =>
      viewOf(services, await connections.duplicate(id, name)),
    'connections:allow-token-origin': async ({ id, origin }) =>
      viewOf(services, connections.allowTokenOrigin(id, origin)),
    'connections:delete': async ({ id }) => {
      await connections.delete(id);
      engine.forget(id);
      return { id };
    },
    'secrets:set': async ({ connectionId, secrets }) => {
      await changed(await connections.setSecrets(connectionId, secrets));
      return connections.secretPresence(connectionId);
    },
    'secrets:status': async ({ connectionId }) => {
      connections.get(connectionId);
      return connections.secretPresence(connectionId);
    },
  };
}
