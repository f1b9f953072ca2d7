import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { Agent, type buildConnector, type Dispatcher } from 'undici';
import { createVerifyingConnector } from '../http/dispatcher.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';

/** When each phase of opening one socket ended, in performance.now() milliseconds. */
export interface SocketTiming {
  start: number;
  lookup: number | null;
  connect: number | null;
  secure: number | null;
}

/** A dispatcher for one composer request (its redirects and its retry share the sockets). */
export interface TimedDispatcher {
  readonly dispatcher: Dispatcher;
  /** True when certificate checks are off for this connection. */
  readonly insecure: boolean;
  /** Sockets opened since the last call, with their timings; clears the list. */
  takeSockets(): SocketTiming[];
  /**
   * Call `listener` when a request's headers go out on one of this dispatcher's sockets (new or
   * reused): from then on the wait is the server's. Undefined stops listening.
   */
  onRequestSent(listener: (() => void) | undefined): void;
  destroy(): Promise<void>;
}

/**
 * The same verifying connector as http/dispatcher.ts (our verdict after the handshake, before any
 * request byte), plus a stopwatch on every socket it opens: DNS, TCP and TLS times come
 * from the socket's own events. One is built per composer request, so every socket it reports
 * belongs to that request; the hop after a redirect or the retry after a 401 reuses them.
 */
export function createTimedDispatcher(
  trust: TlsTrustOptions,
  options: { connectTimeoutMs?: number } = {},
): TimedDispatcher {
  let sockets: SocketTiming[] = [];
  const ours = new WeakSet<object>();
  let sentListener: (() => void) | undefined;
  // undici publishes every request it writes on this channel; ours are told apart by the socket.
  const onSendHeaders = (message: unknown): void => {
    const socket = (message as { socket?: unknown } | null)?.socket;
    if (typeof socket === 'object' && socket !== null && ours.has(socket)) sentListener?.();
  };
  subscribe('undici:client:sendHeaders', onSendHeaders);
  const verifying = createVerifyingConnector(trust, options, {
    onReady: (socket) => ours.add(socket),
  });

  const connect: buildConnector.connector = (opts, callback) => {
    const timing: SocketTiming = {
      start: performance.now(),
      lookup: null,
      connect: null,
      secure: null,
    };
    sockets.push(timing);
    // The connector returns the socket it created, before any of these events fire.
    const raw = verifying(opts, callback) as unknown as Socket | undefined;
    raw?.once('lookup', () => (timing.lookup = performance.now()));
    raw?.once('connect', () => (timing.connect = performance.now()));
    raw?.once('secureConnect', () => (timing.secure = performance.now()));
  };

  const agent = new Agent({ connect, connections: 6, pipelining: 1 });
  return {
    dispatcher: agent,
    insecure: trust.insecure === true && trust.pinnedSha256 === undefined,
    takeSockets: () => {
      const taken = sockets;
      sockets = [];
      return taken;
    },
    onRequestSent: (listener) => {
      sentListener = listener;
    },
    destroy: () => {
      sentListener = undefined;
      unsubscribe('undici:client:sendHeaders', onSendHeaders);
      return agent.destroy();
    },
  };
}
