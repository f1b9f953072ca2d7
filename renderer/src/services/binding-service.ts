import type { IpcResult } from '#shared/errors.js';
import type { BindingReport } from '#shared/token-binding.js';
import { getApi, noBridge } from './bridge.js';

/** Whether a connection's token is bound to its DPoP key or client certificate (checked in main). */
export async function checkTokenBinding(connectionId: string): Promise<IpcResult<BindingReport>> {
  const api = getApi();
  return api ? api['tokens:binding']({ connectionId }) : noBridge;
}
