import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTransportError } from '../../../../../electron/core/http/transport-errors.js';
import { assertCredentialUrl } from '../../../../../electron/core/http/url-policy.js';
import { TokenEngine } from '../../../../../electron/core/tokens/engine.js';
import { fetchToken } from '../../../../../electron/core/tokens/fetch-token.js';
import { basicAuthorization } from '../../../../../electron/core/tokens/client-auth.js';
import {
  faultRoutes,
  startFaultServer,
  type FaultRoute,
  type FaultServer,
} from '../../../../fixtures/fault-server/index.js';
import { expectAppError, failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

describe('token endpoint faults: each has its category, nothing hangs', () => {
  let faults: FaultServer;
  beforeAll(async () => {
    faults = await startFaultServer();
  });
  afterAll(() => faults.close());

  const spec = (path: FaultRoute, timeoutMs = 5_000) =>
    specFor({ tokenUrl: faults.url(path), timeoutMs });

  it('times out a server that never answers', async () => {
    const started = Date.now();
    const error = await expectAppError(fetchToken(spec(faultRoutes.hang, 300)), 'timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.message).toContain('0.3 s');
  });

  it('times out a body that stalls half-way', async () => {
    await expectAppError(fetchToken(spec(faultRoutes.stall, 300)), 'timeout');
  });

  it('reports a connection reset as network', async () => {
    await expectAppError(fetchToken(spec(faultRoutes.reset)), 'network');
  });

  it('reports 500 and 503 as http with status and a retry hint', async () => {
    const e500 = await expectAppError(fetchToken(spec(faultRoutes.status500)), 'http');
    expect(e500.status).toBe(500);
    const e503 = await expectAppError(fetchToken(spec(faultRoutes.status503)), 'http');
    expect(e503.status).toBe(503);
    expect(e503.details?.retryAfterSec).toBe(30);
  });

  it('reports an HTML login page as malformed_response: "is this the token endpoint?"', async () => {
    const error = await expectAppError(fetchToken(spec(faultRoutes.html)), 'malformed_response');
    expect(error.message).toContain('Sign in - Example SSO');
    expect(error.hint).toMatch(/Is this the token endpoint\?/);
  });

  it('reports an HTML 404 as http with the same question', async () => {
    const error = await expectAppError(fetchToken(spec(faultRoutes.html404)), 'http');
    expect(error.status).toBe(404);
    expect(error.hint).toMatch(/token endpoint\?/);
  });

  it('reports invalid JSON and JSON without a token as malformed_response', async () => {
    const invalid = await expectAppError(
      fetchToken(spec(faultRoutes.invalidJson)),
      'malformed_response',
    );
    expect(invalid.message).toMatch(/not valid JSON/);
    const noToken = await expectAppError(
      fetchToken(spec(faultRoutes.noToken)),
      'malformed_response',
    );
    expect(noToken.message).toContain('/access_token');
    expect(noToken.details?.fields).toEqual(['token_type', 'expires_in']);
  });

  it('caps huge responses at 1 MiB, with or without Content-Length', async () => {
    const declared = await expectAppError(fetchToken(spec(faultRoutes.huge)), 'malformed_response');
    expect(declared.message).toMatch(/larger than 1024 KiB/);
    const streamed = await expectAppError(
      fetchToken(spec(faultRoutes.hugeChunked)),
      'malformed_response',
    );
    expect(streamed.message).toMatch(/larger than 1024 KiB/);
  });

  it('does not follow a redirect and reports where it pointed', async () => {
    const error = await expectAppError(fetchToken(spec(faultRoutes.redirectAway)), 'redirect');
    expect(error.status).toBe(302);
    expect(error.details?.location).toBe(`${faults.other.origin}/landing`);
    expect(faults.count(faultRoutes.redirectAway)).toBe(1);
    expect(faults.other.requests).toHaveLength(0);
  });

  it('cancels on request, and a pre-aborted signal sends nothing', async () => {
    const controller = new AbortController();
    const hangs = faults.count(faultRoutes.hang);
    const pending = fetchToken(spec(faultRoutes.hang, 10_000), { signal: controller.signal });
    // Cancel once the server holds the request, so this is a cancel of a request in flight.
    await expect.poll(() => faults.count(faultRoutes.hang)).toBe(hangs + 1);
    controller.abort();
    await expectAppError(pending, 'cancelled');
    const before = faults.requests.length;
    await expectAppError(
      fetchToken(spec(faultRoutes.hang), { signal: AbortSignal.abort() }),
      'cancelled',
    );
    expect(faults.requests.length).toBe(before);
  });

  it('reports a closed port as network (connection refused)', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await expectAppError(
      fetchToken(specFor({ tokenUrl: `http://127.0.0.1:${port}/token` })),
      'network',
    );
    expect(error.details?.code).toBe('ECONNREFUSED');
  });
});

describe('the secret never leaks into errors or status events', () => {
  let faults: FaultServer;
  beforeAll(async () => {
    faults = await startFaultServer();
  });
  afterAll(() => faults.close());

  it('holds for every fault category, in plain, URL-encoded and Basic forms', async () => {
    const canary = 'CANARY-s3cr3t+/%#:&= x';
    const events: unknown[] = [];
    const errors: unknown[] = [];
    // Every fault that answers at once (the slow ones have their own tests above).
    const paths: FaultRoute[] = [
      faultRoutes.reset,
      faultRoutes.status500,
      faultRoutes.status503,
      faultRoutes.html,
      faultRoutes.html404,
      faultRoutes.invalidJson,
      faultRoutes.noToken,
      faultRoutes.huge,
      faultRoutes.hugeChunked,
      faultRoutes.redirectAway,
      faultRoutes.echo,
    ];
    for (const method of [
      'client_secret_basic',
      'client_secret_basic_raw',
      'client_secret_post',
    ] as const) {
      const engine = new TokenEngine({
        resolve: async (id) =>
          specFor({
            tokenUrl: faults.url(id as FaultRoute),
            clientSecret: canary,
            authMethod: method,
          }),
        schedule: null,
        onStatus: (s) => events.push(s),
      });
      for (const path of paths) {
        await engine
          .ensureToken(path)
          .catch((e: { toIpcError(): unknown }) => errors.push(e.toIpcError()));
      }
      await engine.close();
    }
    expect(errors).toHaveLength(paths.length * 3);
    expect(JSON.stringify(errors)).toContain('[redacted]'); // the echo server did repeat it
    const text = JSON.stringify([events, errors]);
    for (const form of [
      canary,
      'CANARY',
      encodeURIComponent(canary),
      basicAuthorization('grantline-client', canary, 'raw').slice(6),
      basicAuthorization('grantline-client', canary, 'encoded').slice(6),
    ]) {
      expect(text).not.toContain(form);
    }
  });
});

describe('URL policy', () => {
  it('refuses plain http to a non-loopback host before any request', async () => {
    const error = await expectAppError(
      fetchToken(specFor({ tokenUrl: 'http://auth.example.com/oauth/token' })),
      'insecure_url',
    );
    expect(error.hint).toMatch(/https/);
  });

  it('allows plain http to loopback, and elsewhere only with the per-connection override', () => {
    expect(assertCredentialUrl('http://127.0.0.1:8080/token', { allowHttp: false }).host).toBe(
      '127.0.0.1:8080',
    );
    expect(assertCredentialUrl('http://localhost/token', { allowHttp: false }).hostname).toBe(
      'localhost',
    );
    expect(assertCredentialUrl('http://[::1]:9/token', { allowHttp: false }).hostname).toBe(
      '[::1]',
    );
    expect(() => assertCredentialUrl('http://10.0.0.5/token', { allowHttp: false })).toThrow(
      /plain http/,
    );
    expect(assertCredentialUrl('http://10.0.0.5/token', { allowHttp: true }).hostname).toBe(
      '10.0.0.5',
    );
  });

  it('refuses credentials embedded in the URL', () => {
    expect(() =>
      assertCredentialUrl('https://id:secret@auth.example.com/token', { allowHttp: false }),
    ).toThrow(/user name or password/);
  });
});

describe('transport error mapping', () => {
  const where = { host: 'auth.example.com', url: 'https://auth.example.com/token' };
  it.each([
    [{ code: 'ENOTFOUND' }, 'dns'],
    [{ code: 'EAI_AGAIN' }, 'dns'],
    [{ code: 'ECONNREFUSED' }, 'network'],
    [{ code: 'ECONNRESET' }, 'network'],
    [{ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } }, 'network'],
    [{ code: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'timeout'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls'],
    [Object.assign(new AggregateError([{ code: 'ECONNREFUSED' }]), {}), 'network'],
  ])('%o → %s', (err, category) => {
    expect(toTransportError(err, where).category).toBe(category);
  });
});
