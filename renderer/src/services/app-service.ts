import type { IpcResult } from '#shared/errors.js';
import type { AppInfo, EventName, EventPayload } from '#shared/ipc/contract.js';
import { getApi, noBridge } from './bridge.js';

/** Version, mode, data dir and secret protection of the running app. */
export async function loadAppInfo(): Promise<IpcResult<AppInfo>> {
  const api = getApi();
  return api ? api['app:info']() : noBridge;
}

/** Subscribe to a main → renderer event; a no-op when there is no bridge. */
export function subscribe<E extends EventName>(
  name: E,
  handler: (payload: EventPayload<E>) => void,
): () => void {
  return getApi()?.on(name, handler) ?? (() => undefined);
}
