import type { IpcResult } from '#shared/errors.js';
import type { CallFrame, HostFrame } from '#shared/ipc/ws-frames.js';
import {
  channels,
  isEventName,
  type Api,
  type EventName,
  type EventPayload,
} from '#shared/ipc/contract.js';

type Pending = { resolve: (result: IpcResult<unknown>) => void };
type Handler = (payload: unknown) => void;
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

const lost = (message: string): IpcResult<never> => ({
  ok: false,
  error: {
    category: 'network',
    message,
    hint: 'Check that "grantline serve" is still running, then reload this page.',
  },
});

/**
 * The browser-mode bridge: the same `Api` as Electron's preload, carried over a WebSocket to
 * the `grantline serve` host. The launch key travels as a subprotocol, never in a URL.
 */
export function createWsApi(
  url: string,
  key: string,
  onState: (state: ConnectionState) => void = () => undefined,
): Api {
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const handlers = new Map<EventName, Set<Handler>>();
  let everOpened = false;

  const failAll = (message: string): void => {
    for (const call of pending.values()) call.resolve(lost(message));
    pending.clear();
  };

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise<WebSocket>((resolve, reject) => {
      onState('connecting');
      const ws = new WebSocket(url, ['grantline.v1', `key.${key}`]);
      ws.addEventListener('open', () => {
        everOpened = true;
        socket = ws;
        onState('open');
        resolve(ws);
      });
      ws.addEventListener('message', (event: MessageEvent<string>) => {
        const frame = JSON.parse(event.data) as HostFrame;
        if (frame.t === 'result') {
          pending.get(frame.id)?.resolve(frame.result);
          pending.delete(frame.id);
        } else if (frame.t === 'event' && isEventName(frame.name)) {
          for (const handler of handlers.get(frame.name) ?? []) handler(frame.payload);
        }
      });
      ws.addEventListener('close', () => {
        socket = undefined;
        opened = undefined;
        // A refusal (wrong key, foreign origin) closes before ever opening.
        onState(everOpened ? 'closed' : 'refused');
        failAll('Lost the connection to the Grantline host.');
        reject(new Error('closed'));
      });
    });
    return opened;
  };

  const call = async (channel: string, args: unknown): Promise<IpcResult<unknown>> => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return lost('Could not reach the Grantline host.');
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      ws.send(JSON.stringify({ t: 'call', id, channel, args } satisfies CallFrame));
    });
  };

  const api: Record<string, unknown> = {};
  for (const channel of channels) api[channel] = (args?: unknown) => call(channel, args);
  api.on = <E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void) => {
    const set = handlers.get(name) ?? new Set<Handler>();
    handlers.set(name, set);
    set.add(handler as Handler);
    void connect().catch(() => undefined);
    return () => set.delete(handler as Handler);
  };
  return api as Api;
}
