import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../../../electron/core/app-context.js';
import { createHandlers } from '../../../../../electron/core/handlers/handler-table.js';
import { dispatch, type HandlerTable } from '../../../../../electron/core/ipc/dispatch.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { createAppCore, type AppCore } from '../../../../../electron/core/app-core.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import type { IpcResult } from '#shared/errors.js';
import type { TokenStatus } from '#shared/connection.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';

const CANARY = 'Canary+/%#:&= sécret';

let oidc: OidcFixture;
let dataDir: string;
let ctx: AppContext;
let services: AppCore;
let handlers: HandlerTable;
const events: { name: string; payload: unknown }[] = [];

async function call<T = Record<string, unknown>>(channel: string, args?: unknown): Promise<T> {
  const result = (await dispatch(handlers, channel, args, { transport: 'test' })) as IpcResult<T>;
  if (!result.ok) throw Object.assign(new Error(result.error.message), { ipc: result.error });
  return result.value;
}
async function fail(channel: string, args?: unknown) {
  const result = await dispatch(handlers, channel, args, { transport: 'test' });
  if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return result.error;
}

const input = (over: Record<string, unknown> = {}) => ({
  name: 'Broker',
  presetId: 'generic-oauth2',
  tokenUrl: oidc.tokenUrl,
  clientId: oidc.clients.basic.clientId,
  ...over,
});

beforeAll(async () => {
  oidc = await startOidcFixture();
  dataDir = mkdtempSync(join(tmpdir(), 'grantline-handlers-'));
  ctx = createAppContext({
    version: '1.0.0',
    mode: 'browser',
    dataDir,
    platform: 'linux',
    secretProtection: new KeyFileProtector(dataDir).info,
  });
  ctx.events.subscribe((name, payload) => events.push({ name, payload }));
  services = createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: ctx.events,
  });
  handlers = createHandlers(ctx, services);
});

afterAll(async () => {
  await services.close();
  await oidc.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('connections and secrets over the contract', () => {
  it('saves a connection with a secret, reports only that a secret is stored, and lists it', async () => {
    const saved = await call<{
      connection: { id: string; secretRef?: string };
      secrets: Record<string, boolean>;
    }>('connections:save', { connection: input(), secrets: { clientSecret: CANARY } });
    expect(saved.secrets).toEqual({
      clientSecret: true,
      privateKey: false,
      clientCert: false,
      clientKey: false,
    });
    expect(JSON.stringify(saved)).not.toContain(CANARY);
    const list = await call<{ connections: unknown[] }>('connections:list');
    expect(list.connections).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(CANARY);
  });

  it('keeps no trace of the secret in any file of the data dir (plain, base64, URL-encoded, hex)', () => {
    const forms = [
      CANARY,
      Buffer.from(CANARY).toString('base64'),
      Buffer.from(CANARY).toString('base64url'),
      encodeURIComponent(CANARY),
      Buffer.from(CANARY).toString('hex'),
    ];
    const files = (readdirSync(dataDir, { recursive: true }) as string[])
      .map((f) => join(dataDir, f))
      .filter((f) => statSync(f).isFile());
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const text = readFileSync(file).toString('latin1') + readFileSync(file, 'utf8');
      for (const form of forms)
        expect(text.includes(form), `${file} contains the canary`).toBe(false);
    }
  });

  it('refuses a duplicate name with a conflict that says what to do', async () => {
    const error = await fail('connections:save', { connection: input({ name: 'broker' }) });
    expect(error.category).toBe('conflict');
    expect(error.hint).toBeTruthy();
  });

  it('rejects a malformed connection with a validation error and keeps what was saved', async () => {
    const error = await fail('connections:save', {
      connection: input({ name: 'Other', tokenUrl: 'not a url' }),
    });
    expect(error.category).toBe('validation');
    expect((await call<{ connections: unknown[] }>('connections:list')).connections).toHaveLength(
      1,
    );
  });

  it('gets a token (status only, never the token), reveals it only on request, and emits status events', async () => {
    const { connections } = await call<{ connections: { connection: { id: string } }[] }>(
      'connections:list',
    );
    const id = connections[0]!.connection.id;
    // The stored canary is the wrong secret: the fetch fails with invalid_client.
    const failed = await fail('tokens:fetch', { connectionId: id });
    // oidc-provider calls a secret it cannot decode a malformed request rather than a bad client.
    expect(failed.category).toMatch(/^invalid_(client|request)$/);
    expect(JSON.stringify(failed)).not.toContain(CANARY);

    expect(
      await call('secrets:set', {
        connectionId: id,
        secrets: { clientSecret: oidc.clients.basic.clientSecret },
      }),
    ).toMatchObject({
      clientSecret: true,
    });
    events.length = 0;
    const status = await call<TokenStatus>('tokens:fetch', { connectionId: id });
    expect(status).toMatchObject({
      state: 'valid',
      tokenType: 'Bearer',
      expirySource: 'expires_in',
    });
    expect(status.claims?.iss).toBe(oidc.issuer);
    expect(JSON.stringify(status)).not.toMatch(/eyJ[\w-]{10,}\./);
    const statusEvents = events.filter((e) => e.name === 'tokens:status-changed');
    expect(statusEvents.length).toBeGreaterThan(0);
    expect(JSON.stringify(statusEvents)).not.toMatch(/eyJ[\w-]{10,}\./);

    const revealed = await call<{ accessToken: string }>('tokens:reveal', {
      connectionId: id,
      purpose: 'copy',
    });
    expect(revealed.accessToken).toMatch(/^eyJ/);
  });

  it('inspects and verifies a connection token in main without sending the raw token', async () => {
    const saved = await call<{ connection: { id: string } }>('connections:save', {
      connection: input({
        name: 'Axway style',
        presetId: 'axway-platform',
        tokenUrl: undefined,
        fields: { loginBaseUrl: oidc.issuer.replace(/\/auth\/realms\/Broker$/, '') },
        scope: 'email',
      }),
      secrets: { clientSecret: oidc.clients.basic.clientSecret },
    });
    const id = saved.connection.id;
    const inspected = await call<Record<string, unknown>>('inspector:inspect-connection', {
      connectionId: id,
    });
    const revealed = await call<{ accessToken: string }>('tokens:reveal', {
      connectionId: id,
      purpose: 'reveal',
    });
    expect(JSON.stringify(inspected)).not.toContain(revealed.accessToken);
    expect(JSON.stringify(inspected)).not.toContain(revealed.accessToken.split('.')[2]);
    expect(JSON.stringify(inspected)).toContain(oidc.issuer);
    // Keys come from the realm's certs endpoint, found from the Keycloak-style token URL.
    const report = await call<{ verified: boolean | null; kid: string | null }>(
      'inspector:verify-connection',
      {
        connectionId: id,
      },
    );
    expect(report.verified).toBe(true);
    expect(report.kid).toBeTruthy();
    await call('connections:delete', { id });
  });

  it('tests unsaved settings and suggests the secret method that works', async () => {
    const report = await call<{ ok: boolean; workingMethod: string | null; token: unknown }>(
      'tokens:test',
      {
        connection: input({
          name: 'draft',
          clientId: oidc.clients.specialSecret.clientId,
          authMethod: 'client_secret_basic_raw',
        }),
        secrets: { clientSecret: oidc.clients.specialSecret.clientSecret },
      },
    );
    expect(report.ok).toBe(false);
    expect(report.workingMethod).toBe('client_secret_basic');
    expect(report.token).not.toBeNull();
  });

  it('discovers the token endpoint and JWKS URI of an issuer', async () => {
    const found = await call('tokens:discover', { issuer: oidc.issuer });
    expect(found).toMatchObject({ tokenEndpoint: oidc.tokenUrl, jwksUri: oidc.jwksUri });
  });

  it('duplicates with secrets, renames, and deletes a connection together with its secrets', async () => {
    const { connections } = await call<{ connections: { connection: { id: string } }[] }>(
      'connections:list',
    );
    const id = connections[0]!.connection.id;
    const copy = await call<{
      connection: { id: string; name: string };
      secrets: { clientSecret: boolean };
    }>('connections:duplicate', { id });
    expect(copy.connection.name).toBe('Broker (copy)');
    expect(copy.secrets.clientSecret).toBe(true);
    const renamed = await call<{ connection: { name: string } }>('connections:rename', {
      id: copy.connection.id,
      name: 'Second',
    });
    expect(renamed.connection.name).toBe('Second');
    await call('connections:delete', { id: copy.connection.id });
    expect(await services.secrets.ids()).toHaveLength(1);
    expect((await fail('connections:get', { id: copy.connection.id })).category).toBe('not_found');
  });
});
