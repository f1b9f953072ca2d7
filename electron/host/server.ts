import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { HostFrame } from '#shared/ipc/ws-frames.js';
import type { AppContext } from '../core/app-context.js';
import type { dispatch as Dispatch, HandlerTable } from '../core/ipc/dispatch.js';
import type { parseCallFrame as ParseCallFrame } from './frame-guard.js';
import { DEFAULT_FRAME_LIMITS, type FrameLimits } from './frame-limits.js';
import { checkHostAndOrigin, checkUpgrade, WS_PROTOCOL } from './request-guard.js';
import { securityHeaders } from '../core/web/static-assets.js';
import { serveStatic } from './static-files.js';

/** Bounds that keep a flood of connections or frames from taking the host down. */
export interface HostLimits {
  /** Authenticated WebSockets open at once; further upgrades are refused with 503. */
  maxWebSockets: number;
  /**
   * TCP connections that are not WebSockets (page loads, upgrades being checked, idle keep-alives,
   * half-sent requests). Past this the oldest is dropped, so a pile of slow or stuck sockets cannot
   * lock a fresh page load out.
   */
  maxPendingConnections: number;
  /** A request must finish its headers within this time (slowloris). */
  headersTimeoutMs: number;
  /** A connection that is not a WebSocket and sends nothing for this long is closed. */
  idleTimeoutMs: number;
  /** Biggest frame a page may send; larger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** Structure allowed in one frame before it is parsed. */
  frame: FrameLimits;
  /** Calls one page may have running at once; more are answered at once without running. */
  maxCallsInFlight: number;
  /** Replies queued for a page that does not read them; past this its socket is closed. */
  maxBufferedBytes: number;
}

/**
 * A browser-mode user has a tab or two, each with one WebSocket; page loads use a handful of
 * connections. Request bodies up to 4 MB travel in a frame, hence the 8 MB frame limit.
 */
export const DEFAULT_HOST_LIMITS: HostLimits = {
  maxWebSockets: 32,
  maxPendingConnections: 128,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxFrameBytes: 8 * 1024 * 1024,
  frame: DEFAULT_FRAME_LIMITS,
  // The renderer keeps a few calls running (a send, progress, a body page); 64 is a runaway script.
  maxCallsInFlight: 64,
  maxBufferedBytes: 64 * 1024 * 1024,
};

export interface HostOptions {
  /** 0 or undefined: pick a free port. */
  port?: number;
  rendererDir: string;
  /**
   * The app's context and handlers, or promises of them: `grantline serve` listens and serves the
   * page while it is still loading the handler table and its libraries, and calls that arrive
   * before then wait for it (in order). A rejected promise answers every call with an error.
   */
  context: AppContext | Promise<AppContext>;
  handlers: HandlerTable | Promise<HandlerTable>;
  /** Fixed key for tests; normally a fresh random key per launch. */
  key?: string;
  /** Tighter or looser bounds, mostly for tests. */
  limits?: Partial<HostLimits>;
}

/** What the host is holding right now (for tests and diagnostics). */
export interface HostStats {
  webSockets: number;
  pendingConnections: number;
  /** Connections dropped because the pending cap was reached. */
  evicted: number;
  /** Upgrades refused because the WebSocket cap was reached. */
  refusedBusy: number;
  /** Calls answered without running because their page had too many running. */
  refusedCalls: number;
  /** Sockets closed because their page stopped reading its replies. */
  closedSlowReaders: number;
}

/** How long a one-time launch address stays usable (the browser opens it within a second or two). */
export const LAUNCH_URL_TTL_MS = 10_000;

export interface RunningHost {
  /** The address with the launch key in its fragment: secret, for the user to open by hand. */
  url: string;
  /**
   * A one-time address without the key, safe to pass to a browser on its command line: the first
   * request within `ttlMs` is redirected to the page with the key in its fragment, later ones are
   * refused. Each call makes a new one and voids the previous.
   */
  createLaunchUrl(ttlMs?: number): string;
  port: number;
  key: string;
  server: Server;
  stats(): HostStats;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized',
  404: 'Not Found',
  421: 'Misdirected Request',
  503: 'Service Unavailable',
};

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  const text = STATUS_TEXT[status] ?? 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

const LAUNCH_PREFIX = '/launch/';

/**
 * Browser mode: serves the built renderer and the IPC handler table over an authenticated
 * WebSocket on 127.0.0.1. The page proves it was opened from the printed URL by offering the
 * per-launch key (from the URL fragment, which browsers never send to servers) as a subprotocol.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const key = options.key ?? randomBytes(32).toString('base64url');
  let port = 0;
  const sockets = new Set<WebSocket>();
  // Insertion-ordered, so the first entry is the oldest when one has to go.
  const pending = new Set<Socket>();
  const counters = { evicted: 0, refusedBusy: 0, refusedCalls: 0, closedSlowReaders: 0 };
  // The one launch address that may still be used, if any.
  let launch: { token: Buffer; expires: number } | undefined;

  /** True once, for the current launch token before it expires; every other answer is false. */
  const takeLaunch = (candidate: string): boolean => {
    const current = launch;
    if (!current) return false;
    const given = Buffer.from(candidate);
    const match = given.length === current.token.length && timingSafeEqual(given, current.token);
    if (!match) return false;
    launch = undefined;
    return Date.now() <= current.expires;
  };

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.headersTimeoutMs,
      // Node only enforces the two timeouts above when it sweeps its connections.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      const verdict = checkHostAndOrigin(req, port);
      if (!verdict.ok) {
        res.writeHead(verdict.status, { ...securityHeaders(), 'Content-Type': 'text/plain' });
        res.end(verdict.reason);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...securityHeaders(), Allow: 'GET, HEAD' });
        res.end();
        return;
      }
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path.startsWith(LAUNCH_PREFIX)) {
        if (takeLaunch(path.slice(LAUNCH_PREFIX.length))) {
          // The key goes to the page in the redirect's fragment, never onto a command line.
          res.writeHead(303, {
            ...securityHeaders(),
            Location: `/#key=${key}`,
            'Cache-Control': 'no-store',
          });
          res.end();
        } else {
          res.writeHead(410, {
            ...securityHeaders(),
            'Content-Type': 'text/plain; charset=utf-8',
            'Cache-Control': 'no-store',
          });
          res.end(
            'This launch address was already used or has expired. Open the address printed by "grantline serve" instead.',
          );
        }
        return;
      }
      serveStatic(options.rendererDir, path, req.method, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, securityHeaders());
        res.end();
      });
    },
  );
  // Idle sockets are destroyed by Node; ws clears the timeout once a socket is a WebSocket.
  server.timeout = limits.idleTimeoutMs;
  server.keepAliveTimeout = Math.min(5_000, limits.idleTimeoutMs);

  server.on('connection', (socket: Socket) => {
    pending.add(socket);
    socket.once('close', () => pending.delete(socket));
    if (pending.size > limits.maxPendingConnections) {
      const oldest = pending.values().next().value;
      if (oldest) {
        pending.delete(oldest);
        counters.evicted++;
        oldest.destroy();
      }
    }
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // Node drops its own error listener from an upgraded socket; a reset before ws attaches one
    // would otherwise be an uncaught exception.
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const verdict =
      path === '/ws'
        ? checkUpgrade(req, port, key)
        : ({ ok: false, status: 404, reason: 'Not found' } as const);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    // Checked after the key, so only a page that holds the key learns the host is busy.
    if (sockets.size >= limits.maxWebSockets) {
      counters.refusedBusy++;
      refuseUpgrade(socket, 503, 'Too many open connections; close another Grantline tab.');
      return;
    }
    pending.delete(socket);
    // Synchronous without verifyClient, so `sockets` is up to date for the next upgrade.
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // The frame guard and dispatch (zod and the whole contract) load after the host listens; the
  // page's first call usually arrives after they are in, and waits for them otherwise.
  type Calls = {
    parseCallFrame: typeof ParseCallFrame;
    dispatch: typeof Dispatch;
    handlers: HandlerTable;
  };
  let calls: Calls | undefined;
  let callsFailed = false;
  const loadingCalls: Promise<Calls | undefined> = Promise.all([
    import('./frame-guard.js'),
    import('../core/ipc/dispatch.js'),
    options.handlers,
  ]).then(
    ([guard, ipc, handlers]) =>
      (calls = { parseCallFrame: guard.parseCallFrame, dispatch: ipc.dispatch, handlers }),
    () => {
      callsFailed = true;
      return undefined;
    },
  );

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    let inFlight = 0;
    const answer = (frame: HostFrame): void => {
      if (ws.readyState !== ws.OPEN) return;
      // A page that never reads would make the host queue replies without bound.
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        counters.closedSlowReaders++;
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify(frame));
    };
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    // Messages that arrive while the call machinery loads are handled in arrival order after it.
    let queue: Promise<void> | undefined;
    ws.on('message', (data, isBinary) => {
      if (calls !== undefined && queue === undefined) {
        onMessage(calls, data, isBinary);
        return;
      }
      const next = (queue ?? loadingCalls.then(() => undefined)).then(() => {
        if (calls !== undefined) onMessage(calls, data, isBinary);
        else if (callsFailed) answerUnavailable(data);
        if (queue === next) queue = undefined;
      });
      queue = next;
    });
    const answerUnavailable = (data: RawData): void => {
      const head = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer))
        .subarray(0, 64)
        .toString('utf8');
      const id = /"id"\s*:\s*(\d+)/.exec(head)?.[1];
      const error = {
        category: 'internal',
        message: 'Grantline could not start its services; see the terminal that runs it.',
        hint: 'Fix the problem it printed, then restart "grantline serve".',
      } as const;
      answer(
        id === undefined
          ? { t: 'protocol-error', message: error.message }
          : { t: 'result', id: Number(id), result: { ok: false, error } },
      );
    };
    const onMessage = (ready: Calls, data: RawData, isBinary: boolean): void => {
      const frame = ready.parseCallFrame(data, isBinary, limits.frame);
      if (!frame.ok) {
        // With an id the page's pending call gets its answer; without one there is no call to answer.
        answer(
          frame.id === undefined
            ? { t: 'protocol-error', message: frame.message }
            : {
                t: 'result',
                id: frame.id,
                result: { ok: false, error: { category: 'validation', message: frame.message } },
              },
        );
        return;
      }
      const { id, channel, args } = frame.call;
      if (inFlight >= limits.maxCallsInFlight) {
        counters.refusedCalls++;
        answer({
          t: 'result',
          id,
          result: {
            ok: false,
            error: {
              category: 'conflict',
              message: `This page already has ${limits.maxCallsInFlight} calls running; ${channel} was not run.`,
              hint: 'Wait for the others to finish, or reload the page.',
            },
          },
        });
        return;
      }
      inFlight++;
      void ready
        .dispatch(ready.handlers, channel, args, { transport: 'browser' })
        .then((result) => {
          inFlight--;
          answer({ t: 'result', id, result });
        });
    };
  });

  let unsubscribe: (() => void) | undefined;
  let closed = false;
  const subscribe = (context: AppContext): void => {
    if (closed) return;
    unsubscribe = context.events.subscribe((name, payload) => {
      const frame = JSON.stringify({ t: 'event', name, payload } satisfies HostFrame);
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
    });
  };
  if (options.context instanceof Promise) {
    // A context that never comes is reported by the calls (see answerUnavailable).
    options.context.then(subscribe, () => undefined);
  } else subscribe(options.context);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      closed = true;
      unsubscribe?.();
      for (const ws of sockets) ws.terminate();
      for (const socket of pending) socket.destroy();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  const stats = (): HostStats => ({
    webSockets: sockets.size,
    pendingConnections: pending.size,
    ...counters,
  });

  const createLaunchUrl = (ttlMs: number = LAUNCH_URL_TTL_MS): string => {
    const token = randomBytes(32).toString('base64url');
    launch = { token: Buffer.from(token), expires: Date.now() + ttlMs };
    return `http://127.0.0.1:${port}${LAUNCH_PREFIX}${token}`;
  };

  return {
    url: `http://127.0.0.1:${port}/#key=${key}`,
    createLaunchUrl,
    port,
    key,
    server,
    stats,
    close,
  };
}
