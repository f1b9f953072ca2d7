import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.js';
import { TokenEngine, type BearerCredential } from '../../../../../electron/core/tokens/engine.js';
import type { TokenRequestSpec } from '../../../../../electron/core/tokens/token-request-spec.js';
import { startOAuth2Emulator, type OAuth2Emulator } from '../../../../fixtures/emulators/index.js';
import { expectAppError, failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

function manualClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('token engine: 401 retry, backoff, cancellation', () => {
  let server: OAuth2Emulator;
  let slow: OAuth2Emulator;
  const engines: TokenEngine[] = [];
  beforeAll(async () => {
    server = await startOAuth2Emulator();
    slow = await startOAuth2Emulator({ tokenDelayMs: 1_500 });
  });
  afterAll(async () => {
    await Promise.all([server.close(), slow.close()]);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    server.reset();
    server.setApiAlwaysUnauthorized(false);
    server.setTokenFailure(null);
    slow.reset();
  });

  function engineFor(spec: () => TokenRequestSpec, clock = manualClock()) {
    const engine = new TokenEngine({ resolve: async () => spec(), now: clock.now, schedule: null });
    engines.push(engine);
    return { engine, clock };
  }

  const callApi = async (credential: BearerCredential) => {
    const res = await request(server.apiUrl, {
      headers: { authorization: credential.authorization },
    });
    await res.body.dump();
    return { status: res.statusCode };
  };

  it('on a 401 drops the token, fetches one new token and retries once', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    expect((await engine.withToken('c1', callApi)).status).toBe(200);
    server.revokeAll(); // the server forgets the token before it expires
    const result = await engine.withToken('c1', callApi);
    expect(result.status).toBe(200);
    expect(server.tokenRequests()).toBe(2);
    expect(server.apiRequests()).toBe(3);
  });

  it('returns a second 401 as is: exactly one renewal and one retry, no loop', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    server.setApiAlwaysUnauthorized(true);
    const result = await engine.withToken('c1', callApi);
    expect(result.status).toBe(401);
    expect(server.tokenRequests()).toBe(2);
    expect(server.apiRequests()).toBe(2);
  });

  it('treats a thrown error with status 401 the same way, and rethrows the second one', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    let calls = 0;
    const error = await expectAppError(
      engine.withToken('c1', async () => {
        calls += 1;
        throw new AppError('http', 'API said 401', { status: 401 });
      }),
      'http',
    );
    expect(error.status).toBe(401);
    expect(calls).toBe(2);
    expect(server.tokenRequests()).toBe(2);
  });

  it('many concurrent 401s share a single renewal', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    await engine.ensureToken('c1');
    server.revokeAll();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => engine.withToken('c1', callApi)),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.tokenRequests()).toBe(2);
  });

  it('backs off after failures (1 s, 2 s, … capped) without asking the server meanwhile', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    server.setTokenFailure(503);
    await expectAppError(engine.ensureToken('c1'), 'http');
    expect(server.tokenRequests()).toBe(1);
    const waiting = await expectAppError(engine.ensureToken('c1'), 'http');
    expect(waiting.details?.retryAt).toBe(new Date(clock.now() + 1_000).toISOString());
    expect(server.tokenRequests()).toBe(1);
    expect(engine.getStatus('c1').state).toBe('error');
    expect(engine.getStatus('c1').retryAt).not.toBeNull();
    clock.advance(1_000);
    await expectAppError(engine.ensureToken('c1'), 'http');
    expect(server.tokenRequests()).toBe(2);
    clock.advance(1_500); // second delay is 2 s
    await expectAppError(engine.ensureToken('c1'), 'http');
    expect(server.tokenRequests()).toBe(2);
    for (let i = 0; i < 8; i += 1) {
      clock.advance(60_000); // the cap: never more than 60 s between attempts
      await expectAppError(engine.ensureToken('c1'), 'http');
    }
    expect(server.tokenRequests()).toBe(10);
  });

  it('resets the backoff on success, and an explicit refresh skips the wait', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    server.setTokenFailure(500);
    await expectAppError(engine.ensureToken('c1'), 'http');
    server.setTokenFailure(null);
    await expectAppError(engine.ensureToken('c1'), 'http'); // still waiting
    const status = await engine.ensureToken('c1', { force: true });
    expect(status.state).toBe('valid');
    expect(status.error).toBeNull();
    engine.invalidate('c1');
    server.setTokenFailure(500);
    await expectAppError(engine.ensureToken('c1'), 'http');
    clock.advance(1_000); // back to the first delay: the success reset the count
    await expectAppError(engine.ensureToken('c1'), 'http');
    expect(server.tokenRequests()).toBe(4);
  });

  it('keeps handing out a still-valid token when its renewal fails', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    const first = await engine.revealToken('c1');
    clock.advance(3600_000 - 65_000); // inside the renewal window
    server.setTokenFailure(503);
    const again = await engine.revealToken('c1');
    expect(again.accessToken).toBe(first.accessToken);
    const status = engine.getStatus('c1');
    expect(status.state).toBe('expiring');
    expect(status.error?.category).toBe('http');
  });

  it('cancels a waiting caller; the shared request goes on for the others', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: slow.tokenUrl }));
    const controller = new AbortController();
    const cancelled = engine.revealToken('c1', { signal: controller.signal });
    const other = engine.revealToken('c1');
    await expect.poll(() => slow.tokenRequests()).toBe(1);
    controller.abort();
    await expectAppError(cancelled, 'cancelled');
    expect((await other).accessToken).toBe(slow.issued().at(-1));
    expect(slow.tokenRequests()).toBe(1);
  });

  it('aborts the request when its only caller cancels, without counting it as a failure', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: slow.tokenUrl }));
    const controller = new AbortController();
    const started = Date.now();
    const pending = engine.ensureToken('c1', { signal: controller.signal });
    await expect.poll(() => slow.tokenRequests()).toBe(1);
    controller.abort();
    await expectAppError(pending, 'cancelled');
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect.poll(() => engine.getStatus('c1').state).toBe('none');
    await engine.ensureToken('c1'); // no backoff after a cancel
    expect(slow.tokenRequests()).toBe(2);
  });

  it('engine.cancel(id) ends every waiter of that connection', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: slow.tokenUrl }));
    const waiters = [engine.ensureToken('c1'), engine.ensureToken('c1'), engine.ensureToken('c1')];
    await expect.poll(() => slow.tokenRequests()).toBe(1);
    engine.cancel('c1');
    for (const w of waiters) await expectAppError(w, 'cancelled');
  });

  it('times out a token request by the spec timeout', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: slow.tokenUrl, timeoutMs: 200 }));
    await expectAppError(engine.ensureToken('c1'), 'timeout');
    expect(engine.getStatus('c1').error?.category).toBe('timeout');
  });

  it('reports a resolver failure (e.g. no secret stored) as the connection status', async () => {
    const engine = new TokenEngine({
      resolve: async () => {
        throw new AppError('validation', 'No client secret is stored for this connection.');
      },
      schedule: null,
    });
    engines.push(engine);
    await expectAppError(engine.ensureToken('c9'), 'validation');
    expect(engine.getStatus('c9').state).toBe('error');
  });
});
