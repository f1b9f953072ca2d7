import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import type { IpcResult } from '#shared/errors.js';
import { connectionInspectionResultSchema } from '#shared/ipc/inspector-channels.js';
import { inspectToken } from '#shared/jwt/index.js';
import { createAppContext } from '../../../../../electron/core/app-context.js';
import {
  inspectorHandlers,
  type InspectorConnectionToken,
  type InspectorTokenSource,
} from '../../../../../electron/core/handlers/inspector-handlers.js';
import { dispatch, type HandlerTable } from '../../../../../electron/core/ipc/dispatch.js';
import { createJwksClient } from '../../../../../electron/core/jwt/jwks-client.js';
import type { JwksMemory } from '../../../../../electron/core/jwt/jwks-memory.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import { countingFetch, fixtureToken } from '../jwt/fixture-tokens.js';
import { RFC7515_HMAC_JWK, RFC7519_HS256 } from '../../../../fixtures/jwt/samples.js';

const ctx = createAppContext({
  version: '0.0.0-test',
  mode: 'browser',
  dataDir: '/tmp/none',
  platform: 'linux',
  secretProtection: { backend: 'key-file', label: 'Key file', secure: false },
});

/** Runs a channel through the real dispatcher, so the contract's schemas check every result. */
function caller(tokenSource?: InspectorTokenSource, jwksMemory?: JwksMemory) {
  const jwksClient = createJwksClient({ minRefreshIntervalMs: 0 });
  const handlers = inspectorHandlers(ctx, { jwksClient, tokenSource, jwksMemory });
  return async (channel: string, args: unknown): Promise<IpcResult<Record<string, unknown>>> =>
    (await dispatch(handlers as unknown as HandlerTable, channel, args, {
      transport: 'test',
    })) as IpcResult<Record<string, unknown>>;
}

function valueOf(result: IpcResult<Record<string, unknown>>): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const HMAC_SECRET = RFC7515_HMAC_JWK.k ?? '';

describe('inspector handlers', () => {
  let fixture: OidcFixture;
  beforeAll(async () => {
    fixture = await startOidcFixture({ privateKeyJwtClient: false });
  });
  afterAll(async () => {
    await fixture.close();
  });

  describe('inspector:decode', () => {
    it('cleans a pasted "Bearer" token with a line break and explains its claims', async () => {
      const token = await fixtureToken(fixture);
      const pasted = `Bearer ${token.slice(0, 40)}\n${token.slice(40)}`;
      const value = valueOf(await caller()('inspector:decode', { token: pasted }));
      expect(value).toMatchObject({ ok: true, kind: 'jws', token });
      const fixes = (value.fixes as Array<{ code: string }>).map((fix) => fix.code);
      expect(fixes).toEqual(expect.arrayContaining(['bearer_prefix', 'inner_whitespace']));
      const claims = value.claims as Array<{ name: string; meaning: string | null }>;
      expect(claims.find((claim) => claim.name === 'iss')?.meaning).toMatch(/issued/i);
      expect(value.lifetime).toMatchObject({ status: 'valid', skewSeconds: 60 });
    });

    it('honours a chosen clock-skew allowance', async () => {
      const token = await fixtureToken(fixture);
      const value = valueOf(await caller()('inspector:decode', { token, skewSeconds: 5 }));
      expect(value.lifetime).toMatchObject({ skewSeconds: 5 });
    });

    it('answers a corrupt token with the part and offset, not an error', async () => {
      const token = await fixtureToken(fixture);
      const [header, payload, signature] = token.split('.');
      const corrupt = `${header}.${payload?.slice(0, 10)}*${payload?.slice(11)}.${signature}`;
      const value = valueOf(await caller()('inspector:decode', { token: corrupt }));
      expect(value).toMatchObject({
        ok: false,
        error: { code: 'invalid_character', part: 'payload', offset: (header?.length ?? 0) + 11 },
      });
    });

    it('recognizes an opaque reference token', async () => {
      const value = valueOf(
        await caller()('inspector:decode', { token: '2YotnFZFEjr1zCsicMWpAA' }),
      );
      expect(value).toMatchObject({ ok: true, kind: 'opaque', lifetime: null });
      expect((value.decoded as { message: string }).message).toMatch(/^Not a JWT/);
    });
  });

  describe('inspector:verify', () => {
    it("verifies a pasted token with the issuer's discovered keys and names the kid", async () => {
      const token = await fixtureToken(fixture);
      const value = valueOf(
        await caller()('inspector:verify', {
          token: `Bearer ${token}`,
          source: { type: 'issuer', issuer: fixture.issuer },
        }),
      );
      expect(value).toMatchObject({
        verified: true,
        outcome: 'verified',
        alg: 'RS256',
        kid: decodeProtectedHeader(token).kid,
      });
    });

    it('checks an HMAC secret once and never echoes it, whatever the outcome', async () => {
      const call = caller();
      const good = await call('inspector:verify', {
        token: RFC7519_HS256,
        source: { type: 'hmac_secret', secret: HMAC_SECRET, encoding: 'base64url' },
      });
      expect(valueOf(good)).toMatchObject({ verified: true, alg: 'HS256' });
      const wrongSecret = 'not-the-secret-but-long-enough';
      const bad = await call('inspector:verify', {
        token: RFC7519_HS256,
        source: { type: 'hmac_secret', secret: wrongSecret },
      });
      expect(valueOf(bad)).toMatchObject({ verified: false, outcome: 'invalid_signature' });
      const wrongType = await call('inspector:verify', {
        token: await fixtureToken(fixture),
        source: { type: 'hmac_secret', secret: wrongSecret },
      });
      expect(valueOf(wrongType)).toMatchObject({ verified: null, outcome: 'wrong_key_type' });
      const badArgs = await call('inspector:verify', {
        token: RFC7519_HS256,
        source: { type: 'hmac_secret', secret: wrongSecret, encoding: 'rot13' },
      });
      expect(badArgs.ok).toBe(false);
      for (const result of [good, bad, wrongType, badArgs]) {
        const text = JSON.stringify(result);
        expect(text).not.toContain(HMAC_SECRET);
        expect(text).not.toContain(wrongSecret);
      }
    });

    it('cuts the secret out of a report even when it happens to occur in the text', async () => {
      // "does not match" is part of the verifier's invalid-signature sentence.
      const secret = 'does not match';
      const result = await caller()('inspector:verify', {
        token: RFC7519_HS256,
        source: { type: 'hmac_secret', secret },
      });
      expect(valueOf(result)).toMatchObject({ outcome: 'invalid_signature' });
      expect(JSON.stringify(result)).not.toContain(secret);
      expect(JSON.stringify(result)).toContain('[redacted]');
    });

    it('says no matching key after the issuer rotated its keys, once the keys are re-fetched', async () => {
      const call = caller();
      const token = await fixtureToken(fixture);
      const source = { type: 'jwks_url', url: fixture.jwksUri };
      expect(valueOf(await call('inspector:verify', { token, source }))).toMatchObject({
        verified: true,
      });
      await fixture.rotateKeys();
      // The cached keys still hold the old kid; an explicit check asks for the current set.
      expect(valueOf(await call('inspector:verify', { token, source }))).toMatchObject({
        verified: true,
      });
      const after = valueOf(await call('inspector:verify', { token, source, refreshKeys: true }));
      expect(after).toMatchObject({ verified: false, outcome: 'no_matching_key' });
      expect(after.reason).toMatch(/rotated/);
    });

    it('fetches keys through the connection named, when asked to', async () => {
      const { fetch, urls } = countingFetch();
      const source: InspectorTokenSource = {
        currentToken: async () => {
          throw new Error('not needed');
        },
        keyFetch: async () => fetch,
      };
      const token = await fixtureToken(fixture);
      const value = valueOf(
        await caller(source)('inspector:verify', {
          token,
          connectionId: 'c1',
          source: { type: 'jwks_url', url: fixture.jwksUri },
        }),
      );
      expect(value).toMatchObject({ verified: true });
      expect(urls).toEqual([fixture.jwksUri]);
    });
  });

  describe('connection channels', () => {
    it('refuse clearly while no token source is wired', async () => {
      for (const channel of ['inspector:inspect-connection', 'inspector:verify-connection']) {
        const result = await caller()(channel, { connectionId: 'c1' });
        expect(result).toMatchObject({
          ok: false,
          error: { category: 'not_found', message: expect.stringMatching(/token source/) },
        });
      }
    });

    it('inspect the current token against what the connection asked for, without the raw token', async () => {
      const token = await fixtureToken(fixture, { scope: 'read:api' });
      const signature = token.split('.')[2] ?? 'missing';
      const asked: string[] = [];
      const source: InspectorTokenSource = {
        currentToken: async (connectionId) => {
          asked.push(connectionId);
          return { token, expected: { scope: 'read:api write:api', issuer: fixture.issuer } };
        },
      };
      const result = await caller(source)('inspector:inspect-connection', { connectionId: 'c1' });
      const value = valueOf(result);
      expect(asked).toEqual(['c1']);
      expect(value.expected).toEqual({ scope: 'read:api write:api', issuer: fixture.issuer });
      const inspection = value.inspection as Record<string, unknown>;
      expect(inspection).toMatchObject({ ok: true, kind: 'jws', token: '' });
      expect(inspection.decoded).toMatchObject({ token: '', signature: '', alg: 'RS256' });
      const warnings = (inspection.warnings as Array<{ code: string }>).map((w) => w.code);
      expect(warnings).toContain('scope_mismatch');
      expect(warnings).not.toContain('issuer_mismatch');
      const text = JSON.stringify(result);
      expect(text).not.toContain(token);
      expect(text).not.toContain(signature);
    });

    it('the contract itself refuses a connection inspection that carries the token', () => {
      const full = inspectToken(RFC7519_HS256, { now: Date.now() });
      expect(connectionInspectionResultSchema.safeParse(full).success).toBe(false);
    });

    it("verify with the connection's JWKS URI through its TLS-aware fetch by default", async () => {
      const token = await fixtureToken(fixture);
      const { fetch, urls } = countingFetch();
      const current: InspectorConnectionToken = {
        token,
        expected: {},
        jwks: { issuer: fixture.issuer, jwksUri: fixture.jwksUri },
        fetch,
      };
      const call = caller({ currentToken: async () => current });
      const report = valueOf(await call('inspector:verify-connection', { connectionId: 'c1' }));
      expect(report).toMatchObject({ verified: true, keySource: fixture.jwksUri });
      // Cached per connection fetch: a second check does not fetch again.
      await call('inspector:verify-connection', { connectionId: 'c1' });
      expect(urls).toEqual([fixture.jwksUri]);
      expect(JSON.stringify(report)).not.toContain(token);
    });

    it('fall back to the issuer, and say so when the connection names no keys', async () => {
      const token = await fixtureToken(fixture);
      const viaIssuer = caller({
        currentToken: async () => ({ token, expected: { issuer: fixture.issuer } }),
      });
      expect(
        valueOf(await viaIssuer('inspector:verify-connection', { connectionId: 'c1' })),
      ).toMatchObject({ verified: true });
      const none = caller({ currentToken: async () => ({ token, expected: {} }) });
      expect(
        valueOf(await none('inspector:verify-connection', { connectionId: 'c1' })),
      ).toMatchObject({ checked: false, verified: null, outcome: 'not_checked' });
    });

    it('accept an explicit key source for a connection token, secret not echoed', async () => {
      const call = caller({
        currentToken: async () => ({ token: RFC7519_HS256, expected: {} }),
      });
      const result = await call('inspector:verify-connection', {
        connectionId: 'c1',
        source: { type: 'hmac_secret', secret: HMAC_SECRET, encoding: 'base64url' },
      });
      expect(valueOf(result)).toMatchObject({ verified: true });
      expect(JSON.stringify(result)).not.toContain(HMAC_SECRET);
    });
  });

  describe('automatic verification', () => {
    function memory(): JwksMemory & { entries: Map<string, string> } {
      const entries = new Map<string, string>();
      return {
        entries,
        get: (issuer) => entries.get(issuer),
        remember: (issuer, url) => void entries.set(issuer, url),
        forget: (issuer) => void entries.delete(issuer),
      };
    }

    /** A token signed with the fixture's RS256 key, with the issuer given. */
    async function tokenFrom(iss: string | undefined): Promise<string> {
      const key = fixture.signingKeys().find((k) => k.alg === 'RS256')!;
      const claims = iss === undefined ? { sub: 'svc' } : { sub: 'svc', iss };
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(await importJWK(key.privateJwk, 'RS256'));
    }

    it("checks a pasted token through its iss's discovery document", async () => {
      const token = await fixtureToken(fixture);
      const value = valueOf(await caller(undefined, memory())('inspector:auto-verify', { token }));
      expect(value).toMatchObject({
        keys: 'issuer_discovery',
        issuer: fixture.issuer,
        rememberedJwksUrl: null,
        skipped: null,
        report: { verified: true, outcome: 'verified' },
      });
    });

    it('remembers a JWKS URL that verified a token, uses it next time, and forgets it', async () => {
      const mem = memory();
      const call = caller(undefined, mem);
      const iss = 'urn:example:broker';
      const first = await tokenFrom(iss);
      // No https issuer and nothing remembered: it says why and fetches nothing.
      expect(valueOf(await call('inspector:auto-verify', { token: first }))).toMatchObject({
        report: null,
        skipped: expect.stringMatching(/not an https address/),
      });
      // A wrong URL is not remembered; the one that verifies is.
      await call('inspector:verify', {
        token: first,
        source: { type: 'jwks_url', url: `${fixture.issuer}/nothing-here` },
      });
      expect(mem.entries.size).toBe(0);
      await call('inspector:verify', {
        token: first,
        source: { type: 'jwks_url', url: fixture.jwksUri },
      });
      expect(mem.entries.get(iss)).toBe(fixture.jwksUri);

      const second = await tokenFrom(iss);
      expect(valueOf(await call('inspector:auto-verify', { token: second }))).toMatchObject({
        keys: 'remembered_jwks',
        rememberedJwksUrl: fixture.jwksUri,
        report: { verified: true },
      });
      valueOf(await call('inspector:forget-jwks', { issuer: iss }));
      expect(mem.entries.size).toBe(0);
    });

    it('never checks HMAC tokens or tokens without an issuer by itself', async () => {
      const call = caller(undefined, memory());
      expect(valueOf(await call('inspector:auto-verify', { token: RFC7519_HS256 }))).toMatchObject({
        report: null,
        skipped: expect.stringMatching(/public-key/),
      });
      const noIss = await tokenFrom(undefined);
      expect(valueOf(await call('inspector:auto-verify', { token: noIss }))).toMatchObject({
        report: null,
        skipped: expect.stringMatching(/names no issuer/),
      });
    });
  });
});
