import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, type ErrorCategory } from '#shared/errors.js';
import { TokenEngine } from '../../../electron/core/tokens/engine.js';
import { fetchToken } from '../../../electron/core/tokens/fetch-token.js';
import { specFor } from '../../unit/electron/core/tokens/helpers.js';
import {
  faultRoutes,
  startFaultServer,
  type FaultRoute,
  type FaultServer,
} from '../../fixtures/fault-server/index.js';
import {
  failOnStrayErrors,
  measureMemory,
  MEMORY_BOUND_MB,
  settleWithin,
} from './process-guards.js';

/**
 * The token engine against a server that misbehaves on purpose: every fault ends in one AppError
 * with a category, a message and a hint, within the connection's timeout (plus slack for a loaded
 * CI machine: a bound, not a speed goal), with bounded memory and no stray rejections.
 */
failOnStrayErrors();

const TIMEOUT_MS = 800;
/** Slack over the timeout before a late answer counts as a hang. */
const SLACK_MS = 1_500;

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());
beforeEach(() => faults.reset());

const spec = (route: FaultRoute, query?: string) =>
  specFor({ tokenUrl: faults.url(route, query), timeoutMs: TIMEOUT_MS });

/** Fetch a token from a fault route; answers the AppError and how long it took. */
async function failure(
  route: FaultRoute,
  category: ErrorCategory,
  query?: string,
): Promise<{ error: AppError; elapsedMs: number }> {
  const outcome = await settleWithin(fetchToken(spec(route, query)), TIMEOUT_MS + SLACK_MS);
  expect(outcome.error, `${route} should fail`).toBeInstanceOf(AppError);
  const error = outcome.error as AppError;
  expect(error.category, error.message).toBe(category);
  expect(error.hint, `${route}: a hint says what to try`).toBeTruthy();
  expect(error.message).not.toContain('grantline-secret');
  expect(outcome.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  return { error, elapsedMs: outcome.elapsedMs };
}

describe('token endpoint faults', () => {
  it('never responds → timeout after the configured timeout', async () => {
    const { error, elapsedMs } = await failure(faultRoutes.hang, 'timeout');
    expect(error.message).toMatch(
      /^No complete answer from http:\/\/127\.0\.0\.1:\d+\/hang within 0\.8 s\.$/,
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('trickles one byte every 20 ms → timeout by the total deadline, not the idle timeout', async () => {
    // Bytes keep coming, so an idle (between-bytes) timeout alone would wait forever.
    const { error } = await failure(faultRoutes.trickle, 'timeout', 'ms=20');
    expect(error.message).toMatch(/did not finish within 0\.8 s \(\d+ bytes arrived\)/);
    expect(error.hint).toMatch(/slowly|stalled/);
    const served = await faults.closedResponse(faultRoutes.trickle);
    expect(served.completed).toBe(false);
  });

  it('resets the connection mid-body → network, "closed unexpectedly"', async () => {
    const { error } = await failure(faultRoutes.resetMidBody, 'network');
    expect(error.message).toMatch(/closed unexpectedly/);
  });

  it.each([
    [faultRoutes.status500, 500, /HTTP 500, server_error/],
    [faultRoutes.status502, 502, /HTTP 502.*502 Bad Gateway/],
    [faultRoutes.status503, 503, /HTTP 503/],
  ])('%s → http with the status and the server failure explained', async (route, status, text) => {
    const { error } = await failure(route, 'http');
    expect(error.status).toBe(status);
    expect(error.message).toMatch(text);
    if (status === 503) expect(error.details?.retryAfterSec).toBe(30);
    if (status === 502) expect(error.hint).toMatch(/HTML page: is this the token endpoint\?/);
  });

  it('answers an HTML page with 200 → malformed_response naming the page', async () => {
    const { error } = await failure(faultRoutes.html, 'malformed_response');
    expect(error.message).toBe(
      'The token endpoint answered with an HTML page ("Sign in - Example SSO"), not a token.',
    );
    expect(error.hint).toMatch(/Is this the token endpoint\?/);
  });

  it('answers invalid JSON → malformed_response', async () => {
    const { error } = await failure(faultRoutes.invalidJson, 'malformed_response');
    expect(error.message).toMatch(/text that is not valid JSON/);
  });

  it('sends a gzip bomb → stopped at the 1 MiB cap after decompression, memory bounded', async () => {
    const { result, delta } = await measureMemory('token gzip bomb (4 GiB inflated)', () =>
      failure(faultRoutes.gzipBomb, 'malformed_response'),
    );
    expect(result.error.message).toMatch(
      /expands to more than 1024 KiB when decompressed \(gzip\); reading stopped there\.$/,
    );
    const served = await faults.closedResponse(faultRoutes.gzipBomb);
    expect(served.completed).toBe(false);
    // The client let go before the server had sent everything (the kernel's socket buffers
    // on loopback hold megabytes, so the byte count says little; the early close is the point).
    expect(delta.rssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(delta.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(delta.heapMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('sends 1 GB with Content-Length → refused before reading', async () => {
    const { error, elapsedMs } = await failure(faultRoutes.huge, 'malformed_response');
    expect(error.message).toMatch(/is larger than 1024 KiB\.$/);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    const served = await faults.closedResponse(faultRoutes.huge);
    expect(served.completed).toBe(false);
  });

  it('sends 1 GB without Content-Length → stopped at 1 MiB, memory bounded', async () => {
    const { result, delta } = await measureMemory('token 1 GB chunked body', () =>
      failure(faultRoutes.hugeChunked, 'malformed_response'),
    );
    expect(result.error.message).toMatch(/is larger than 1024 KiB\.$/);
    const served = await faults.closedResponse(faultRoutes.hugeChunked);
    expect(served.completed).toBe(false);
    expect(served.bytesWritten).toBeLessThan(64 * 1024 * 1024);
    expect(delta.rssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(delta.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('redirects in a loop → redirect error after one request; nothing is followed', async () => {
    const { error } = await failure(faultRoutes.loop, 'redirect');
    expect(error.status).toBe(302);
    expect(error.message).toMatch(/credentials are not sent after a redirect/);
    expect(faults.count(faultRoutes.loop)).toBe(1);
    expect(faults.requests).toHaveLength(1);
  });

  it('redirects to another origin → redirect error; the other origin never sees the credentials', async () => {
    const { error } = await failure(faultRoutes.redirectAway, 'redirect');
    expect(error.details?.location).toBe(`${faults.other.origin}/landing`);
    // The token request carried Basic credentials; nothing at all reached the redirect target.
    expect(faults.requests[0]?.headers.authorization).toMatch(/^Basic /);
    expect(faults.other.requests).toHaveLength(0);
  });

  it('cancels a trickling answer at once when asked', async () => {
    const controller = new AbortController();
    const trickles = faults.count(faultRoutes.trickle);
    const pending = fetchToken(
      specFor({ tokenUrl: faults.url(faultRoutes.trickle), timeoutMs: 10_000 }),
      { signal: controller.signal },
    );
    // Cancel while the server is answering, not before the request has left.
    await expect.poll(() => faults.count(faultRoutes.trickle)).toBe(trickles + 1);
    controller.abort();
    const outcome = await settleWithin(pending, 1_500);
    expect((outcome.error as AppError).category).toBe('cancelled');
  });
});

describe('the engine does not storm a failing token endpoint', () => {
  it.each([
    [faultRoutes.status503, 'http'],
    [faultRoutes.hang, 'timeout'],
    [faultRoutes.resetMidBody, 'network'],
  ] as const)(
    '%s: many callers, repeated calls → one request, then backoff',
    async (route, category) => {
      const engine = new TokenEngine({
        resolve: async () => spec(route),
        schedule: null,
      });
      try {
        // Ten callers at once share one flight; ten more calls right after are answered from the
        // failure state ("waits N s before asking again") without touching the server.
        const first = await Promise.allSettled(
          Array.from({ length: 10 }, () => engine.ensureToken('c')),
        );
        for (const r of first) {
          expect(r.status).toBe('rejected');
          expect(((r as PromiseRejectedResult).reason as AppError).category).toBe(category);
        }
        for (let i = 0; i < 10; i++) {
          const again = await settleWithin(engine.ensureToken('c'), 1_000);
          expect((again.error as AppError).category).toBe(category);
          expect((again.error as AppError).hint).toMatch(/waits \d+ s before asking again/);
        }
        expect(faults.count(route)).toBe(1);
      } finally {
        await engine.close();
      }
    },
  );
});
