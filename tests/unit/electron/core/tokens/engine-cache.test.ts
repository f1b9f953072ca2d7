import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tokenStatusSchema, type TokenStatus } from '#shared/connection.js';
import { TokenEngine } from '../../../../../electron/core/tokens/engine.js';
import type { TokenRequestSpec } from '../../../../../electron/core/tokens/token-request-spec.js';
import { startOAuth2Emulator, type OAuth2Emulator } from '../../../../fixtures/emulators/index.js';
import { failOnUnhandledRejections, specFor } from './helpers.js';

failOnUnhandledRejections();

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2025, 0, 1)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

describe('token engine: cache, renewal, scope, single flight, status', () => {
  let server: OAuth2Emulator;
  let shortLived: OAuth2Emulator;
  let opaque: OAuth2Emulator;
  const engines: TokenEngine[] = [];
  beforeAll(async () => {
    server = await startOAuth2Emulator({ tokenDelayMs: 100 });
    shortLived = await startOAuth2Emulator({ expiresIn: 300 });
    // No expires_in and an opaque token: the expiry is unknown.
    opaque = await startOAuth2Emulator({
      shape: () => ({ access_token: `opaque-${Math.random()}`, token_type: 'bearer' }),
    });
  });
  afterAll(async () => {
    await Promise.all([server.close(), shortLived.close(), opaque.close()]);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.close()));
    server.reset();
    shortLived.reset();
    opaque.reset();
  });

  function engineFor(spec: () => TokenRequestSpec, clock = manualClock()) {
    const events: TokenStatus[] = [];
    const engine = new TokenEngine({
      resolve: async () => spec(),
      now: clock.now,
      schedule: null,
      onStatus: (s) => events.push(s),
    });
    engines.push(engine);
    return { engine, clock, events };
  }

  it('with rememberSpecs, resolves a connection once until forget()', async () => {
    let resolves = 0;
    let scope = 'read';
    const engine = new TokenEngine({
      resolve: async () => {
        resolves += 1;
        return specFor({ tokenUrl: server.tokenUrl, scope });
      },
      now: manualClock().now,
      schedule: null,
      rememberSpecs: true,
    });
    engines.push(engine);
    await engine.revealToken('c1');
    scope = 'write';
    const hit = await engine.revealToken('c1');
    expect(resolves).toBe(1);
    expect(hit.scope).not.toBe('write');
    engine.forget('c1');
    await engine.revealToken('c1');
    expect(resolves).toBe(2);
    expect(server.tokenRequests()).toBe(2);
  });

  it('serves the cached token without a second request', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    const a = await engine.revealToken('c1');
    const b = await engine.revealToken('c1');
    expect(b.accessToken).toBe(a.accessToken);
    expect(server.tokenRequests()).toBe(1);
    expect(engine.getStatus('c1').state).toBe('valid');
  });

  it('renews before expiry: margin min(60 s, 10%) plus skew allowance, by the injected clock', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    const first = await engine.revealToken('c1');
    clock.advance(3600_000 - 71_000); // 71 s left: still before renewAt (70 s before expiry)
    expect((await engine.revealToken('c1')).accessToken).toBe(first.accessToken);
    expect(server.tokenRequests()).toBe(1);
    clock.advance(2_000); // 69 s left: renew now, while the old token is still valid
    expect(engine.getStatus('c1').state).toBe('expiring');
    const second = await engine.revealToken('c1');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(server.tokenRequests()).toBe(2);
    expect(engine.getStatus('c1').state).toBe('valid');
  });

  it('renews a 300 s token 40 s early (30 s margin + 10 s skew)', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: shortLived.tokenUrl }));
    await engine.ensureToken('c1');
    clock.advance(259_000);
    await engine.ensureToken('c1');
    expect(shortLived.tokenRequests()).toBe(1);
    clock.advance(2_000);
    await engine.ensureToken('c1');
    expect(shortLived.tokenRequests()).toBe(2);
  });

  it('reports expired once the clock passes expiresAt', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: shortLived.tokenUrl }));
    await engine.ensureToken('c1');
    clock.advance(301_000);
    const status = engine.getStatus('c1');
    expect(status.state).toBe('expired');
    expect(status.expiresInSec).toBe(0);
  });

  it('never reuses a token after the scope changes', async () => {
    let scope = 'read:api';
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl, scope }));
    const read = await engine.revealToken('c1');
    expect(read.scope).toBe('read:api');
    scope = 'read:api write:api';
    const write = await engine.revealToken('c1');
    expect(write.accessToken).not.toBe(read.accessToken);
    expect(write.scope).toBe('read:api write:api');
    expect(new URLSearchParams(server.lastRequest()?.body).get('scope')).toBe('read:api write:api');
    expect(server.tokenRequests()).toBe(2);
  });

  it('fetches anew when the audience or an extra parameter changes', async () => {
    let variant: Partial<TokenRequestSpec> = {};
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl, ...variant }));
    await engine.ensureToken('c1');
    variant = { audience: 'https://api.example.com' };
    await engine.ensureToken('c1');
    variant = { audience: 'https://api.example.com', extraBodyParams: { tenant: 'a' } };
    await engine.ensureToken('c1');
    expect(server.tokenRequests()).toBe(3);
  });

  it('single flight: 1,000 concurrent callers on a cold cache cause exactly one token request', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => engine.revealToken('c1')));
    expect(server.tokenRequests()).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
  });

  it('single flight also when the cached token is expiring', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    const first = await engine.revealToken('c1');
    clock.advance(3600_000 - 30_000);
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => engine.revealToken('c1')));
    expect(server.tokenRequests()).toBe(2);
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set([tokens[0]?.accessToken]));
    expect(tokens[0]?.accessToken).not.toBe(first.accessToken);
  });

  it('reuses a token of unknown expiry for a while, says so, then fetches a fresh one', async () => {
    const { engine, clock } = engineFor(() => specFor({ tokenUrl: opaque.tokenUrl }));
    const status = await engine.ensureToken('c1');
    expect(status.expirySource).toBe('unknown');
    expect(status.expiresAt).toBeNull();
    expect(status.tokenType).toBe('Bearer');
    clock.advance(299_000);
    await engine.ensureToken('c1');
    expect(opaque.tokenRequests()).toBe(1);
    clock.advance(2_000);
    await engine.ensureToken('c1');
    expect(opaque.tokenRequests()).toBe(2);
  });

  it('emits fetching then valid, with claims and expiry but never the token', async () => {
    const { engine, events } = engineFor(() =>
      specFor({ tokenUrl: server.tokenUrl, scope: 'read:api' }),
    );
    const { accessToken } = await engine.revealToken('c1');
    expect(events.map((e) => e.state)).toEqual(['fetching', 'valid']);
    const last = events.at(-1);
    expect(tokenStatusSchema.parse(last)).toEqual(last);
    expect(last?.claims?.sub).toBe('grantline-client');
    expect(last?.scope).toBe('read:api');
    expect(last?.expirySource).toBe('expires_in');
    for (const e of events) expect(JSON.stringify(e)).not.toContain(accessToken.slice(-40));
    expect(JSON.stringify(engine.getStatus('c1'))).not.toContain(accessToken.slice(-40));
  });

  it('invalidate drops the token; forget clears the connection', async () => {
    const { engine } = engineFor(() => specFor({ tokenUrl: server.tokenUrl }));
    await engine.ensureToken('c1');
    engine.invalidate('c1');
    expect(engine.getStatus('c1').state).toBe('none');
    await engine.ensureToken('c1');
    expect(server.tokenRequests()).toBe(2);
    engine.forget('c1');
    expect(engine.getStatus('c1').state).toBe('none');
    expect(engine.getClaims('c1')).toBeNull();
  });
});
