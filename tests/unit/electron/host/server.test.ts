import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAppContext } from '../../../../electron/core/app-context.js';
import { createHandlers } from '../../../../electron/core/handlers/handler-table.js';
import { KeyFileProtector } from '../../../../electron/core/secrets/key-file-protector.js';
import { createAppCore, type AppCore } from '../../../../electron/core/app-core.js';
import { openJsonStore } from '../../../../electron/core/storage/conf-json-store.js';
import { startHost, type RunningHost } from '../../../../electron/host/server.js';

let host: RunningHost;
let rendererDir: string;
let dataDir: string;
let services: AppCore;
const context = createAppContext({
  version: '9.9.9',
  mode: 'browser',
  dataDir: '/tmp/grantline-test',
  platform: 'linux',
  secretProtection: { backend: 'key-file', label: 'Key file', secure: false },
});

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'grantline-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Grantline</title>');
  writeFileSync(join(rendererDir, 'app.js'), 'export {};');
  writeFileSync(
    join(rendererDir, 'app.js.map'),
    '{"version":3,"sourcesContent":["secret source"]}',
  );
  dataDir = mkdtempSync(join(tmpdir(), 'grantline-data-'));
  services = createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: context.events,
  });
  host = await startHost({
    port: 0,
    rendererDir,
    context,
    handlers: createHandlers(context, services),
  });
});

afterAll(async () => {
  await host.close();
  await services.close();
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = { opened: true; ws: WebSocket } | { opened: false; status: number | undefined };

function connect(opts: { key?: string; origin?: string | null; host?: string }): Promise<Outcome> {
  const protocols = ['grantline.v1', ...(opts.key === undefined ? [] : [`key.${opts.key}`])];
  const headers: Record<string, string> = {};
  if (opts.host) headers.Host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws`, protocols, {
    headers,
    ...(opts.origin === null ? {} : { origin: opts.origin ?? `http://127.0.0.1:${host.port}` }),
  });
  return new Promise((resolve) => {
    ws.on('open', () => resolve({ opened: true, ws }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
    });
    ws.on('error', () => resolve({ opened: false, status: undefined }));
  });
}

function call(ws: WebSocket, channel: string, args?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { t: string; id: number; result: unknown };
      if (frame.t === 'result' && frame.id === id) resolve(frame.result);
    });
    ws.send(JSON.stringify({ t: 'call', id, channel, args }));
  });
}

function httpGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode host', () => {
  it('prints a loopback URL with a long random key in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]{40,}$/);
  });

  it('accepts the right key and answers app:info through the shared handler table', async () => {
    const outcome = await connect({ key: host.key });
    expect(outcome.opened).toBe(true);
    if (!outcome.opened) return;
    const result = await call(outcome.ws, 'app:info');
    expect(result).toMatchObject({
      ok: true,
      value: { name: 'Grantline', version: '9.9.9', mode: 'browser' },
    });
    outcome.ws.close();
  });

  it('answers the update channels with unsupported: browser mode never updates itself', async () => {
    const outcome = await connect({ key: host.key });
    expect(outcome.opened).toBe(true);
    if (!outcome.opened) return;
    expect(await call(outcome.ws, 'app:update-status')).toEqual({
      ok: true,
      value: { state: 'unsupported', checkAutomatically: false },
    });
    expect(await call(outcome.ws, 'app:install-update', { force: true })).toEqual({
      ok: true,
      value: { outcome: 'unsupported' },
    });
    expect(await call(outcome.ws, 'app:set-update-check', { enabled: true })).toMatchObject({
      ok: true,
      value: { state: 'unsupported' },
    });
    outcome.ws.close();
  });

  it('refuses a missing key', async () => {
    expect(await connect({})).toEqual({ opened: false, status: 401 });
  });

  it('refuses a wrong key, including one of the right length', async () => {
    expect(await connect({ key: 'nope' })).toEqual({ opened: false, status: 401 });
    const sameLength = host.key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await connect({ key: sameLength })).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign Origin even with the right key', async () => {
    expect(await connect({ key: host.key, origin: 'http://evil.example' })).toEqual({
      opened: false,
      status: 403,
    });
    expect(await connect({ key: host.key, origin: `http://127.0.0.1:${host.port + 1}` })).toEqual({
      opened: false,
      status: 403,
    });
  });

  it('refuses an upgrade without Origin', async () => {
    expect(await connect({ key: host.key, origin: null })).toEqual({ opened: false, status: 403 });
  });

  it('refuses a foreign Host (DNS rebinding) on the WebSocket and on pages', async () => {
    expect(await connect({ key: host.key, host: `evil.example:${host.port}` })).toEqual({
      opened: false,
      status: 421,
    });
    expect((await httpGet('/', { Host: `rebind.example:${host.port}` })).status).toBe(421);
    expect((await httpGet('/', { Host: `127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('refuses cross-origin page requests and serves pages with a strict CSP', async () => {
    expect(
      (await httpGet('/', { Host: `127.0.0.1:${host.port}`, Origin: 'http://evil.example' }))
        .status,
    ).toBe(403);
    const ok = await httpGet('/', { Host: `localhost:${host.port}` });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(String(ok.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect(
      (await httpGet('/..%2f..%2fetc%2fpasswd', { Host: `127.0.0.1:${host.port}` })).status,
    ).toBe(404);
  });

  it('redirects a one-time launch address once, and refuses it when used again or late', async () => {
    const local = { Host: `127.0.0.1:${host.port}` };
    const launch = new URL(host.createLaunchUrl());
    expect(launch.href).not.toContain(host.key);
    const first = await httpGet(launch.pathname, local);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/#key=${host.key}`);
    expect(first.headers['cache-control']).toBe('no-store');
    expect((await httpGet(launch.pathname, local)).status).toBe(410);

    const late = new URL(host.createLaunchUrl(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await httpGet(late.pathname, local)).status).toBe(410);

    // A newer launch address voids the older one; a guessed one never works.
    const older = new URL(host.createLaunchUrl());
    const newer = new URL(host.createLaunchUrl());
    expect((await httpGet(older.pathname, local)).status).toBe(410);
    expect((await httpGet('/launch/guess', local)).status).toBe(410);
    expect((await httpGet(newer.pathname, local)).status).toBe(303);
  });

  it('serves the built scripts but not their source maps', async () => {
    const local = { Host: `127.0.0.1:${host.port}` };
    expect((await httpGet('/app.js', local)).status).toBe(200);
    expect((await httpGet('/app.js.map', local)).status).toBe(404);
    expect((await httpGet('/app.js%2Emap', local)).status).toBe(404);
  });

  it('rejects unknown channels and malformed arguments with a validation error', async () => {
    const outcome = await connect({ key: host.key });
    if (!outcome.opened) throw new Error('did not open');
    expect(await call(outcome.ws, 'secrets:read-everything')).toMatchObject({
      ok: false,
      error: { category: 'validation' },
    });
    expect(await call(outcome.ws, 'app:info', { unexpected: true })).toMatchObject({
      ok: false,
      error: { category: 'validation' },
    });
    outcome.ws.close();
  });

  it('forwards main → renderer events to connected pages', async () => {
    const outcome = await connect({ key: host.key });
    if (!outcome.opened) throw new Error('did not open');
    const got = new Promise((resolve) =>
      outcome.ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { t: string };
        if (frame.t === 'event') resolve(frame);
      }),
    );
    context.events.emit('app:notice', { level: 'info', message: 'hello' });
    expect(await got).toEqual({
      t: 'event',
      name: 'app:notice',
      payload: { level: 'info', message: 'hello' },
    });
    outcome.ws.close();
  });

  it('refuses a WebSocket past the cap with 503 and serves again once one closes', async () => {
    const small = await startHost({
      port: 0,
      rendererDir,
      context,
      handlers: createHandlers(context, services),
      limits: { maxWebSockets: 1 },
    });
    const first = new WebSocket(
      `ws://127.0.0.1:${small.port}/ws`,
      ['grantline.v1', `key.${small.key}`],
      {
        origin: `http://127.0.0.1:${small.port}`,
      },
    );
    await new Promise((resolve) => first.once('open', resolve));
    const second = new WebSocket(
      `ws://127.0.0.1:${small.port}/ws`,
      ['grantline.v1', `key.${small.key}`],
      {
        origin: `http://127.0.0.1:${small.port}`,
      },
    );
    const status = await new Promise((resolve) =>
      second.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(503);
    expect(small.stats()).toMatchObject({ webSockets: 1, refusedBusy: 1 });
    first.close();
    await expect.poll(() => small.stats().webSockets).toBe(0);
    await small.close();
  });

  it('answers a binary frame and a too-deep frame instead of ignoring them', async () => {
    const outcome = await connect({ key: host.key });
    if (!outcome.opened) throw new Error('did not open');
    const frames: unknown[] = [];
    outcome.ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
    outcome.ws.send(Buffer.from('{}'), { binary: true });
    outcome.ws.send(
      `{"t":"call","id":5,"channel":"app:info","args":${'['.repeat(100)}${']'.repeat(100)}}`,
    );
    await expect.poll(() => frames.length).toBe(2);
    expect(frames).toContainEqual({
      t: 'protocol-error',
      message: 'Binary messages are not accepted.',
    });
    expect(frames).toContainEqual({
      t: 'result',
      id: 5,
      result: {
        ok: false,
        error: {
          category: 'validation',
          message: expect.stringMatching(/nested deeper than 64/) as unknown,
        },
      },
    });
    outcome.ws.close();
  });
});
