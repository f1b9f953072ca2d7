import type { IpcResult } from '#shared/errors.js';
import type {
  ChannelResult,
  KeySourceInput,
  PastedInspection,
  SignatureReportView,
} from '#shared/ipc/contract.js';
import { getApi, noBridge } from './bridge.js';
import { listConnections } from './connections-service.js';

/** A connection as the inspector's picker lists it. */
export interface ConnectionChoice {
  id: string;
  name: string;
}

export type ConnectionInspection = ChannelResult<'inspector:inspect-connection'>;

/** Decodes and explains pasted text (a token, a Bearer header or a whole token response). */
export async function decodePastedToken(
  token: string,
  skewSeconds: number,
): Promise<IpcResult<PastedInspection>> {
  const api = getApi();
  return api ? api['inspector:decode']({ token, skewSeconds }) : noBridge;
}

/** Checks a pasted token's signature; an HMAC secret in `source` is used for this call only. */
export async function verifyPastedToken(
  token: string,
  source: KeySourceInput,
): Promise<IpcResult<SignatureReportView>> {
  const api = getApi();
  return api ? api['inspector:verify']({ token, source, refreshKeys: true }) : noBridge;
}

/** Header, claims and lifetime of a connection's current token (the raw token stays in main). */
export async function inspectConnectionToken(
  connectionId: string,
  skewSeconds: number,
): Promise<IpcResult<ConnectionInspection>> {
  const api = getApi();
  return api ? api['inspector:inspect-connection']({ connectionId, skewSeconds }) : noBridge;
}

/** Checks a connection's token; without `source`, with the connection's issuer keys. */
export async function verifyConnectionToken(
  connectionId: string,
  source: KeySourceInput | undefined,
): Promise<IpcResult<SignatureReportView>> {
  const api = getApi();
  if (!api) return noBridge;
  return api['inspector:verify-connection'](
    source === undefined
      ? { connectionId, refreshKeys: true }
      : { connectionId, source, refreshKeys: true },
  );
}

/** The saved connections, by name, for the source picker. */
export async function listConnectionChoices(): Promise<IpcResult<ConnectionChoice[]>> {
  const result = await listConnections();
  if (!result.ok) return result;
  const choices = result.value.map(({ connection }) => ({
    id: connection.id,
    name: connection.name,
  }));
  return { ok: true, value: choices.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The raw token of a connection: only ever called on an explicit reveal or copy click. */
export async function revealConnectionToken(
  connectionId: string,
  purpose: 'reveal' | 'copy',
): Promise<IpcResult<string>> {
  const api = getApi();
  if (!api) return noBridge;
  const result = await api['tokens:reveal']({ connectionId, purpose });
  return result.ok ? { ok: true, value: result.value.accessToken } : result;
}

export { copyText } from './clipboard.js';
