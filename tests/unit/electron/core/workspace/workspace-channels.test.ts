import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestDraft } from '#shared/requests/schemas.js';
import { startApiServer, type ApiServer } from '../../../../fixtures/api-server/index.js';
import { leaksInDir, leaksInText } from '../../../../fixtures/canary/leak-forms.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';

// A value that must never reach a workspace file, a result or the history, in any encoding.
const CANARY = 'ws-Canary/Secret+Value=7f3e9a1b';

let api: ApiServer;
let rig: HandlerRig;
let connectionId: string;
let otherFolder: string;
const notices: string[] = [];

const draft = (over: Partial<RequestDraft> = {}): RequestDraft => ({ ...emptyDraft(), ...over });

beforeAll(async () => {
  api = await startApiServer({
    issuer: 'https://idp.invalid',
    jwksUri: 'https://idp.invalid/jwks',
  });
  rig = createHandlerRig({
    name: 'grantline-workspace',
    onEvent: (name, payload) => {
      if (name === 'app:notice') notices.push((payload as { message: string }).message);
    },
  });
  const saved = await rig.call('connections:save', {
    connection: {
      name: 'Central',
      presetId: 'axway-platform',
      tokenUrl: 'https://idp.invalid/token',
      clientId: 'client-1',
      // Unreachable on purpose: only an environment's base URL can make a send succeed.
      apiBaseUrls: [{ name: 'Central', url: 'http://127.0.0.1:9/prod' }],
    },
    secrets: { clientSecret: 'client-secret' },
  });
  connectionId = saved.connection.id;
  // A saved request of today's composer, to be copied into the workspace at first open.
  await rig.call('requests:save', {
    connectionId,
    name: 'Environments',
    draft: draft({ url: '{{baseUrl}}/environments' }),
  });
  otherFolder = mkdtempSync(join(tmpdir(), 'grantline-ws-chosen-'));
});

afterAll(async () => {
  await rig.close();
  await api.close();
  rmSync(otherFolder, { recursive: true, force: true });
});

describe('workspace channels', () => {
  it('opens the default workspace with today’s saved requests copied in, and says so', async () => {
    const view = await rig.call('workspace:open');
    expect(view.root).toBe(join(rig.dataDir, 'workspaces', 'default'));
    expect(view.tree).toEqual([
      {
        kind: 'request',
        path: 'environments.yaml',
        name: 'Environments',
        connectionId,
        method: 'GET',
      },
    ]);
    expect(notices.some((n) => /1 saved request was copied into the workspace/.test(n))).toBe(true);
    // Opened again (or after a restart): nothing is copied twice.
    expect((await rig.call('workspace:open')).tree).toHaveLength(1);
  });

  it('saves, renames, moves and deletes requests as files', async () => {
    await rig.call('workspace:create-folder', { path: 'billing' });
    const saved = await rig.call('workspace:save-request', {
      folder: 'billing',
      name: 'List invoices',
      connectionId,
      draft: draft({ url: '{{baseUrl}}/invoices' }),
    });
    expect(saved.path).toBe('billing/list-invoices.yaml');
    const renamed = await rig.call('workspace:rename-request', {
      path: saved.path,
      name: 'All invoices',
    });
    expect(renamed.path).toBe('billing/all-invoices.yaml');
    const moved = await rig.call('workspace:move-request', { path: renamed.path, folder: '' });
    expect(moved.path).toBe('all-invoices.yaml');
    expect((await rig.call('workspace:read-request', { path: moved.path })).name).toBe(
      'All invoices',
    );
    await rig.call('workspace:delete-request', { path: moved.path });
    const gone = await rig.fail('workspace:read-request', { path: moved.path });
    expect(gone.category).toBe('not_found');
    const outside = await rig.fail('workspace:read-request', { path: '../requests.yaml' });
    expect(outside.category).toBe('validation');
  });

  it('keeps secret values out of every workspace file, result and history line (canary)', async () => {
    await rig.call('workspace:save-environment', {
      key: 'staging',
      environment: {
        name: 'Staging',
        variables: [
          { name: 'region', value: 'eu' },
          { name: 'apiKey', secret: true },
        ],
        baseUrls: { [connectionId]: [{ name: 'Central', url: api.origin }] },
      },
    });
    const refused = await rig.fail('workspace:save-environment', {
      key: 'leaky',
      environment: { name: 'Leaky', variables: [{ name: 'k', secret: true, value: CANARY }] },
    });
    expect(refused.category).toBe('validation');
    await rig.call('workspace:set-secret', { key: 'staging', name: 'apiKey', value: CANARY });
    await rig.call('workspace:save-request', {
      name: 'Echo',
      connectionId,
      draft: draft({
        method: 'POST',
        url: '{{baseUrl}}/public/echo?q={{apiKey}}&region={{region}}',
        auth: { type: 'none' },
        headers: [
          { name: 'X-Api-Key', value: '{{apiKey}}', enabled: true },
          { name: 'Authorization', value: `Bearer ${CANARY}`, enabled: true },
        ],
        body: { mode: 'json', text: '{"value": "{{apiKey}}"}', form: [], contentType: '' },
      }),
    });
    const request = await rig.call('workspace:read-request', { path: 'echo.yaml' });

    const result = await rig.call('requests:send', {
      requestId: 'req-workspace-1',
      connectionId,
      draft: request.draft,
      variables: [],
      environment: 'staging',
    });
    expect(result.error).toBeNull();
    expect(result.response?.status).toBe(200);
    // The secret went out (the echo server got it) …
    const body = await rig.call('requests:read-body', {
      responseId: result.response!.responseId,
      offset: 0,
      length: 65_536,
      encoding: 'text',
    });
    const echoed = JSON.parse(body.data) as { path: string; body: string };
    expect(echoed.path).toContain('region=eu');
    expect(JSON.parse(echoed.body)).toEqual({ value: CANARY });
    // … but the result the window gets does not carry it.
    expect(result.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/public\/echo\?q=\[redacted\]&region=eu$/,
    );
    expect(leaksInText(JSON.stringify(result), CANARY)).toEqual([]);

    const environments = await rig.call('workspace:environments');
    const staging = environments.environments.find((e) => e.key === 'staging');
    expect(staging?.variables.find((v) => v.name === 'apiKey')).toEqual({
      name: 'apiKey',
      secret: true,
      enabled: true,
      hasValue: true,
    });
    expect(leaksInText(JSON.stringify(environments), CANARY)).toEqual([]);

    const root = join(rig.dataDir, 'workspaces', 'default');
    expect(readFileSync(join(root, 'environments', 'staging.yaml'), 'utf8')).toContain(
      'secret: true',
    );
    expect(leaksInDir(root, CANARY)).toEqual([]);
    // The whole data dir too: history, last draft, settings; secrets.json holds it encrypted.
    // (The echoed response body, in a temp file until released, is what the server sent back.)
    await rig.call('requests:release', { responseId: result.response!.responseId });
    expect(leaksInDir(rig.dataDir, CANARY)).toEqual([]);
  });

  it('resolves the preview with each value’s source, and applies the environment to a send', async () => {
    const withEnv = await rig.call('workspace:variables', {
      connectionId,
      environment: 'staging',
      variables: [{ name: 'region', value: 'us', enabled: true }],
    });
    const byName = Object.fromEntries(withEnv.variables.map((v) => [v.name, v]));
    expect(byName.baseUrl).toMatchObject({ value: api.origin, source: 'environment' });
    expect(byName.region).toMatchObject({ value: 'us', source: 'request' });
    expect(byName.apiKey).toMatchObject({ value: null, secret: true, source: 'environment' });
    expect(byName.clientId).toMatchObject({ source: 'connection' });

    const without = await rig.call('workspace:variables', { connectionId });
    expect(without.variables.find((v) => v.name === 'baseUrl')).toMatchObject({
      value: 'http://127.0.0.1:9/prod',
      source: 'connection',
    });

    // Without the environment the same draft goes to the connection's (unreachable) base URL.
    const plain = await rig.call('requests:send', {
      requestId: 'req-workspace-2',
      connectionId,
      draft: draft({ url: '{{baseUrl}}/public/echo', auth: { type: 'none' } }),
      variables: [],
    });
    expect(plain.url).toBe('http://127.0.0.1:9/prod/public/echo');
    expect(plain.response).toBeNull();
  });

  it('says which secret variable has no value on this computer', async () => {
    await rig.call('workspace:clear-secret', { key: 'staging', name: 'apiKey' });
    const error = await rig.fail('requests:send', {
      requestId: 'req-workspace-3',
      connectionId,
      draft: draft({ url: '{{baseUrl}}/public/echo?key={{apiKey}}', auth: { type: 'none' } }),
      variables: [],
      environment: 'staging',
    });
    expect(error.message).toMatch(/secret variable \{\{apiKey\}\} of the environment "Staging"/);
    const missing = await rig.fail('requests:send', {
      requestId: 'req-workspace-4',
      connectionId,
      draft: draft({ url: '{{baseUrl}}/x' }),
      variables: [],
      environment: 'nope',
    });
    expect(missing.category).toBe('not_found');
  });

  it('switches to a folder the user chooses and refuses a relative path', async () => {
    const relative = await rig.fail('workspace:choose-folder', { folder: 'my-workspace' });
    expect(relative.message).toMatch(/full path/);
    const view = await rig.call('workspace:choose-folder', { folder: otherFolder });
    expect(view.root).toBe(otherFolder);
    expect(view.tree).toEqual([]);
    expect(readFileSync(join(otherFolder, 'grantline-workspace.yaml'), 'utf8')).toBe(
      'name: My workspace\nformat: 1\n',
    );
    expect((await rig.call('workspace:open')).root).toBe(otherFolder);
  });
});
