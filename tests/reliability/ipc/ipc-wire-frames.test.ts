import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server.js';
import { connect, open, type Frame, type WireClient } from '../host/ws-client.js';
import { createCoreFixture, type CoreFixture } from './core-fixture.js';

// Malformed frames against the real host: each gets the designed answer (an error result for the
// call's id, a protocol error, or a closed socket) and the host keeps serving new connections.

const MAX_FRAME = 8 * 1024 * 1024;
let fixture: CoreFixture;
let host: RunningHost;
let client: WireClient;
let frames = 0;

beforeAll(async () => {
  fixture = createCoreFixture();
  host = await startHost({
    port: 0,
    rendererDir: fixture.rendererDir,
    context: fixture.context,
    handlers: fixture.handlers,
  });
  client = await open(host.port, host.key);
});

afterAll(async () => {
  console.log(`[ipc-fuzz] malformed frames: ${frames} sent, each answered as designed`);
  client?.close();
  await host?.close();
  await fixture?.close();
});

async function stillServes(): Promise<void> {
  const fresh = await open(host.port, host.key);
  expect(await fresh.call('app:info')).toMatchObject({ ok: true });
  fresh.close();
}

function send(data: string | Buffer, binary = false): void {
  frames++;
  client.sendRaw(data, binary);
}

const protocolError = (f: Frame): boolean => f.t === 'protocol-error' && !('id' in f);
const resultFor =
  (id: number) =>
  (f: Frame): boolean =>
    f.t === 'result' && f.id === id;

async function nextProtocolError(action: () => void): Promise<Frame> {
  const before = client.frames.filter(protocolError).length;
  action();
  await client.waitFor(() => client.frames.filter(protocolError).length > before);
  return client.frames.filter(protocolError)[before] as Frame;
}

describe('malformed frames over the WebSocket', () => {
  it('answers text that is not JSON, binary frames and calls without an id with a protocol error', async () => {
    for (const text of [
      'not json',
      '{',
      '',
      '"\ud800',
      'null',
      '[]',
      '{"t":"call","channel":"app:info"}',
    ]) {
      expect(await nextProtocolError(() => send(text))).toMatchObject({ t: 'protocol-error' });
    }
    const binary = await nextProtocolError(() => send(Buffer.from('{"t":"call","id":1}'), true));
    expect(binary).toMatchObject({ message: expect.stringMatching(/Binary/) as unknown });
    await stillServes();
  });

  it('answers a bad call that has an id with an error result for that id', async () => {
    const id = client.id();
    send(JSON.stringify({ t: 'call', id, channel: 42 }));
    expect(await client.waitFor(resultFor(id))).toMatchObject({
      result: { ok: false, error: { category: 'validation' } },
    });
  });

  it('answers both calls when an id is reused, and an unknown channel with a validation error', async () => {
    const id = client.id();
    send(JSON.stringify({ t: 'call', id, channel: 'app:info' }));
    send(JSON.stringify({ t: 'call', id, channel: 'secrets:read-everything' }));
    await client.waitFor(() => client.frames.filter(resultFor(id)).length === 2);
    const results = client.frames
      .filter(resultFor(id))
      .map((f) => (f as { result: unknown }).result);
    expect(results).toContainEqual(expect.objectContaining({ ok: true }));
    expect(results).toContainEqual({
      ok: false,
      error: {
        category: 'validation',
        message: expect.stringMatching(/Unknown channel/) as unknown,
      },
    });
  });

  it('refuses 10k-deep JSON before parsing it', async () => {
    const id = client.id();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    send(`{"t":"call","id":${id},"channel":"tokens:reveal","args":${deep}}`);
    expect(await client.waitFor(resultFor(id))).toMatchObject({
      result: {
        ok: false,
        error: {
          category: 'validation',
          message: expect.stringMatching(/nested deeper than 64/) as unknown,
        },
      },
    });
    // Without a recognisable id there is no call to answer, only the protocol error.
    expect(await nextProtocolError(() => send(deep))).toMatchObject({
      message: expect.stringMatching(/nested deeper/) as unknown,
    });
    expect(fixture.calls.get('tokens:reveal')).toBeUndefined();
  });

  it('refuses a frame just under the limit full of nesting or tiny values without stalling', async () => {
    // Parsed, each of these took 1–2 s of blocked event loop and 100–260 MB before the guard.
    const half = (MAX_FRAME - 100) / 2;
    const bodies = [
      '['.repeat(half) + ']'.repeat(half),
      `[${'[],'.repeat((MAX_FRAME - 100) / 3 - 1)}[]]`,
    ];
    for (const body of bodies) {
      const id = client.id();
      const started = Date.now();
      send(`{"t":"call","id":${id},"channel":"app:info","args":${body}}`);
      const frame = await client.waitFor(resultFor(id));
      expect(frame).toMatchObject({ result: { ok: false, error: { category: 'validation' } } });
      expect(Date.now() - started).toBeLessThan(1_500);
    }
    await stillServes();
  });

  it('answers a valid frame just under the size limit and closes the socket with 1009 just over it', async () => {
    const id = client.id();
    const envelope = `{"t":"call","id":${id},"channel":"requests:import-curl","args":{"connectionId":"c","command":""}}`;
    const command = 'x'.repeat(MAX_FRAME - envelope.length);
    const under = envelope.replace('"command":""', `"command":"${command}"`);
    expect(Buffer.byteLength(under)).toBe(MAX_FRAME);
    send(under);
    expect(await client.waitFor(resultFor(id))).toMatchObject({
      result: {
        ok: false,
        error: { category: 'validation', message: expect.stringMatching(/command/) as unknown },
      },
    });

    const victim = await open(host.port, host.key);
    victim.sendRaw(`${under} `);
    frames++;
    expect(await victim.closed).toBe(1009);
    await stillServes();
  });

  it('closes the socket with 1007 on a text frame that is not UTF-8', async () => {
    const victim = await open(host.port, host.key);
    victim.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    frames++;
    expect(await victim.closed).toBe(1007);
    await stillServes();
    const again = await connect(host.port, { key: host.key });
    expect(again.opened).toBe(true);
    if (again.opened) again.client.close();
  });
});
