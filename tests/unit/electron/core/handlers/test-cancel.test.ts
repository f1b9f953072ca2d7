import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import {
  faultRoutes,
  startFaultServer,
  type FaultServer,
} from '../../../../fixtures/fault-server/index.js';
import { dispatch } from '../../../../../electron/core/ipc/dispatch.js';
import type { IpcResult } from '#shared/errors.js';
import type { ChannelResult } from '#shared/ipc/contract.js';

type TestResult = IpcResult<ChannelResult<'tokens:test'>>;

// The wizard's "Stop waiting" cancels the test in main: the token request is aborted (the server
// sees the client leave) instead of staying open until its timeout.

let faults: FaultServer;
let rig: HandlerRig;
beforeAll(async () => {
  faults = await startFaultServer();
  rig = createHandlerRig({ name: 'grantline-test-cancel' });
});
afterAll(async () => {
  await rig?.close();
  await faults?.close();
});

const testArgs = (testId?: string) => ({
  connection: {
    name: 'draft',
    presetId: 'generic-oauth2',
    tokenUrl: faults.url(faultRoutes.hang),
    clientId: 'client',
    // Far beyond the test: only the cancel can end it in time.
    timeoutMs: 600_000,
  },
  secrets: { clientSecret: 'secret' },
  ...(testId !== undefined ? { testId } : {}),
});

describe('tokens:cancel-test', () => {
  it('aborts a running test: the call ends at once and the server sees the request closed', async () => {
    const running = dispatch(rig.handlers, 'tokens:test', testArgs('wizard-test-a'), {
      transport: 'test',
    });
    await expect.poll(() => faults.count(faultRoutes.hang)).toBe(1);
    expect(await rig.call('tokens:cancel-test', { testId: 'wizard-test-a' })).toEqual({
      cancelled: true,
    });
    const result = (await running) as TestResult;
    // The test answers a report; a cancelled one says so instead of waiting 600 s for a timeout.
    expect(result.ok && result.value.ok).toBe(false);
    expect(result.ok ? result.value.error?.category : result.error.category).toBe('cancelled');
    await faults.closedResponse(faultRoutes.hang, 5_000);
  });

  it('answers cancelled: false for a test that is not running, and leaves others alone', async () => {
    expect(await rig.call('tokens:cancel-test', { testId: 'never-started' })).toEqual({
      cancelled: false,
    });
    const other = dispatch(rig.handlers, 'tokens:test', testArgs('wizard-test-b'), {
      transport: 'test',
    });
    await expect.poll(() => faults.count(faultRoutes.hang)).toBe(2);
    expect(await rig.call('tokens:cancel-test', { testId: 'wizard-test-c' })).toEqual({
      cancelled: false,
    });
    // Cancelling another id left this test running: its own cancel still finds it.
    expect(await rig.call('tokens:cancel-test', { testId: 'wizard-test-b' })).toEqual({
      cancelled: true,
    });
    const ended = (await other) as TestResult;
    expect(ended.ok ? ended.value.error?.category : ended.error.category).toBe('cancelled');
  });
});
