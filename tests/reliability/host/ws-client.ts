import WebSocket from 'ws';
import type { CallFrame, HostFrame } from '#shared/ipc/ws-frames.js';

/** A test client for the host's frame protocol, with the raw socket at hand for malformed frames. */

export type Frame = HostFrame;

export type OpenOutcome =
  | { opened: true; client: WireClient }
  | { opened: false; status: number | undefined; error?: string };

export interface ConnectOptions {
  key?: string;
  /** null: send no Origin. */
  origin?: string | null;
  host?: string;
  path?: string;
}

/** Open a WebSocket to the host the way the page does (key as a subprotocol). */
export function connect(port: number, options: ConnectOptions = {}): Promise<OpenOutcome> {
  const protocols = ['grantline.v1', ...(options.key === undefined ? [] : [`key.${options.key}`])];
  const headers: Record<string, string> = {};
  if (options.host) headers.Host = options.host;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/ws'}`, protocols, {
    headers,
    ...(options.origin === null ? {} : { origin: options.origin ?? `http://127.0.0.1:${port}` }),
  });
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ opened: true, client: new WireClient(ws) }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (error) =>
      resolve({ opened: false, status: undefined, error: error.message }),
    );
  });
}

/** Open with the key or fail the test. */
export async function open(port: number, key: string): Promise<WireClient> {
  const outcome = await connect(port, { key });
  if (!outcome.opened)
    throw new Error(`could not connect: ${outcome.status} ${outcome.error ?? ''}`);
  return outcome.client;
}

export class WireClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<number>;
  private nextId = 1;
  private readonly waiters = new Set<(frame: Frame) => boolean>();

  constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      for (const waiter of this.waiters) if (waiter(frame)) this.waiters.delete(waiter);
    });
  }

  /** Resolves with the first frame (already received or coming) that `match` accepts. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching frame in time')), timeoutMs);
      this.waiters.add((frame) => {
        if (!match(frame)) return false;
        clearTimeout(timer);
        resolve(frame);
        return true;
      });
    });
  }

  /** Send a call as the page does and wait for its result. */
  async call(channel: string, args?: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ t: 'call', id, channel, args } satisfies CallFrame));
    const frame = await this.waitFor((f) => f.t === 'result' && f.id === id);
    return frame.t === 'result' ? frame.result : frame;
  }

  /** Send anything; the caller waits for whatever answer it expects. */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** A fresh id for hand-written frames. */
  id(): number {
    return this.nextId++;
  }

  close(): void {
    this.ws.terminate();
  }
}
