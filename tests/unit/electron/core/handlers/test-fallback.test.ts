import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import {
  faultRoutes,
  startFaultServer,
  type FaultServer,
} from '../../../../fixtures/fault-server/index.js';

// A failed wizard test re-sends the secret with other client-authentication methods only among
// those the preset accepts, and not at all when the user turned it off: providers lock accounts
// after failed attempts.

let faults: FaultServer;
let rig: HandlerRig;
beforeAll(async () => {
  faults = await startFaultServer();
  rig = createHandlerRig({ name: 'grantline-test-fallback' });
});
afterAll(async () => {
  await rig?.close();
  await faults?.close();
});

const rejecting = (presetId: string, authMethod?: string) => ({
  connection: {
    name: 'draft',
    presetId,
    // Answers 401 to everything: a rejected client.
    tokenUrl: faults.url(faultRoutes.echo),
    clientId: 'client',
    ...(authMethod !== undefined ? { authMethod } : {}),
  },
  secrets: { clientSecret: 'a-wrong-secret-long-enough-for-hs256-signing' },
});

async function attemptsOf(args: object): Promise<{ methods: string[]; sent: number }> {
  const before = faults.count(faultRoutes.echo);
  const report = await rig.call('tokens:test', args);
  expect(report.ok).toBe(false);
  return {
    methods: report.attempts.map((a) => a.authMethod),
    sent: faults.count(faultRoutes.echo) - before,
  };
}

describe('tokens:test after a rejected client', () => {
  it('sends an Amplience secret once: the preset accepts only the form body', async () => {
    expect(await attemptsOf(rejecting('amplience'))).toEqual({
      methods: ['client_secret_post'],
      sent: 1,
    });
  });

  it('tries only the methods the preset accepts (AppViewX: the two Basic forms)', async () => {
    const { methods } = await attemptsOf({
      ...rejecting('appviewx'),
      connection: { ...rejecting('appviewx').connection, fields: { host: '127.0.0.1' } },
    });
    expect(methods[0]).toBe('client_secret_basic_raw');
    for (const m of methods)
      expect(['client_secret_basic_raw', 'client_secret_basic']).toContain(m);
  });

  it('tries the generic preset’s other secret methods, client_secret_jwt included', async () => {
    const { methods } = await attemptsOf(rejecting('generic-oauth2'));
    expect(methods).toEqual(['client_secret_basic', 'client_secret_post', 'client_secret_jwt']);
  });

  it('sends the secret once when the user turned the other methods off', async () => {
    expect(await attemptsOf({ ...rejecting('generic-oauth2'), tryOtherMethods: false })).toEqual({
      methods: ['client_secret_basic'],
      sent: 1,
    });
  });
});
