import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatch } from '../../../electron/core/ipc/dispatch.js';
import type { IpcResult } from '#shared/errors.js';
import { channels, contract, requestsChannels } from '#shared/ipc/contract.js';
import { createCoreFixture, type CoreFixture } from './core-fixture.js';
import { fuzzChannel } from './fuzz-channel.js';
import { validArgs } from './valid-args.js';

// Fuzzing in-process: every channel of the contract through the real dispatch and the
// real handlers on a temp data dir. GRANTLINE_FUZZ_RUNS raises the runs per channel for a soak.
const RUNS = Number(process.env.GRANTLINE_FUZZ_RUNS ?? 2_500);

let fixture: CoreFixture;
let filesBefore: string[];
let validCalls = 0;
const totals = { invalid: 0, accepted: 0, hugeAccepted: [] as string[], started: 0 };

async function answersValidCalls(): Promise<void> {
  for (const channel of ['app:info', 'connections:list'] as const) {
    const result = await dispatch(fixture.handlers, channel, undefined, { transport: 'test' });
    validCalls++;
    expect(result, channel).toMatchObject({ ok: true });
  }
}

beforeAll(async () => {
  fixture = createCoreFixture();
  await answersValidCalls();
  filesBefore = fixture.files();
  totals.started = Date.now();
});

afterAll(async () => {
  const seconds = ((Date.now() - totals.started) / 1000).toFixed(1);
  console.log(
    `[ipc-fuzz] in-process: ${totals.invalid} invalid payloads over ${channels.length} channels, ` +
      `each answered with a validation error, in ${seconds} s (${totals.accepted} generated samples were valid and set aside)`,
  );
  if (totals.hugeAccepted.length > 0) {
    const places = [...new Set(totals.hugeAccepted.map((line) => line.replace(/ \(.*$/, '')))];
    console.log(`[ipc-fuzz] schemas that accept a string of 1 MB or more: ${places.join('; ')}`);
  }
  await fixture?.close();
});

describe('IPC fuzzing through dispatch (in-process)', () => {
  it('covers every channel of the contract, each with a valid sample the schema accepts', () => {
    expect(channels.length).toBe(Object.keys(contract).length);
    expect(Object.keys(validArgs).sort()).toEqual([...channels].sort());
    for (const channel of channels) {
      const verdict = contract[channel].args.safeParse(validArgs[channel]);
      expect(verdict.error?.issues, channel).toBeUndefined();
    }
  });

  for (const channel of channels) {
    it(`${channel}: invalid arguments get a validation error and never reach the handler`, async () => {
      const counts = await fuzzChannel({
        channel,
        base: validArgs[channel],
        runs: RUNS,
        call: (args) => dispatch(fixture.handlers, channel, args, { transport: 'test' }),
        handlerCalls: () => fixture.totalCalls(),
        json: false,
      });
      totals.invalid += counts.invalid;
      totals.accepted += counts.accepted;
      totals.hugeAccepted.push(...counts.hugeAccepted);
      // Most samples must be invalid, or the fuzzer is not exercising the schema.
      // All-optional schemas (secrets:set) accept many samples; a third is still thousands.
      expect(counts.invalid).toBeGreaterThan(RUNS / 3);
      await answersValidCalls();
    });
  }

  it('ran no handler but the valid calls and wrote nothing to the data dir', () => {
    expect(fixture.totalCalls()).toBe(validCalls);
    expect(fixture.files()).toEqual(filesBefore);
  });
});

// Controls: the same fuzzer must fail against transports that are broken on purpose, or the
// assertions above prove nothing.
describe('IPC fuzzer controls', () => {
  it('catches a dispatcher whose schema for requests:read-body lost its bounds', async () => {
    const weakened = requestsChannels['requests:read-body'].args.extend({
      offset: z.number(),
      length: z.number(),
    });
    let reached = 0;
    const run = fuzzChannel({
      channel: 'requests:read-body',
      base: validArgs['requests:read-body'],
      runs: 500,
      call: async (args): Promise<IpcResult<unknown>> => {
        if (!weakened.safeParse(args).success) {
          return dispatch(fixture.handlers, 'requests:read-body', args, { transport: 'test' });
        }
        reached++;
        return { ok: true, value: null };
      },
      handlerCalls: () => reached,
      json: false,
    });
    await expect(run).rejects.toThrow(/reached the handler/);
  });

  it('catches a transport that merges arguments into an object before validating', async () => {
    const run = fuzzChannel({
      channel: 'connections:save',
      base: validArgs['connections:save'],
      runs: 1_000,
      call: (args) => {
        naiveMerge({}, args);
        return dispatch(fixture.handlers, 'connections:save', args, { transport: 'test' });
      },
      handlerCalls: () => fixture.totalCalls(),
      json: false,
    });
    await expect(run).rejects.toThrow(/prototypes were polluted/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('catches validation messages that do not say which field is wrong', async () => {
    const run = fuzzChannel({
      channel: 'tokens:reveal',
      base: validArgs['tokens:reveal'],
      runs: 200,
      call: async () => ({
        ok: false,
        error: {
          category: 'validation',
          message: 'Invalid arguments for tokens:reveal: bad input',
        },
      }),
      handlerCalls: () => 0,
      json: false,
    });
    await expect(run).rejects.toThrow(/does not name the field/);
  });
});

/**
 * The classic vulnerable deep merge, used only by the control above. It stops descending at 100
 * levels so the fuzzer's 10,000-deep payloads end in pollution, not in a stack overflow.
 */
function naiveMerge(target: Record<string, unknown>, source: unknown, depth = 0): void {
  if (typeof source !== 'object' || source === null || depth > 100) return;
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    try {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        target[key] ??= {};
        naiveMerge(target[key] as Record<string, unknown>, value, depth + 1);
      } else {
        target[key] = value;
      }
    } catch {
      // Setting the prototype of Object.prototype (`__proto__.__proto__`) throws; by then the
      // pollution this control is about has already happened.
    }
  }
}
