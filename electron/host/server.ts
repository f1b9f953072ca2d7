import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { AppContext } from '../core/app-context.js';
import { dispatch, type HandlerTable } from '../core/ipc/dispatch.js';
import { checkHostAndOrigin, checkUpgrade, WS_PROTOCOL } from './request-guard.js';
import { securityHeaders } from '../core/web/static-assets.js';
import { serveStatic } from './static-files.js';

export interface HostOptions {
  /** 0 or undefined: pick a free port. */
  port?: number;
  rendererDir: string;
  context: AppContext;
  handlers: HandlerTable;
  /** Fixed key for tests; normally a fresh random key per launch. */
  key?: string;
}

export interface RunningHost {
  url: string;
  port: number;
  key: string;
  server: Server;
  close(): Promise<void>;
}

const callSchema = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.unknown().optional(),
});

/** Biggest message a page may send; the contract's arguments are small. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  const text =
    status === 401 ? 'Unauthorized' : status === 421 ? 'Misdirected Request' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

/**
 * Browser mode: serves the built renderer and the IPC handler table over an authenticated
 * WebSocket on 127.0.0.1. The page proves it was opened from the printed URL by offering the
 * per-launch key (from the URL fragment, which browsers never send to servers) as a subprotocol.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const key = options.key ?? randomBytes(32).toString('base64url');
  let port = 0;
  const sockets = new Set<WebSocket>();

  const server = createServer((req, res) => {
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
    serveStatic(options.rendererDir, path, req.method, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, securityHeaders());
      res.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const verdict =
      path === '/ws'
        ? checkUpgrade(req, port, key)
        : ({ ok: false, status: 404, reason: 'Not found' } as const);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: z.infer<typeof callSchema>;
      try {
        message = callSchema.parse(JSON.parse(data.toString()));
      } catch {
        ws.send(JSON.stringify({ t: 'protocol-error', message: 'Malformed message.' }));
        return;
      }
      void dispatch(options.handlers, message.channel, message.args, { transport: 'browser' }).then(
        (result) => {
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ t: 'result', id: message.id, result }));
        },
      );
    });
  });

  const unsubscribe = options.context.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ t: 'event', name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

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
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://127.0.0.1:${port}/#key=${key}`, port, key, server, close };
}
