import type { IpcResult } from '#shared/errors.js';
import type { ChannelArgs, ChannelResult, EventPayload } from '#shared/ipc/contract.js';
import type { ExchangeResult, RequestDraft, Row, SnippetTarget } from '#shared/requests/schemas.js';
import { getApi, noBridge } from './bridge.js';

/** A connection as the composer's picker lists it. */
export interface ComposerConnectionChoice {
  id: string;
  name: string;
  presetId: string;
}

export type RequestContext = ChannelResult<'requests:context'>;
export type HistoryPage = ChannelResult<'requests:history'>;
export type JsonChildrenPage = ChannelResult<'requests:json-children'>;
export type BodyRowsPage = ChannelResult<'requests:body-rows'>;
export type BodySlice = ChannelResult<'requests:read-body'>;
export type SearchResult = ChannelResult<'requests:search-body'>;

/** The saved connections, by name, for the composer's picker. */
export async function listComposerConnections(): Promise<IpcResult<ComposerConnectionChoice[]>> {
  const api = getApi();
  if (!api) return noBridge;
  const result = await api['connections:list']();
  if (!result.ok) return result;
  const choices = result.value.connections.map(({ connection }) => ({
    id: connection.id,
    name: connection.name,
    presetId: connection.presetId,
  }));
  return { ok: true, value: choices.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Variables, catalog, saved requests and last draft of a connection. */
export async function loadRequestContext(connectionId: string): Promise<IpcResult<RequestContext>> {
  const api = getApi();
  return api ? api['requests:context']({ connectionId }) : noBridge;
}

/** Send a draft; main adds the token. Resolves when the body is downloaded (or on error). */
export async function sendDraft(
  requestId: string,
  connectionId: string,
  draft: RequestDraft,
  variables: Row[],
): Promise<IpcResult<ExchangeResult>> {
  const api = getApi();
  return api ? api['requests:send']({ requestId, connectionId, draft, variables }) : noBridge;
}

/** Stop a running request. */
export async function cancelRequest(requestId: string): Promise<IpcResult<{ cancelled: boolean }>> {
  const api = getApi();
  return api ? api['requests:cancel']({ requestId }) : noBridge;
}

/** Follow the progress events of running requests. */
export function onRequestProgress(
  handler: (progress: EventPayload<'requests:progress'>) => void,
): () => void {
  return getApi()?.on('requests:progress', handler) ?? (() => undefined);
}

/** Let main delete a response body nobody looks at any more. */
export async function releaseResponse(responseId: string): Promise<void> {
  await getApi()?.['requests:release']({ responseId });
}

/** A slice of a response body (text or base64). */
export async function readBody(
  args: ChannelArgs<'requests:read-body'>,
): Promise<IpcResult<BodySlice>> {
  const api = getApi();
  return api ? api['requests:read-body'](args) : noBridge;
}

/** Save a body to a file chosen in the desktop app's save dialog (`unsupported` elsewhere). */
export async function saveBody(
  args: ChannelArgs<'requests:save-body'>,
): Promise<IpcResult<ChannelResult<'requests:save-body'>>> {
  const api = getApi();
  return api ? api['requests:save-body'](args) : noBridge;
}

/** Rows of a body's text for the raw view. */
export async function readBodyRows(
  responseId: string,
  fromRow: number,
  count: number,
): Promise<IpcResult<BodyRowsPage>> {
  const api = getApi();
  return api ? api['requests:body-rows']({ responseId, fromRow, count }) : noBridge;
}

/** A page of a JSON node's children (the root's when `at` is undefined). */
export async function readJsonChildren(
  responseId: string,
  at: number | undefined,
  from: number,
  limit: number,
): Promise<IpcResult<JsonChildrenPage>> {
  const api = getApi();
  if (!api) return noBridge;
  return api['requests:json-children'](
    at === undefined ? { responseId, from, limit } : { responseId, at, from, limit },
  );
}

/** The JSON text of one value. */
export async function readJsonValue(responseId: string, at: number): Promise<IpcResult<string>> {
  const api = getApi();
  if (!api) return noBridge;
  const result = await api['requests:json-value']({ responseId, at });
  return result.ok ? { ok: true, value: result.value.text } : result;
}

/** Search a body. */
export async function searchBody(
  responseId: string,
  query: string,
): Promise<IpcResult<SearchResult>> {
  const api = getApi();
  return api ? api['requests:search-body']({ responseId, query, limit: 200 }) : noBridge;
}

/** History, newest first. */
export async function loadHistory(
  connectionId: string | undefined,
  query: string,
): Promise<IpcResult<HistoryPage>> {
  const api = getApi();
  if (!api) return noBridge;
  const args = { limit: 100, ...(query.trim() !== '' ? { query } : {}) };
  return api['requests:history'](connectionId === undefined ? args : { ...args, connectionId });
}

/** Delete the history of one connection. */
export async function clearHistory(connectionId: string): Promise<IpcResult<{ removed: number }>> {
  const api = getApi();
  return api ? api['requests:clear-history']({ connectionId }) : noBridge;
}

/** Save the draft under a name for the connection. */
export async function saveRequest(
  args: ChannelArgs<'requests:save'>,
): Promise<IpcResult<ChannelResult<'requests:save'>>> {
  const api = getApi();
  return api ? api['requests:save'](args) : noBridge;
}

/** Delete a saved request. */
export async function deleteSavedRequest(
  connectionId: string,
  id: string,
): Promise<IpcResult<{ id: string }>> {
  const api = getApi();
  return api ? api['requests:delete-saved']({ connectionId, id }) : noBridge;
}

/** Remember the draft being edited (main scrubs credentials before writing it). */
export async function rememberDraft(
  connectionId: string,
  draft: RequestDraft,
  variables: Row[],
): Promise<void> {
  await getApi()?.['requests:remember']({ connectionId, draft, variables });
}

/** Code for the draft; the real token is put in by main only when `includeToken`. */
export async function generateSnippet(
  connectionId: string,
  draft: RequestDraft,
  variables: Row[],
  target: SnippetTarget,
  includeToken: boolean,
): Promise<IpcResult<{ code: string; redacted: boolean }>> {
  const api = getApi();
  if (!api) return noBridge;
  return api['requests:snippet']({ connectionId, draft, variables, target, includeToken });
}

/** A draft from a pasted curl command. */
export async function importCurlCommand(
  connectionId: string,
  command: string,
): Promise<IpcResult<{ draft: RequestDraft; notes: string[] }>> {
  const api = getApi();
  return api ? api['requests:import-curl']({ connectionId, command }) : noBridge;
}

/** Puts text on the clipboard; false when the page may not write to it. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
