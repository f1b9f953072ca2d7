import type { IpcResult } from '#shared/errors.js';
import type {
  Channel,
  ChannelArgs,
  ChannelResult,
  EventName,
  EventPayload,
} from '#shared/ipc/contract.js';
import { getApi, noBridge } from './bridge.js';

/** The argument list of a channel: optional when the channel takes none. */
type ArgsOf<C extends Channel> =
  ChannelArgs<C> extends void ? [args?: ChannelArgs<C>] : [args: ChannelArgs<C>];

/**
 * Call one channel of the contract through `window.api` (Electron's preload, or the WebSocket
 * bridge in browser mode). Answers `noBridge` when the page has neither.
 */
export async function call<C extends Channel>(
  channel: C,
  ...args: ArgsOf<C>
): Promise<IpcResult<ChannelResult<C>>> {
  const api = getApi();
  if (api === undefined) return noBridge;
  // Each Api method is the channel's own function; TypeScript cannot pick it by a generic key.
  const method = api[channel] as (arg?: ChannelArgs<C>) => Promise<IpcResult<ChannelResult<C>>>;
  return method(args[0]);
}

/** Follow a main → renderer event; returns the unsubscribe function (a no-op without bridge). */
export function on<E extends EventName>(
  name: E,
  handler: (payload: EventPayload<E>) => void,
): () => void {
  return getApi()?.on(name, handler) ?? (() => undefined);
}
