import type { IpcError } from '#shared/errors.js';
import type { Row } from '#shared/requests/schemas.js';
import { call } from '../../../api/call.js';
import { useStore } from '../../../store/store.js';

/**
 * Open a request file of the workspace in the composer. A request imported from an API
 * description gets one variable row per path parameter (`{{petId}}` in its URL), empty unless
 * the user already has a value for it, so the required ones can be filled in at once.
 */
export async function openRequestFile(path: string): Promise<IpcError | null> {
  const opened = await useStore.getState().openWorkspaceRequest(path);
  if (opened !== null) return opened;
  const op = await call('import:operation', { path });
  const state = useStore.getState();
  if (op.ok && op.value.operation !== null) {
    const current = useStore.getState().composer.variables;
    const known = new Set(current.map((v) => v.name));
    const added: Row[] = op.value.operation.parameters
      .filter((p) => p.in === 'path' && !known.has(p.name))
      .map((p) => ({ name: p.name, value: '', enabled: true }));
    if (added.length > 0) state.setComposerVariables([...current, ...added]);
  }
  return null;
}
