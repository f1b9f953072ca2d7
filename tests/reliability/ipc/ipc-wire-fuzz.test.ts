import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '#shared/errors.js';
import { channels, contract } from '#shared/ipc/contract.js';
import { startHost, type RunningHost } from '../../../electron/host/server.js';
import { open, type WireClient } from '../host/ws-client.js';
import { createCoreFixture, type CoreFixture } from './core-fixture.js';
import { fuzzChannel } from './fuzz-channel.js';
import { validArgs } from './valid-args.js';

// Fuzzing over the wire: the real host (server.ts, in-process) and the real handlers, fed
// broken calls through an authenticated WebSocket. The malformed-frame cases are in
// ipc-wire-frames.test.ts.
const RUNS = Number(process.env.GRANTLINE_WIRE_FUZZ_RUNS ?? 300);
const FRAME_REFUSAL = /^The call was not run: it is (nested deeper|more than)/;

let fixture: CoreFixture;
let host: RunningHost;
let client: WireClient;
const totals = { invalid: 0, refused: 0, accepted: 0, started: 0 };

beforeAll(async () => {
  fixture = createCoreFixture();
  host = await startHost({
    port: 0,
    rendererDir: fixture.rendererDir,
    context: fixture.context,
    handlers: fixture.handlers,
  });
  client = await open(host.port, host.key);
  totals.started = Date.now();
});

afterAll(async () => {
  const seconds = ((Date.now() - totals.started) / 1000).toFixed(1);
  console.log(
    `[ipc-fuzz] over the wire: ${totals.invalid} invalid call frames over ${channels.length} channels in ${seconds} s ` +
      `(${totals.refused} refused by the frame guard before parsing, the rest by the schema; ${totals.accepted} valid samples set aside)`,
  );
  client?.close();
  await host?.close();
  await fixture?.close();
});

describe('IPC fuzzing through the browser-mode host', () => {
  for (const channel of channels) {
    it(`${channel}: invalid call frames get a validation error; a new connection is still served`, async () => {
      const counts = await fuzzChannel({
        channel,
        base: validArgs[channel],
        runs: RUNS,
        call: (args) => client.call(channel, args) as Promise<IpcResult<unknown>>,
        handlerCalls: () => fixture.totalCalls(),
        json: true,
        refusal: FRAME_REFUSAL,
      });
      totals.invalid += counts.invalid;
      totals.refused += counts.refused;
      totals.accepted += counts.accepted;
      // Schemas of all-optional fields (secrets:set) accept many samples; a third is still plenty.
      expect(counts.invalid).toBeGreaterThan(RUNS / 3);

      const fresh = await open(host.port, host.key);
      expect(await fresh.call('app:info')).toMatchObject({
        ok: true,
        value: { name: 'Grantline' },
      });
      fresh.close();
    });
  }

  it('sent the fuzzer one frame per channel of the contract and ran no handler', () => {
    expect(channels.length).toBe(Object.keys(contract).length);
    // Only the app:info calls on fresh connections above reached a handler.
    expect(fixture.totalCalls()).toBe(fixture.calls.get('app:info') ?? 0);
    expect(fixture.totalCalls()).toBe(channels.length);
  });
});
