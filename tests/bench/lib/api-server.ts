import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The local API the composer benchmarks call: a small JSON answer and a large one, each starting
 * with a marker the bench sets before every run (so "rendered" means "this run's answer is on
 * screen"). It ignores the bearer token: the floors (a page's fetch, a plain tab) send none.
 */
export interface BenchApi {
  origin: string;
  /** The marker the next answers carry. */
  setMarker(marker: string): void;
  /** Requests per path, and how many carried `Authorization: Bearer …`. */
  hits(path: string): { total: number; withBearer: number };
  bigBytes(marker: string): number;
  close(): Promise<void>;
}

const ITEM_BYTES = 480;

function item(i: number): string {
  const head = `{"id":${i},"name":"item ${i}","active":${i % 3 !== 0},"tags":["alpha","beta"],"score":${(i % 997) / 10},"text":"`;
  const tail = '"}';
  return head + 'x'.repeat(Math.max(0, ITEM_BYTES - head.length - tail.length)) + tail;
}

/**
 * The body of /big.json after its first line: one item per line (as a pretty-printer or an
 * NDJSON-minded API lays it out), about `bytes` in all.
 */
function bigTail(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = (i === 0 ? '' : ',\n') + item(i);
    lines.push(line);
    size += line.length;
  }
  lines.push('\n]}\n');
  return Buffer.from(lines.join(''), 'latin1');
}

const bigHead = (marker: string): Buffer =>
  Buffer.from(`{"marker":"${marker}","generated":"grantline-bench","items":[\n`, 'latin1');

/** Start the API on 127.0.0.1 with a /big.json of about `bigMiB` MiB (built once, in memory). */
export async function startBenchApi(bigMiB: number): Promise<BenchApi> {
  let marker = 'none';
  const tail = bigTail(bigMiB * 1024 * 1024);
  const counts = new Map<string, { total: number; withBearer: number }>();
  const sockets = new Set<Socket>();

  const send = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const count = counts.get(path) ?? { total: 0, withBearer: 0 };
    count.total += 1;
    if (/^Bearer \S+/i.test(String(req.headers.authorization ?? ''))) count.withBearer += 1;
    counts.set(path, count);
    const common = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (path === '/small.json') {
      const body = JSON.stringify({
        marker,
        status: 'ok',
        items: [
          { id: 1, name: 'alpha', active: true },
          { id: 2, name: 'beta', active: false },
          { id: 3, name: 'gamma', active: true },
        ],
      });
      res.writeHead(200, {
        ...common,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
      return;
    }
    if (path === '/big.json') {
      const head = bigHead(marker);
      res.writeHead(200, {
        ...common,
        'content-type': 'application/json',
        'content-length': String(head.length + tail.length),
      });
      res.write(head);
      res.end(tail);
      return;
    }
    res.writeHead(404, { ...common, 'content-type': 'application/json' });
    res.end('{"error":"not_found"}');
  };

  const server = createServer(send);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setMarker: (next) => {
      marker = next;
    },
    hits: (path) => ({ ...(counts.get(path) ?? { total: 0, withBearer: 0 }) }),
    bigBytes: (m) => bigHead(m).length + tail.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
