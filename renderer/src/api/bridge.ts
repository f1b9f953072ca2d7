import type { IpcResult } from '#shared/errors.js';
import type { Api } from '#shared/ipc/contract.js';
import { createWsApi, type ConnectionState } from './ws-api.js';

declare global {
  interface Window {
    /** Exposed by Electron's preload, or installed by this module in browser mode. */
    api?: Api;
  }
}

/** What every service answers when the page has no bridge (opened without its launch key). */
export const noBridge: IpcResult<never> = {
  ok: false,
  error: {
    category: 'forbidden',
    message: 'This page was opened without its launch key.',
    hint: 'Open the full address printed by "grantline serve" (it ends with #key=…), or start the app with "npm start".',
  },
};

const stateListeners = new Set<(state: ConnectionState) => void>();

/** Read the launch key from the URL fragment printed by `grantline serve` (`#key=…`). */
export function launchKeyFromLocation(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('key') ?? undefined;
}

/** Follow the browser-mode connection state (Electron is always 'open'). */
export function onBridgeState(listener: (state: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/**
 * The one `Api` the services use: Electron's preload global when present, else the WebSocket
 * bridge to the browser-mode host. Undefined when neither is possible (no launch key).
 */
export function getApi(): Api | undefined {
  if (window.api) return window.api;
  const key = launchKeyFromLocation(window.location.hash);
  if (!key) return undefined;
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const api = createWsApi(`${protocol}//${window.location.host}/ws`, key, (state) => {
    for (const listener of stateListeners) listener(state);
  });
  // Browser mode installs the same global Electron's preload does, so every layer above (and the
  // contract test) sees one `window.api` in both modes.
  Object.defineProperty(window, 'api', {
    value: Object.freeze(api),
    writable: false,
    configurable: false,
  });
  return api;
}
