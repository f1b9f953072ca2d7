import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionRepository } from '../../../../electron/core/connections/connection-repository.js';
import { SecretStore } from '../../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../../electron/core/storage/conf-json-store.js';
import { chooseBrowserModeProtector } from '../../../../electron/host/keyring-protector.js';
import { runTokenCommand, TOKEN_HELP } from '../../../../electron/host/token-command.js';
import { presets } from '#shared/presets/index.js';
import { testCa } from '../../../fixtures/certs/index.js';
import {
  apkTestClient,
  appviewxSampleClient,
  startAmplienceEmulator,
  startAppViewXEmulator,
  startWso2ApkEmulator,
  type AmplienceEmulator,
  type AppViewXEmulator,
  type Wso2ApkEmulator,
} from '../../../fixtures/emulators/index.js';
import { startOidcFixture, type OidcFixture } from '../../../fixtures/oidc/oidc-fixture.js';
import { startThiefServer } from '../../../fixtures/thief/thief-server.js';

let oidc: OidcFixture;
let wso2: Wso2ApkEmulator;
let amplience: AmplienceEmulator;
let appviewx: AppViewXEmulator;
let work: string;

beforeAll(async () => {
  [oidc, wso2, amplience, appviewx] = await Promise.all([
    startOidcFixture(),
    startWso2ApkEmulator(),
    startAmplienceEmulator(),
    startAppViewXEmulator(),
  ]);
  work = mkdtempSync(join(tmpdir(), 'grantline-cli-'));
  writeFileSync(join(work, 'ca.pem'), testCa.cert);
});

afterAll(async () => {
  await Promise.all([oidc.close(), wso2.close(), amplience.close(), appviewx.close()]);
  rmSync(work, { recursive: true, force: true });
});

/** The AppViewX preset against the emulator, trusting the test CA, secret from env var S. */
function appviewxArgs(clientId: string): string[] {
  return [
    '--preset',
    'appviewx',
    '--field',
    'host=127.0.0.1',
    '--field',
    `port=${appviewx.port}`,
    '--ca',
    join(work, 'ca.pem'),
    '--client-id',
    clientId,
    '--client-secret-env',
    'S',
  ];
}

async function run(argv: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runTokenCommand(argv, {
    stdin: Readable.from([opts.stdin ?? '']),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: opts.env ?? {},
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}

describe('grantline token --help', () => {
  it('documents every flag of the synopsis and every preset', () => {
    const flags = [
      '--connection',
      '--preset',
      '--field',
      '--token-url',
      '--client-id',
      '--client-secret-env',
      '--client-secret-stdin',
      '--auth',
      '--private-key',
      '--grant-type',
      '--scope',
      '--audience',
      '--resource',
      '--param',
      '--header',
      '--body',
      '--token-field',
      '--ca',
      '--pin',
      '--insecure',
      '--allow-http',
      '--timeout',
      '--data-dir',
      '--json',
    ];
    for (const flag of flags) expect(TOKEN_HELP, flag).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    for (const preset of presets) expect(TOKEN_HELP).toContain(`${preset.id}`);
    for (const preset of presets) expect(TOKEN_HELP).toContain(preset.name);
  });
});

describe('grantline token against each vendor platform', () => {
  it('Axway Amplify (HTTP Basic) against oidc-provider: prints the token alone', async () => {
    const c = oidc.clients.basic;
    const r = await run(
      [
        '--preset',
        'axway-platform',
        '--field',
        `loginBaseUrl=${oidc.issuer.replace(/\/auth\/realms\/Broker$/, '')}`,
        '--client-id',
        c.clientId,
        '--client-secret-env',
        'SA_SECRET',
      ],
      { env: { SA_SECRET: c.clientSecret } },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it('Axway Support (form body) with --json gives the documented shape', async () => {
    const c = oidc.clients.post;
    const r = await run(
      [
        '--preset',
        'axway-support',
        '--token-url',
        oidc.tokenUrl,
        '--client-id',
        c.clientId,
        '--client-secret-stdin',
        '--scope',
        'email',
        '--json',
      ],
      { stdin: `${c.clientSecret}\n` },
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out).sort()).toEqual(
      [
        'access_token',
        'claims',
        'expires_at',
        'expires_in',
        'expiry_source',
        'ok',
        'scope',
        'token_type',
      ].sort(),
    );
    expect(out).toMatchObject({
      ok: true,
      token_type: 'Bearer',
      expiry_source: 'expires_in',
      scope: 'email',
    });
    expect(new Date(String(out.expires_at)).getTime()).toBeGreaterThan(Date.now());
    expect((out.claims as Record<string, unknown>).iss).toBe(oidc.issuer);
  });

  it('WSO2 APK: an unpinned self-signed certificate fails with the fingerprint, a pin works', async () => {
    const args = [
      '--preset',
      'wso2-apk',
      '--field',
      'host=127.0.0.1',
      '--field',
      `port=${wso2.port}`,
      '--client-id',
      apkTestClient.clientId,
      '--client-secret-env',
      'S',
      '--json',
    ];
    const env = { S: apkTestClient.clientSecret };
    const refused = await run(args, { env });
    expect(refused.code).toBe(1);
    const error = refused.json().error as Record<string, unknown>;
    expect(error.category).toBe('tls');
    expect(JSON.stringify(error)).toContain(wso2.fingerprint256);

    const pin = wso2.fingerprint256.replace(/:/g, '').toLowerCase();
    const pinned = await run([...args, '--pin', pin], { env });
    expect(pinned.code).toBe(0);
    expect(pinned.json()).toMatchObject({ ok: true, scope: 'default', expires_in: 3600 });
    expect(wso2.lastRequest()?.headers.host).toBe('idp.am.wso2.com');
  });

  it('Amplience: 300 s token, and a wrong secret gives invalid_client with the provider hint', async () => {
    const ok = await run(
      [
        '--preset',
        'amplience',
        '--token-url',
        amplience.tokenUrl,
        '--client-id',
        amplience.clientId,
        '--client-secret-env',
        'S',
        '--json',
      ],
      { env: { S: amplience.clientSecret } },
    );
    expect(ok.json()).toMatchObject({ ok: true, expires_in: 300 });
    const bad = await run(
      [
        '--preset',
        'amplience',
        '--token-url',
        amplience.tokenUrl,
        '--client-id',
        amplience.clientId,
        '--client-secret-env',
        'S',
        '--json',
      ],
      { env: { S: 'wrong-secret' } },
    );
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({
      ok: false,
      error: { category: 'invalid_client', status: 400 },
    });
    expect(String((bad.json().error as Record<string, unknown>).hint)).not.toBe('null');
  });

  it('AppViewX: raw Basic, Client_Credentials, token in response, expiry from the JWT', async () => {
    const r = await run([...appviewxArgs(appviewxSampleClient.clientId), '--json'], {
      env: { S: appviewxSampleClient.clientSecret },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ ok: true, expiry_source: 'jwt_exp' });
    // No expires_in in the response: the lifetime is derived from the JWT's exp claim.
    expect(Number(out.expires_in)).toBeGreaterThan(3500);
    expect(appviewx.lastRequest()?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${appviewxSampleClient.clientId}:${appviewxSampleClient.clientSecret}`).toString('base64')}`,
    );
  });

  it('AppViewX provider codes come back as provider_code with a hint', async () => {
    const r = await run([...appviewxArgs('no-such-account'), '--json'], { env: { S: 'x' } });
    expect(r.code).toBe(1);
    const error = r.json().error as Record<string, unknown>;
    expect(error.provider_code).toBe('ACCT_SA_003');
    expect(typeof error.hint).toBe('string');
  });
});

describe('grantline token --connection', () => {
  it('uses a connection saved in the data dir, with its stored secret, and never prints the secret', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-data-'));
    const canary = 'Canary+/%#:&= secret';
    const secrets = new SecretStore({
      dataDir,
      protector: await chooseBrowserModeProtector(dataDir),
    });
    const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
    await repo.save(
      {
        name: 'Broker (basic)',
        presetId: 'generic-oauth2',
        fields: {},
        tokenUrl: oidc.tokenUrl,
        clientId: oidc.clients.basic.clientId,
        tls: { insecure: false },
        allowHttp: false,
      },
      { clientSecret: oidc.clients.basic.clientSecret },
    );
    const ok = await run(['--connection', 'broker (BASIC)', '--data-dir', dataDir, '--json']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true });

    // A wrong secret from the environment overrides the stored one: the failure never echoes it.
    const bad = await run(
      ['--connection', 'Broker (basic)', '--data-dir', dataDir, '--client-secret-env', 'S'],
      {
        env: { S: canary },
      },
    );
    expect(bad.code).toBe(1);
    for (const text of [bad.stdout, bad.stderr]) {
      expect(text).not.toContain(canary);
      expect(text).not.toContain(encodeURIComponent(canary));
      expect(text).not.toContain(Buffer.from(canary).toString('base64'));
    }
    for (const file of readdirSync(dataDir, { recursive: true }) as string[]) {
      const path = join(dataDir, file);
      try {
        expect(readFileSync(path, 'utf8')).not.toContain(oidc.clients.basic.clientSecret);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    }
    const missing = await run(['--connection', 'nope', '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Broker (basic)');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('grantline token --connection with --token-url', () => {
  it('refuses to send the stored secret to another origin, and allows another path on the same one', async () => {
    const thief = await startThiefServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-bound-'));
    const secrets = new SecretStore({
      dataDir,
      protector: await chooseBrowserModeProtector(dataDir),
    });
    const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
    const { clientId, clientSecret } = oidc.clients.basic;
    await repo.save(
      {
        name: 'Bound',
        presetId: 'generic-oauth2',
        fields: {},
        tokenUrl: oidc.tokenUrl,
        clientId,
        tls: { insecure: false },
        allowHttp: false,
      },
      { clientSecret },
    );
    const away = await run([
      '--connection',
      'Bound',
      '--data-dir',
      dataDir,
      '--token-url',
      `${thief.origin}/token`,
    ]);
    expect(away.code).toBe(1);
    expect(away.stderr).toContain(`was entered for ${new URL(oidc.tokenUrl).origin}`);
    expect(away.stderr).toContain(thief.origin);
    expect(thief.requests).toHaveLength(0);

    const samePath = await run([
      '--connection',
      'Bound',
      '--data-dir',
      dataDir,
      '--token-url',
      `${oidc.tokenUrl}?same=origin`,
      '--json',
    ]);
    expect(samePath.code).toBe(0);
    await thief.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('grantline token usage errors', () => {
  it('says what is missing, with exit code 2', async () => {
    expect((await run([])).stderr).toMatch(/--connection NAME, --preset ID or --token-url URL/);
    const noId = await run(['--token-url', oidc.tokenUrl, '--json']);
    expect(noId.code).toBe(2);
    expect(noId.json()).toMatchObject({ ok: false, error: { category: 'validation' } });
    expect(
      (
        await run([
          '--token-url',
          oidc.tokenUrl,
          '--client-id',
          'x',
          '--client-secret-env',
          'UNSET',
        ])
      ).stderr,
    ).toMatch(/UNSET is not set/);
    expect(
      (await run(['--token-url', oidc.tokenUrl, '--client-id', 'x', '--auth', 'digest'])).code,
    ).toBe(2);
  });

  it('refuses a plain-http token URL that is not loopback unless --allow-http', async () => {
    const r = await run(['--token-url', 'http://example.com/token', '--client-id', 'x', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.json()).toMatchObject({ ok: false, error: { category: 'insecure_url' } });
  });
});

describe('grantline token start-up notices', () => {
  it('reports a damaged connections file the way the app does, instead of only "not found"', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-notice-'));
    writeFileSync(join(dataDir, 'connections.json'), '{ this is not json');
    const r = await run(['--connection', 'anything', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/connections\.json/);
    expect(r.stderr).toMatch(/No saved connection named "anything"/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
