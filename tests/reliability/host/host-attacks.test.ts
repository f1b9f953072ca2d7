import { request } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../../electron/host/server.js';
import { createCoreFixture } from '../ipc/core-fixture.js';
import { startHostChild, type HostChild } from './host-child.js';
import { connect, open, type OpenOutcome, type WireClient } from './ws-client.js';

// Attacks on the browser-mode host. The flood tests run the host in a process of
// its own (from the TS sources) so its memory can be read and its survival observed.

const LIMITS = {
  maxWebSockets: 16,
  maxPendingConnections: 64,
  headersTimeoutMs: 2_000,
  idleTimeoutMs: 4_000,
};
const FLOOD = 2_000;
const MB = 1024 * 1024;

let child: HostChild;
let legit: WireClient;
let baselineRss = 0;

beforeAll(async () => {
  child = await startHostChild(LIMITS);
  legit = await open(child.port, child.key);
  expect(await legit.call('app:info')).toMatchObject({ ok: true });
  baselineRss = (await child.stats()).rss;
});

afterAll(async () => {
  legit?.close();
  await child?.stop();
});

function statusOf(outcome: OpenOutcome): string {
  return outcome.opened ? 'opened' : String(outcome.status ?? 'reset');
}

function tally(outcomes: OpenOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[statusOf(outcome)] = (counts[statusOf(outcome)] ?? 0) + 1;
  return counts;
}

function httpGet(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode host under attack', () => {
  it('refuses no key, a wrong key, a key in the URL, a foreign Origin and a rebinding Host', async () => {
    const port = child.port;
    const cases: [string, Parameters<typeof connect>[1], number][] = [
      ['no key', {}, 401],
      ['wrong key', { key: 'x'.repeat(child.key.length) }, 401],
      ['key in the query', { path: `/ws?key=${child.key}` }, 401],
      ['foreign Origin', { key: child.key, origin: 'http://evil.example' }, 403],
      ['Origin on another port', { key: child.key, origin: `http://127.0.0.1:${port + 1}` }, 403],
      ['no Origin', { key: child.key, origin: null }, 403],
      ['rebinding Host', { key: child.key, host: `evil.example:${port}` }, 421],
      ['Host without port', { key: child.key, host: '127.0.0.1' }, 421],
      ['look-alike Host', { key: child.key, host: `127.0.0.1.evil.example:${port}` }, 421],
      ['other path', { key: child.key, path: '/socket' }, 404],
    ];
    for (const [name, options, status] of cases) {
      expect(statusOf(await connect(port, options)), name).toBe(String(status));
    }
    expect(await httpGet(port, { Host: `rebind.example:${port}` })).toBe(421);
    expect(await legit.call('app:info')).toMatchObject({ ok: true });
  });

  it(`survives ${FLOOD} upgrades at once without the key, still serving its page`, async () => {
    const flood = Array.from({ length: FLOOD }, () =>
      connect(child.port, { key: 'A'.repeat(child.key.length) }),
    );
    // Served while the flood is in flight, on the connection it already had.
    expect(await legit.call('connections:list')).toMatchObject({ ok: true });
    const outcomes = await Promise.all(flood);
    const counts = tally(outcomes);
    console.log(`[host-attacks] ${FLOOD} keyless upgrades at once: ${JSON.stringify(counts)}`);
    // Refused with 401, or dropped unanswered when the pending-connection cap evicted it.
    expect(counts.opened ?? 0).toBe(0);
    expect((counts['401'] ?? 0) + (counts.reset ?? 0)).toBe(FLOOD);
    expect(counts['401']).toBeGreaterThan(0);
    const stats = await child.stats();
    expect(stats.webSockets).toBe(1);
    expect(child.alive()).toBe(true);
    const fresh = await open(child.port, child.key);
    expect(await fresh.call('app:info')).toMatchObject({ ok: true });
    fresh.close();
  });

  it(`caps WebSockets at ${LIMITS.maxWebSockets} when ${FLOOD} keyed upgrades arrive at once`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: FLOOD }, () => connect(child.port, { key: child.key })),
    );
    const counts = tally(outcomes);
    console.log(`[host-attacks] ${FLOOD} keyed upgrades at once: ${JSON.stringify(counts)}`);
    // The page's own socket holds one of the slots.
    expect(counts.opened).toBe(LIMITS.maxWebSockets - 1);
    expect((counts['503'] ?? 0) + (counts.reset ?? 0)).toBe(FLOOD - (counts.opened ?? 0));
    expect(counts['503']).toBeGreaterThan(0);
    const during = await child.stats();
    expect(during.webSockets).toBe(LIMITS.maxWebSockets);
    expect(await legit.call('app:info')).toMatchObject({ ok: true });
    for (const outcome of outcomes) if (outcome.opened) outcome.client.close();
    await expect.poll(async () => (await child.stats()).webSockets).toBe(1);
    const fresh = await open(child.port, child.key);
    expect(await fresh.call('app:info')).toMatchObject({ ok: true });
    fresh.close();
  });

  it('drops half-sent requests (slowloris) past the cap and after the header timeout, serving pages meanwhile', async () => {
    const sockets: Socket[] = [];
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const socket = tcpConnect(child.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume(); // 'close' only follows the server's FIN once the socket is read
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${child.port}\r\nX-Slow: `);
      closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
      sockets.push(socket);
    }
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write('a');
    }, 300);
    try {
      // Wait for the host to act on the flood (its first eviction), not for a fixed time.
      await expect
        .poll(async () => (await child.stats()).evicted, { timeout: 10_000 })
        .toBeGreaterThan(0);
      const during = await child.stats();
      expect(during.pendingConnections).toBeLessThanOrEqual(LIMITS.maxPendingConnections);
      expect(during.evicted).toBeGreaterThan(0);
      expect(await httpGet(child.port, { Host: `127.0.0.1:${child.port}` })).toBe(200);
      expect(await legit.call('app:info')).toMatchObject({ ok: true });
      // Trickling bytes does not keep a request alive past the header timeout.
      const started = Date.now();
      await Promise.all(closed);
      expect(Date.now() - started).toBeLessThan(LIMITS.headersTimeoutMs + 3_000);
    } finally {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    }
    // The host hears of the last closes a moment after this side destroyed its sockets.
    await expect
      .poll(async () => (await child.stats()).pendingConnections, { timeout: 10_000 })
      .toBeLessThanOrEqual(2);
  });

  it('closes idle connections that never send a byte', async () => {
    const silent = Array.from({ length: 50 }, () => {
      const socket = tcpConnect(child.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume();
      return new Promise<void>((resolve) => socket.once('close', () => resolve()));
    });
    const started = Date.now();
    await Promise.all(silent);
    expect(Date.now() - started).toBeLessThan(LIMITS.idleTimeoutMs + 3_000);
  });

  it('stays up with bounded memory after the floods', async () => {
    const stats = await child.stats();
    console.log(
      `[host-attacks] host RSS ${(baselineRss / MB).toFixed(0)} MB before the floods, ${(stats.rss / MB).toFixed(0)} MB after; ` +
        `${stats.evicted} half-open connections evicted, ${stats.refusedBusy} upgrades refused as busy`,
    );
    expect(child.alive()).toBe(true);
    expect(stats.rss - baselineRss).toBeLessThan(150 * MB);
    expect(stats.webSockets).toBe(1);
    expect(await legit.call('app:info')).toMatchObject({ ok: true });
  });
});

describe('per-launch key', () => {
  it('refuses a key replayed from a previous launch on the same port', async () => {
    const fixture = createCoreFixture();
    const options = {
      rendererDir: fixture.rendererDir,
      context: fixture.context,
      handlers: fixture.handlers,
    };
    const first = await startHost({ ...options, port: 0 });
    const oldKey = first.key;
    const port = first.port;
    await first.close();
    const second = await startHost({ ...options, port });
    try {
      expect(second.key).not.toBe(oldKey);
      expect(await connect(port, { key: oldKey })).toEqual({ opened: false, status: 401 });
      const page = await open(port, second.key);
      expect(await page.call('app:info')).toMatchObject({ ok: true });
      page.close();
    } finally {
      await second.close();
      await fixture.close();
    }
  });
});
