import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../../../electron/core/app-context.js';
import { createAppCore, type AppCore } from '../../../../../electron/core/app-core.js';
import { createHandlers } from '../../../../../electron/core/handlers/handler-table.js';
import { dispatch, type HandlerTable } from '../../../../../electron/core/ipc/dispatch.js';
import { KeyFileProtector } from '../../../../../electron/core/secrets/key-file-protector.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import type { IpcError, IpcResult } from '#shared/errors.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import { startThiefServer, type ThiefServer } from '../../../../fixtures/thief/thief-server.js';

// A page that is not honest (or a stolen launch key) must not be able to send a stored secret to
// a server of its choosing through any channel that fills one in.

let oidc: OidcFixture;
let thief: ThiefServer;
let dataDir: string;
let services: AppCore;
let handlers: HandlerTable;

async function result<T>(channel: string, args: unknown): Promise<IpcResult<T>> {
  return (await dispatch(handlers, channel, args, { transport: 'test' })) as IpcResult<T>;
}
async function call<T = Record<string, unknown>>(channel: string, args: unknown): Promise<T> {
  const r = await result<T>(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}
async function refused(channel: string, args: unknown): Promise<IpcError> {
  const r = await result(channel, args);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
  return r.error;
}

type View = { connection: { id: string; name: string; tokenUrl?: string; secretOrigin?: string } };
let saved: View['connection'];
const secret = (): string => oidc.clients.basic.clientSecret ?? '';
const basicHeader = () =>
  `Basic ${Buffer.from(`${oidc.clients.basic.clientId}:${secret()}`).toString('base64')}`;
/** The stored secret in any form it could travel in. */
const stolen = (): boolean =>
  thief.saw(secret()) ||
  thief.saw(encodeURIComponent(secret())) ||
  thief.saw(basicHeader().slice('Basic '.length));

/** True when the thief got `value` as a client secret, in the body or a Basic header. */
const received = (value: string): boolean =>
  thief.saw(value) ||
  thief.saw(Buffer.from(`${oidc.clients.basic.clientId}:${value}`).toString('base64'));

const draft = (over: Record<string, unknown> = {}) => ({
  name: 'Broker',
  presetId: 'generic-oauth2',
  tokenUrl: oidc.tokenUrl,
  clientId: oidc.clients.basic.clientId,
  ...over,
});

beforeAll(async () => {
  [oidc, thief] = await Promise.all([startOidcFixture(), startThiefServer()]);
  dataDir = mkdtempSync(join(tmpdir(), 'grantline-binding-'));
  const context = createAppContext({
    version: '1.0.0',
    mode: 'browser',
    dataDir,
    platform: 'linux',
    secretProtection: new KeyFileProtector(dataDir).info,
  });
  services = createAppCore({
    dataDir,
    protector: new KeyFileProtector(dataDir),
    openStore: openJsonStore,
    events: context.events,
  });
  handlers = createHandlers(context, services);
  saved = (
    await call<View>('connections:save', {
      connection: draft(),
      secrets: { clientSecret: secret() },
    })
  ).connection;
});

beforeEach(() => {
  thief.requests.length = 0;
});

afterAll(async () => {
  await services.close();
  await Promise.all([oidc.close(), thief.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a stored secret is bound to the origin of its token endpoint', () => {
  it('records the origin the secret was entered for', () => {
    expect(saved.secretOrigin).toBe(new URL(oidc.tokenUrl).origin);
  });

  it('tokens:test does not fill the stored secret into a draft for another origin', async () => {
    const error = await refused('tokens:test', {
      connection: draft({ id: saved.id, tokenUrl: `${thief.origin}/token` }),
      connectionId: saved.id,
    });
    expect(error.category).toBe('forbidden');
    expect(error.message).toContain(new URL(oidc.tokenUrl).origin);
    expect(error.message).toContain(thief.origin);
    expect(error.hint).toMatch(/Enter the client secret again/);
    expect(thief.requests).toHaveLength(0);
  });

  it('tokens:test uses a secret typed for the other origin (it was entered for it)', async () => {
    await call('tokens:test', {
      connection: draft({ id: saved.id, tokenUrl: `${thief.origin}/token` }),
      connectionId: saved.id,
      secrets: { clientSecret: 'typed-for-the-new-server' },
    });
    expect(received('typed-for-the-new-server')).toBe(true);
    expect(stolen()).toBe(false);
  });

  it('tokens:test fills the stored secret in for another path on the same origin', async () => {
    const report = await call<{ ok: boolean; error: IpcError | null }>('tokens:test', {
      connection: draft({ id: saved.id, tokenUrl: `${oidc.tokenUrl}?same=origin` }),
      connectionId: saved.id,
    });
    expect(report.ok).toBe(true);
  });

  it('connections:save refuses to move a stored secret to another origin, and keeps the connection', async () => {
    const error = await refused('connections:save', {
      connection: draft({ id: saved.id, tokenUrl: `${thief.origin}/token` }),
    });
    expect(error.category).toBe('forbidden');
    expect(error.message).toContain('client secret');
    const still = await call<View>('connections:get', { id: saved.id });
    expect(still.connection.tokenUrl).toBe(oidc.tokenUrl);
    // So tokens:fetch still goes where the secret was entered for.
    await call('tokens:fetch', { connectionId: saved.id, force: true });
    expect(stolen()).toBe(false);
    expect(thief.requests).toHaveLength(0);
  });

  it('connections:save accepts another path on the same origin without the secret', async () => {
    const moved = await call<View>('connections:save', {
      connection: draft({ id: saved.id, tokenUrl: `${oidc.tokenUrl}?path=same-origin` }),
    });
    expect(moved.connection.secretOrigin).toBe(new URL(oidc.tokenUrl).origin);
    await call('connections:save', { connection: draft({ id: saved.id }) });
  });

  it('a duplicate keeps the binding: its secret cannot be moved either', async () => {
    const copy = (await call<View>('connections:duplicate', { id: saved.id })).connection;
    expect(copy.secretOrigin).toBe(new URL(oidc.tokenUrl).origin);
    const error = await refused('connections:save', {
      connection: draft({ id: copy.id, name: copy.name, tokenUrl: `${thief.origin}/token` }),
    });
    expect(error.category).toBe('forbidden');
    await refused('tokens:test', {
      connection: draft({ id: copy.id, name: copy.name, tokenUrl: `${thief.origin}/token` }),
      connectionId: copy.id,
    });
    expect(thief.requests).toHaveLength(0);
  });

  it('moving to another origin with the secret entered again rebinds it there', async () => {
    const other = (
      await call<View>('connections:save', {
        connection: draft({ name: 'Movable' }),
        secrets: { clientSecret: secret() },
      })
    ).connection;
    const moved = await call<View>('connections:save', {
      connection: draft({ id: other.id, name: 'Movable', tokenUrl: `${thief.origin}/token` }),
      secrets: { clientSecret: 'the-new-servers-secret' },
    });
    expect(moved.connection.secretOrigin).toBe(thief.origin);
    await call('tokens:fetch', { connectionId: other.id, force: true });
    expect(received('the-new-servers-secret')).toBe(true);
    expect(stolen()).toBe(false);
  });

  it('discovery: a draft whose issuer is on another origin does not get the stored secret', async () => {
    const oidcSaved = (
      await call<View>('connections:save', {
        connection: {
          name: 'Discovered',
          presetId: 'generic-oidc',
          fields: { issuer: oidc.issuer },
          clientId: oidc.clients.basic.clientId,
        },
        secrets: { clientSecret: secret() },
      })
    ).connection;
    expect(oidcSaved.secretOrigin).toBe(new URL(oidc.issuer).origin);
    const error = await refused('tokens:test', {
      connection: {
        id: oidcSaved.id,
        name: 'Discovered',
        presetId: 'generic-oidc',
        fields: { issuer: `${thief.origin}/realms/evil` },
        clientId: oidc.clients.basic.clientId,
      },
      connectionId: oidcSaved.id,
    });
    expect(error.category).toBe('forbidden');
    expect(stolen()).toBe(false);
    expect(thief.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
