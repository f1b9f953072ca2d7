import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerTable } from '../../../electron/core/ipc/dispatch.js';
import { startHost, type RunningHost } from '../../../electron/host/server.js';
import { createCoreFixture, type CoreFixture } from '../ipc/core-fixture.js';
import { open } from './ws-client.js';

// A page holding the key cannot make the host hold unbounded work or replies: calls beyond the
// per-page cap are answered at once without running, and a page that stops reading its replies
// has its socket closed instead of the host queueing them in memory.

const MAX_IN_FLIGHT = 4;
let fixture: CoreFixture;
let host: RunningHost;
/** Releases the gated app:info calls. */
let release: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  fixture = createCoreFixture();
  const handlers = {
    ...fixture.handlers,
    // app:info waits at the gate, so calls pile up as running.
    'app:info': async (args: unknown, ctx: unknown) => {
      await gate;
      return (fixture.handlers['app:info'] as (a: unknown, c: unknown) => Promise<unknown>)(
        args,
        ctx,
      );
    },
  } as HandlerTable;
  host = await startHost({
    port: 0,
    rendererDir: fixture.rendererDir,
    context: fixture.context,
    handlers,
    limits: { maxCallsInFlight: MAX_IN_FLIGHT, maxBufferedBytes: 256 * 1024 },
  });
});
afterAll(async () => {
  await host?.close();
  await fixture?.close();
});

describe('calls from one page', () => {
  it('beyond the cap are answered at once without running, and the page is served again after', async () => {
    gate = new Promise((resolve) => (release = resolve));
    const page = await open(host.port, host.key);
    const running = Array.from({ length: MAX_IN_FLIGHT }, () => page.call('app:info'));
    const refused = await page.call('app:info');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        category: 'conflict',
        message: expect.stringMatching(/already has 4 calls running/),
      },
    });
    expect(host.stats().refusedCalls).toBe(1);
    release();
    for (const result of await Promise.all(running)) expect(result).toMatchObject({ ok: true });
    expect(await page.call('app:info')).toMatchObject({ ok: true });
    page.close();
  });

  it('a page that stops reading its replies is disconnected; others are still served', async () => {
    gate = Promise.resolve();
    const slow = await open(host.port, host.key);
    // Stop reading: replies pile up in the host's send buffer once the kernel's are full.
    (slow.ws as unknown as { _socket: Socket })._socket.pause();
    const token = `eyJhbGciOiJub25lIn0.${Buffer.from(
      JSON.stringify({ pad: 'x'.repeat(600_000) }),
    ).toString('base64url')}.`;
    for (let i = 0; i < 40; i++) {
      slow.sendRaw(
        JSON.stringify({ t: 'call', id: i + 1, channel: 'inspector:decode', args: { token } }),
      );
    }
    await expect.poll(() => host.stats().closedSlowReaders, { timeout: 20_000 }).toBe(1);
    const other = await open(host.port, host.key);
    expect(await other.call('app:info')).toMatchObject({ ok: true });
    other.close();
  });
});
