import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  channels,
  eventIpcChannel,
  isEventName,
  type Api,
  type EventName,
  type EventPayload,
  type Subscribe,
} from '#shared/ipc/contract.js';

// Runs sandboxed, bundled to one CommonJS file (dist/preload/preload.cjs): no Node APIs here, only
// the parts of 'electron' a sandboxed preload may use. The page gets exactly one global,
// `window.api`, generated from the contract; there is no generic invoke/send/on pass-through, so a
// compromised page can call only the channels we designed, with arguments main validates.

function createMethods(): Record<string, (args?: unknown) => Promise<unknown>> {
  const methods: Record<string, (args?: unknown) => Promise<unknown>> = {};
  for (const channel of channels) {
    // Exactly one argument crosses the bridge, whatever the page passes.
    methods[channel] = (args?: unknown) => ipcRenderer.invoke(channel, args);
  }
  return methods;
}

const on: Subscribe = <E extends EventName>(
  name: E,
  handler: (payload: EventPayload<E>) => void,
): (() => void) => {
  if (!isEventName(name)) throw new TypeError(`Unknown event ${String(name)}.`);
  if (typeof handler !== 'function') throw new TypeError('The event handler must be a function.');
  const ipcChannel = eventIpcChannel(name);
  // The Electron event object (with `sender`) never reaches the page: only the payload does.
  const listener = (_event: IpcRendererEvent, payload: EventPayload<E>): void => handler(payload);
  ipcRenderer.on(ipcChannel, listener);
  return () => {
    ipcRenderer.removeListener(ipcChannel, listener);
  };
};

// The cast is the one place the generated object meets its static type: createMethods has one
// entry per channel by construction, and the e2e smoke test checks the keys against apiKeys.
const api = Object.freeze({ ...createMethods(), on }) as unknown as Api;

contextBridge.exposeInMainWorld('api', api);
