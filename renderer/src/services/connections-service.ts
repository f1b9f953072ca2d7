import type { ConnectionInput, TokenStatus } from '#shared/connection.js';
import type { IpcResult } from '#shared/errors.js';
import type {
  ChannelResult,
  ConnectionTestReportView,
  ConnectionView,
  SecretPresence,
} from '#shared/ipc/contract.js';
import { getApi, noBridge } from './bridge.js';

/**
 * The Connections area and the provider wizard talk to the main process only through here.
 * Secrets go out (save, test) and never come back: only whether one is stored.
 */

/** Secret values typed in the wizard; sent once, never read back. */
export interface SecretsToSend {
  clientSecret?: string;
  privateKey?: string;
  clientCert?: string;
  clientKey?: string;
}

export type DiscoveryResult = ChannelResult<'tokens:discover'>;

/** Every saved connection with its stored-secret flags and token status. */
export async function listConnections(): Promise<IpcResult<ConnectionView[]>> {
  const api = getApi();
  if (!api) return noBridge;
  const result = await api['connections:list']();
  return result.ok ? { ok: true, value: result.value.connections } : result;
}

/** One saved connection. */
export async function getConnection(id: string): Promise<IpcResult<ConnectionView>> {
  const api = getApi();
  return api ? api['connections:get']({ id }) : noBridge;
}

/** Create or update a connection; secrets present here are stored (empty string deletes). */
export async function saveConnection(
  connection: ConnectionInput,
  secrets: SecretsToSend,
): Promise<IpcResult<ConnectionView>> {
  const api = getApi();
  if (!api) return noBridge;
  return Object.keys(secrets).length === 0
    ? api['connections:save']({ connection })
    : api['connections:save']({ connection, secrets });
}

/** Give a connection a new name. */
export async function renameConnection(
  id: string,
  name: string,
): Promise<IpcResult<ConnectionView>> {
  const api = getApi();
  return api ? api['connections:rename']({ id, name }) : noBridge;
}

/** Copy a connection, secrets included, under "… (copy)". */
export async function duplicateConnection(id: string): Promise<IpcResult<ConnectionView>> {
  const api = getApi();
  return api ? api['connections:duplicate']({ id }) : noBridge;
}

/** Let the composer send the connection's token to one more origin. */
export async function allowTokenOrigin(
  id: string,
  origin: string,
): Promise<IpcResult<ConnectionView>> {
  const api = getApi();
  return api ? api['connections:allow-token-origin']({ id, origin }) : noBridge;
}

/** Delete a connection and every secret it holds. */
export async function deleteConnection(id: string): Promise<IpcResult<{ id: string }>> {
  const api = getApi();
  return api ? api['connections:delete']({ id }) : noBridge;
}

/** Which secrets a saved connection holds (never their values). */
export async function secretStatus(connectionId: string): Promise<IpcResult<SecretPresence>> {
  const api = getApi();
  return api ? api['secrets:status']({ connectionId }) : noBridge;
}

/**
 * A real token request with unsaved settings. Typed secrets win; without them, those stored for
 * `savedId` are used (editing a saved connection without retyping its secret).
 */
export async function testConnectionSettings(
  connection: ConnectionInput,
  secrets: SecretsToSend,
  savedId: string | undefined,
  testId?: string,
): Promise<IpcResult<ConnectionTestReportView>> {
  const api = getApi();
  if (!api) return noBridge;
  return api['tokens:test']({
    connection,
    ...(Object.keys(secrets).length > 0 ? { secrets } : {}),
    ...(savedId !== undefined ? { connectionId: savedId } : {}),
    ...(testId !== undefined ? { testId } : {}),
  });
}

/** Stop a running test in main (its request is aborted, not just no longer awaited). */
export async function cancelConnectionTest(testId: string): Promise<void> {
  await getApi()?.['tokens:cancel-test']({ testId });
}

/** OpenID Connect discovery for an issuer: token endpoint and JWKS URI. */
export async function discoverIssuer(args: {
  issuer: string;
  allowHttp?: boolean;
  caPem?: string;
  pinnedSha256?: string;
}): Promise<IpcResult<DiscoveryResult>> {
  const api = getApi();
  return api ? api['tokens:discover'](args) : noBridge;
}

/** Get a token for a saved connection (forced: a fresh request); answers its status. */
export async function fetchConnectionToken(
  connectionId: string,
  force: boolean,
): Promise<IpcResult<TokenStatus>> {
  const api = getApi();
  return api ? api['tokens:fetch']({ connectionId, force }) : noBridge;
}

/** Follow token status changes of every connection. */
export function onTokenStatus(handler: (status: TokenStatus) => void): () => void {
  return getApi()?.on('tokens:status-changed', handler) ?? (() => undefined);
}
