import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IpcError } from '#shared/errors.js';
import { createHandlerRig, type HandlerRig } from '../../fixtures/core/handler-rig.js';
import { emptyDraft, type ExchangeResult, type RequestDraft } from '#shared/requests/schemas.js';
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
 * The composer's executor (the real requests handlers and service, as the renderer calls them)
 * against the fault server. What the user gets, decided per fault:
 * - no usable answer (hang, trickle, reset, too big, redirect loop) → `error` with a category,
 *   message and hint, the timeline so far, no response, and no temp file left behind;
 * - an answer the server meant (500/502/503, HTML, invalid JSON) → a normal `response` the user
 *   sees with its status: it is the API's answer, not the app failing. Retry-After is noted in
 *   the timeline; the viewer reports invalid JSON when the tree is asked for.
 */
failOnStrayErrors();

const TIMEOUT_MS = 1_000; // the smallest timeout a draft allows
const SLACK_MS = 2_000;
const SMALL_LIMIT = 8 * 1024 * 1024;

let faults: FaultServer;
let rig: HandlerRig;
let dataDir: string;
let connectionId: string;
/** Progress phases the renderer was told about, by request id. */
const phases = new Map<string, string[]>();
const call: HandlerRig['call'] = (channel, args) => rig.call(channel, args);
const fail: HandlerRig['fail'] = (channel, args) => rig.fail(channel, args);

let seq = 0;
const draft = (
  route: FaultRoute,
  over: Partial<RequestDraft> = {},
  query?: string,
): RequestDraft => ({
  ...emptyDraft(),
  url: `{{baseUrl}}${route}${query !== undefined ? `?${query}` : ''}`,
  timeoutMs: TIMEOUT_MS,
  ...over,
});

/** Send through the handlers; fails the test instead of hanging. */
async function send(
  d: RequestDraft,
  requestId = `fault-request-${++seq}`,
): Promise<ExchangeResult & { elapsedMs: number }> {
  const outcome = await settleWithin(
    call('requests:send', { requestId, connectionId, draft: d, variables: [] }),
    d.timeoutMs + SLACK_MS,
  );
  if (outcome.error !== undefined) throw outcome.error;
  return { ...(outcome.value as ExchangeResult), elapsedMs: outcome.elapsedMs };
}

/** Every response body file on disk (kept or not). */
function bodyFiles(): string[] {
  const cache = join(dataDir, 'response-cache');
  return readdirSync(cache).flatMap((dir) =>
    readdirSync(join(cache, dir)).map((f) => join(dir, f)),
  );
}

/** Body files that were not there before (kept ones may go meanwhile: only six are kept). */
const newFiles = (before: readonly string[]): string[] =>
  bodyFiles().filter((f) => !before.includes(f));

/** Send a request that must fail: the category, a hint, no response, and no temp file left. */
async function sendFailing(
  d: RequestDraft,
  category: IpcError['category'],
): Promise<ExchangeResult & { elapsedMs: number; error: IpcError }> {
  const before = bodyFiles();
  const result = await send(d);
  expect(result.error?.category, result.error?.message).toBe(category);
  expect(result.response).toBeNull();
  expect(result.error?.hint, 'a hint says what to try').toBeTruthy();
  expect(result.elapsedMs).toBeLessThan(d.timeoutMs + SLACK_MS);
  expect(result.timeline.at(-1)?.kind).toBe('error');
  expect(newFiles(before), 'the aborted download’s temp file is removed').toEqual([]);
  expect(JSON.stringify(result)).not.toContain('fault-token-');
  return result as ExchangeResult & { elapsedMs: number; error: IpcError };
}

beforeAll(async () => {
  faults = await startFaultServer();
  rig = createHandlerRig({
    name: 'grantline-api-faults',
    onEvent: (name, payload) => {
      if (name !== 'requests:progress') return;
      const { requestId, phase } = payload as { requestId: string; phase: string };
      phases.set(requestId, [...(phases.get(requestId) ?? []), phase]);
    },
  });
  dataDir = rig.dataDir;
  const saved = await call('connections:save', {
    connection: {
      name: 'Fault server',
      presetId: 'axway-platform',
      tokenUrl: faults.url(faultRoutes.token),
      clientId: 'fault-client',
      apiBaseUrls: [
        { name: 'Central', url: faults.origin },
        { name: 'Platform', url: faults.origin },
      ],
    },
    secrets: { clientSecret: 'fault-secret' },
  });
  connectionId = saved.connection.id;
  // Warm the token so each case measures the API call alone.
  await send(draft(faultRoutes.status500));
});

afterAll(async () => {
  await rig?.close();
  await faults?.close();
});

beforeEach(() => faults.reset());

describe('composer: faults at the API', () => {
  it('never responds → timeout within the request timeout', async () => {
    const result = await sendFailing(draft(faultRoutes.hang), 'timeout');
    expect(result.error.message).toMatch(/^No answer from 127\.0\.0\.1:\d+ within 1 s\.$/);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // The progress said the request was out and the server was the one keeping us waiting.
    // Progress starts only once a request has taken 100 ms, with the phase it is in by then:
    // what was seen is the tail of the whole sequence, ending in waiting, then failed.
    const seen = phases.get(result.requestId) ?? [];
    expect(seen.slice(-2)).toEqual(['waiting', 'failed']);
    expect(['token', 'connecting', 'waiting', 'failed'].slice(-seen.length)).toEqual(seen);
  });

  it('trickles one byte every 20 ms → stopped by the total deadline, file removed', async () => {
    const result = await sendFailing(draft(faultRoutes.trickle, {}, 'ms=20'), 'timeout');
    expect(result.error.message).toMatch(
      /^The answer from 127\.0\.0\.1:\d+ did not finish within 1 s \([\d.]+ (B|KB) arrived\); the download was stopped\.$/,
    );
    expect(result.error.hint).toMatch(/covers the whole download/);
    expect((await faults.closedResponse(faultRoutes.trickle)).completed).toBe(false);
  });

  it('resets mid-body → network error, file removed', async () => {
    const result = await sendFailing(draft(faultRoutes.resetMidBody), 'network');
    expect(result.error.message).toMatch(/closed unexpectedly/);
  });

  it.each([
    [faultRoutes.status500, 500, 'Internal Server Error', 'json'],
    [faultRoutes.status502, 502, 'Bad Gateway', 'text'],
    [faultRoutes.status503, 503, 'Service Unavailable', 'text'],
  ] as const)(
    '%s → a normal response the user sees with its status',
    async (route, status, text, kind) => {
      const result = await send(draft(route));
      expect(result.error).toBeNull();
      expect(result.response?.status).toBe(status);
      expect(result.response?.statusText).toBe(text);
      expect(result.response?.bodyKind).toBe(kind);
      // The composer never retries by itself: one request reached the server.
      expect(faults.count(route)).toBe(1);
      const noted = result.timeline.find((e) => e.text.includes('Retry-After'));
      if (status === 503) {
        expect(result.response?.headers).toContainEqual({ name: 'retry-after', value: '30' });
        expect(noted?.text).toBe('The server asks to wait before trying again (Retry-After: 30)');
      } else {
        expect(noted).toBeUndefined();
      }
    },
  );

  it('answers an HTML page → a text response labelled text/html', async () => {
    const result = await send(draft(faultRoutes.html));
    expect(result.error).toBeNull();
    expect(result.response?.contentType).toBe('text/html; charset=utf-8');
    expect(result.response?.bodyKind).toBe('text');
  });

  it('answers invalid JSON → the response arrives; the tree says the JSON is not valid', async () => {
    const result = await send(draft(faultRoutes.invalidJson));
    expect(result.error).toBeNull();
    const error = await fail('requests:json-children', { responseId: result.response!.responseId });
    expect(error.category).toBe('malformed_response');
    expect(error.message).toMatch(/^The body is not valid JSON: /);
  });

  it('sends a gzip bomb → stopped at the maximum response size after decoding, memory bounded', async () => {
    const { result, delta } = await measureMemory(
      'composer gzip bomb (4 GiB inflated, 8 MB cap)',
      () =>
        sendFailing(
          draft(faultRoutes.gzipBomb, { maxResponseBytes: SMALL_LIMIT }),
          'malformed_response',
        ),
    );
    expect(result.error.message).toMatch(
      /^The response expands to more than 8\.0 MB when decompressed \(gzip, [\d.]+ KB received\); the download was stopped at the maximum response size\.$/,
    );
    expect(result.error.hint).toMatch(/Raise the maximum response size under Options/);
    expect((await faults.closedResponse(faultRoutes.gzipBomb)).completed).toBe(false);
    expect(delta.rssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(delta.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('sends a gzip bomb to a draft without a size set → the 100 MB default holds', async () => {
    const { result, delta } = await measureMemory('composer gzip bomb (default cap)', () =>
      sendFailing({ ...draft(faultRoutes.gzipBomb), timeoutMs: 20_000 }, 'malformed_response'),
    );
    expect(result.error.message).toMatch(/expands to more than 100\.0 MB when decompressed/);
    expect(delta.rssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('sends 1 GB with Content-Length → refused from the header, nothing downloaded', async () => {
    const result = await sendFailing(
      draft(faultRoutes.huge, { maxResponseBytes: SMALL_LIMIT }),
      'malformed_response',
    );
    expect(result.error.message).toBe(
      'The response is 1.0 GB, more than the maximum response size of 8.0 MB; it was not downloaded.',
    );
    expect((await faults.closedResponse(faultRoutes.huge)).completed).toBe(false);
  });

  it('sends 1 GB without Content-Length → stopped at the maximum response size, memory bounded', async () => {
    const { result, delta } = await measureMemory('composer 1 GB chunked body (8 MB cap)', () =>
      sendFailing(
        draft(faultRoutes.hugeChunked, { maxResponseBytes: SMALL_LIMIT }),
        'malformed_response',
      ),
    );
    expect(result.error.message).toBe(
      'The response is larger than the maximum response size of 8.0 MB; the download was stopped.',
    );
    const served = await faults.closedResponse(faultRoutes.hugeChunked);
    expect(served.completed).toBe(false);
    expect(served.bytesWritten).toBeLessThan(64 * 1024 * 1024);
    expect(delta.rssMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(delta.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('redirects in a loop → "too many redirects", the loop named, every hop in the timeline', async () => {
    const result = await sendFailing(draft(faultRoutes.loop), 'redirect');
    expect(result.error.message).toMatch(
      /^Too many redirects: stopped after 10\. The server redirects in a loop: http:\/\/127\.0\.0\.1:\d+\/loop\/a → http:\/\/127\.0\.0\.1:\d+\/loop\/b → http:\/\/127\.0\.0\.1:\d+\/loop\/a\.$/,
    );
    const hops = result.timeline.filter((e) => e.kind === 'redirect').map((e) => e.text);
    expect(hops).toHaveLength(10);
    expect(hops[0]).toMatch(/^Redirect 302 to http:\/\/127\.0\.0\.1:\d+\/loop\/b$/);
    expect(hops[1]).toMatch(/^Redirect 302 to http:\/\/127\.0\.0\.1:\d+\/loop\/a$/);
    expect(faults.count('/loop/a') + faults.count('/loop/b' as FaultRoute)).toBe(11);
  });

  it('redirects to another origin → followed, without Authorization, API key or cookie', async () => {
    for (const auth of [
      { type: 'connection' as const },
      { type: 'header' as const, name: 'X-Api-Key', value: 'fault-api-key' },
    ]) {
      faults.reset();
      const result = await send(
        draft(faultRoutes.redirectAway, {
          auth,
          headers: [{ name: 'Cookie', value: 'session=fault-cookie', enabled: true }],
        }),
      );
      expect(result.error).toBeNull();
      expect(result.response?.status).toBe(200);
      expect(result.response?.url).toBe(`${faults.other.origin}/landing`);
      // The first origin got the credential; the second server, another origin, did not.
      const first = faults.requests[0]!.headers;
      expect(first.authorization ?? first['x-api-key']).toBeTruthy();
      const landed = faults.other.requests;
      expect(landed).toHaveLength(1);
      expect(landed[0]!.headers.authorization).toBeUndefined();
      expect(landed[0]!.headers['x-api-key']).toBeUndefined();
      expect(landed[0]!.headers.cookie).toBeUndefined();
      expect(result.timeline.find((e) => e.kind === 'redirect')?.text).toMatch(
        /not sent: another origin$/,
      );
    }
  });

  it('cancels a request that never answers, and one that trickles, at once', async () => {
    for (const route of [faultRoutes.hang, faultRoutes.trickle]) {
      const before = bodyFiles();
      const requestId = `cancel-request${route.replace(/\W/g, '-')}`;
      const seen = faults.count(route);
      const pending = send(draft(route, { timeoutMs: 30_000 }), requestId);
      // Cancel once the server holds the request: a cancel of a request in flight.
      await expect.poll(() => faults.count(route)).toBe(seen + 1);
      expect(await call('requests:cancel', { requestId })).toEqual({ cancelled: true });
      const result = await settleWithin(pending, 1_500);
      expect(result.value?.error?.category).toBe('cancelled');
      expect(newFiles(before)).toEqual([]);
    }
  });
});
