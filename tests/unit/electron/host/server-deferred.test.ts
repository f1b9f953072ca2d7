import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext, type AppContext } from '../../../../electron/core/app-context.js';
import type { HandlerTable } from '../../../../electron/core/ipc/dispatch.js';
import { startHost, type RunningHost } from '../../../../electron/host/server.js';

// `grantline serve` listens before the handler table is loaded (bench B6): the host takes
// promises of the context and handlers, and calls made meanwhile wait for them, in order.

const context = (): AppContext =>
  createAppContext({
    version: '9.9.9',
    mode: 'browser',
    dataDir: '/tmp/grantline-test',
    platform: 'linux',
    secretProtection: { backend: 'key-file', label: 'Key file', secure: false },
  });

let host: RunningHost | undefined;
let rendererDir: string | undefined;

afterEach(async () => {
  await host?.close();
  if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  host = undefined;
});

async function start(
  ctx: Promise<AppContext>,
  handlers: Promise<HandlerTable>,
): Promise<RunningHost> {
  rendererDir = mkdtempSync(join(tmpdir(), 'grantline-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Grantline</title>');
  host = await startHost({ port: 0, rendererDir, context: ctx, handlers });
  return host;
}

async function open(running: RunningHost): Promise<{ ws: WebSocket; frames: unknown[] }> {
  const ws = new WebSocket(
    `ws://127.0.0.1:${running.port}/ws`,
    ['grantline.v1', `key.${running.key}`],
    { origin: `http://127.0.0.1:${running.port}` },
  );
  const frames: unknown[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('startHost with a back end still loading', () => {
  it('answers the calls made before the handlers arrived, in the order they were sent', async () => {
    let provide!: (table: HandlerTable) => void;
    const handlers = new Promise<HandlerTable>((resolve) => (provide = resolve));
    const ctx = context();
    const running = await start(Promise.resolve(ctx), handlers);
    const { ws, frames } = await open(running);
    for (const id of [1, 2, 3]) ws.send(JSON.stringify({ t: 'call', id, channel: 'app:info' }));
    // Nothing can be answered yet: the page waits rather than getting an error.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frames).toEqual([]);
    const seen: number[] = [];
    let n = 0;
    provide({
      'app:info': () => {
        seen.push(++n);
        return Promise.resolve({
          name: 'Grantline',
          version: '9.9.9',
          mode: 'browser',
          dataDir: '/tmp/grantline-test',
          platform: 'linux',
          secretProtection: { backend: 'key-file', label: 'Key file', secure: false },
          notices: [],
        });
      },
    } as unknown as HandlerTable);
    await until(() => frames.length === 3);
    expect(seen).toEqual([1, 2, 3]);
    expect(frames.map((f) => (f as { id: number }).id)).toEqual([1, 2, 3]);
    expect(frames.every((f) => (f as { result: { ok: boolean } }).result.ok)).toBe(true);
    // Events reach the page once the context is in.
    ctx.events.emit('app:notice', { level: 'info', message: 'hello' });
    await until(() => frames.length === 4);
    expect(frames[3]).toMatchObject({ t: 'event', name: 'app:notice' });
    ws.close();
  });

  it('answers every call with an error when the back end failed to load', async () => {
    const failure = Promise.reject(new Error('keyring locked'));
    const running = await start(
      failure.then(() => context()),
      failure.then(() => ({}) as HandlerTable),
    );
    const { ws, frames } = await open(running);
    ws.send(JSON.stringify({ t: 'call', id: 7, channel: 'app:info' }));
    await until(() => frames.length === 1);
    expect(frames[0]).toMatchObject({
      t: 'result',
      id: 7,
      result: { ok: false, error: { category: 'internal' } },
    });
    expect(JSON.stringify(frames[0])).toContain('see the terminal');
    ws.close();
  });
});
