import { describe, expect, it } from 'vitest';
import { createJwksClient, discoveryUrlFor } from '../../../../../electron/core/jwt/jwks-client.js';
import { RFC7515_EC_JWK, RFC7515_RSA_JWK } from '../../../../fixtures/jwt/samples.js';

type Route = { status?: number; body: string; type?: string } | 'hang' | 'refuse';

/** A fake fetch serving fixed documents by URL, counting requests. */
function fakeFetch(routes: Record<string, Route>): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    calls.push(url);
    const route = routes[url] ?? { status: 404, body: 'not found', type: 'text/plain' };
    if (route === 'refuse') {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      });
    }
    if (route === 'hang') {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }
    return new Response(route.body, {
      status: route.status ?? 200,
      headers: { 'content-type': route.type ?? 'application/json' },
    });
  };
  return { fetch: impl as typeof fetch, calls };
}

const ISSUER = 'https://idp.example/auth/realms/Broker';
const JWKS_URL = `${ISSUER}/protocol/openid-connect/certs`;
const JWKS = JSON.stringify({
  keys: [
    { ...RFC7515_RSA_JWK, kid: 'r1' },
    { ...RFC7515_EC_JWK, kid: 'e1' },
  ],
});
const DISCOVERY = JSON.stringify({ issuer: ISSUER, jwks_uri: JWKS_URL });

describe('createJwksClient', () => {
  it('follows the discovery document to the JWKS and caches both for the TTL', async () => {
    let now = 0;
    const { fetch, calls } = fakeFetch({
      [discoveryUrlFor(ISSUER)]: { body: DISCOVERY },
      [JWKS_URL]: { body: JWKS },
    });
    const client = createJwksClient({ fetch, now: () => now, ttlMs: 1000 });
    const first = await client.getJwks({ issuer: ISSUER });
    expect(first).toMatchObject({ ok: true, url: JWKS_URL, fromCache: false });
    expect(first.ok && first.jwks.keys.map((key) => key.kid)).toEqual(['r1', 'e1']);
    now = 999;
    expect(await client.getJwks({ issuer: ISSUER })).toMatchObject({ ok: true, fromCache: true });
    expect(calls).toHaveLength(2);
    now = 1000;
    expect(await client.getJwks({ issuer: ISSUER })).toMatchObject({ ok: true, fromCache: false });
    expect(calls).toHaveLength(4);
    client.clear();
    await client.getJwks({ issuer: ISSUER });
    expect(calls).toHaveLength(6);
  });

  it('rate-limits forced refreshes and shares one fetch between concurrent callers', async () => {
    let now = 0;
    const { fetch, calls } = fakeFetch({ [JWKS_URL]: { body: JWKS } });
    const client = createJwksClient({ fetch, now: () => now, minRefreshIntervalMs: 30_000 });
    await Promise.all(Array.from({ length: 20 }, () => client.getJwks({ url: JWKS_URL })));
    expect(calls).toHaveLength(1);
    now = 10_000;
    expect(await client.getJwks({ url: JWKS_URL }, { forceRefresh: true })).toMatchObject({
      fromCache: true,
    });
    now = 31_000;
    expect(await client.getJwks({ url: JWKS_URL }, { forceRefresh: true })).toMatchObject({
      fromCache: false,
    });
    expect(calls).toHaveLength(2);
  });

  it('tries the discovery document when given an issuer URL as the JWKS URL', async () => {
    const { fetch } = fakeFetch({
      [discoveryUrlFor(ISSUER)]: { body: DISCOVERY },
      [JWKS_URL]: { body: JWKS },
    });
    expect(await createJwksClient({ fetch }).getJwks({ url: ISSUER })).toMatchObject({
      ok: true,
      url: JWKS_URL,
    });
  });

  it.each([
    ['an HTTP error', { [JWKS_URL]: { status: 500, body: 'oops' } }, /answered HTTP 500/],
    [
      'an HTML page',
      { [JWKS_URL]: { body: '<html>login</html>', type: 'text/html' } },
      /not answer with JSON \(it looks like an HTML page\)/,
    ],
    [
      'JSON without keys',
      { [JWKS_URL]: { body: '{"hello":1}' } },
      /neither a JWKS .* nor a discovery document/,
    ],
    [
      'a refused connection',
      { [JWKS_URL]: 'refuse' },
      /could not be reached: the connection was refused/,
    ],
    ['a server that never answers', { [JWKS_URL]: 'hang' }, /did not answer within 50 ms/],
    [
      'a document that is too large',
      { [JWKS_URL]: { body: `{"keys":[],"pad":"${'x'.repeat(2000)}"}` } },
      /more than the 1000 bytes/,
    ],
  ])('explains %s', async (_name, routes, reason) => {
    const { fetch } = fakeFetch(routes as Record<string, Route>);
    const result = await createJwksClient({ fetch, timeoutMs: 50, maxBytes: 1000 }).getJwks({
      url: JWKS_URL,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('explains a discovery document without jwks_uri and refuses non-http URLs', async () => {
    const { fetch } = fakeFetch({ [discoveryUrlFor(ISSUER)]: { body: '{"issuer":"x"}' } });
    const noUri = await createJwksClient({ fetch }).getJwks({ issuer: ISSUER });
    expect(!noUri.ok && noUri.reason).toMatch(/has no jwks_uri/);
    const file = await createJwksClient({ fetch }).getJwks({ url: 'file:///etc/passwd' });
    expect(!file.ok && file.reason).toMatch(/file: URLs are not fetched/);
  });
});
