import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretRefsFor, type Connection } from '#shared/connection.js';
import { TokenEngine } from '../../../../../electron/core/tokens/engine.js';
import { createSpecResolver } from '../../../../../electron/core/tokens/resolver.js';
import {
  startAmplienceEmulator,
  type AmplienceEmulator,
} from '../../../../fixtures/emulators/index.js';
import { connectionFor, expectAppError, failOnUnhandledRejections } from './helpers.js';

failOnUnhandledRejections();

describe('createSpecResolver: saved connection + secret store → engine', () => {
  let amp: AmplienceEmulator;
  beforeAll(async () => {
    amp = await startAmplienceEmulator();
  });
  afterAll(() => amp.close());

  it('reads the connection and its secret by reference, and the engine gets a token', async () => {
    const refs = secretRefsFor('amp');
    const connections = new Map<string, Connection>([
      [
        'amp',
        {
          ...connectionFor('amplience', { clientId: amp.clientId, tokenUrl: amp.tokenUrl }),
          id: 'amp',
          secretRef: refs.clientSecret,
        },
      ],
    ]);
    const secrets = new Map([[refs.clientSecret, amp.clientSecret]]);
    const lookups: string[] = [];
    const engine = new TokenEngine({
      resolve: createSpecResolver({
        getConnection: (id) => connections.get(id),
        getSecret: (ref) => {
          lookups.push(ref);
          return secrets.get(ref);
        },
      }),
      schedule: null,
    });
    try {
      const status = await engine.ensureToken('amp');
      expect(status.state).toBe('valid');
      expect(lookups).toEqual([refs.clientSecret]);
      await expectAppError(engine.ensureToken('gone'), 'not_found');
      secrets.clear();
      engine.forget('amp');
      const missing = await expectAppError(engine.ensureToken('amp'), 'validation');
      expect(missing.message).toMatch(/No client secret/);
    } finally {
      await engine.close();
    }
  });
});
