import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionRepository } from '../../../../electron/core/connections/connection-repository.js';
import { SecretStore } from '../../../../electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../../electron/core/storage/conf-json-store.js';
import { chooseBrowserModeProtector } from '../../../../electron/host/keyring-protector.js';
import { runTokenCommand, TOKEN_HELP } from '../../../../electron/host/token-command.js';
import { clientCert, testCa } from '../../../fixtures/certs/index.js';
import { startGrantsIdp, type GrantsIdp } from '../../../fixtures/grants/grants-idp.js';
import {
  startJwtBearerServer,
  type JwtBearerServer,
} from '../../../fixtures/grants/jwt-bearer-server.js';
import {
  startTokenExchangeServer,
  type TokenExchangeServer,
} from '../../../fixtures/grants/token-exchange-server.js';

const CLOUD = 'https://www.googleapis.com/auth/cloud-platform';
let google: JwtBearerServer;
let idp: GrantsIdp;
let exchange: TokenExchangeServer;
let work: string;
let keyPath: string;

beforeAll(async () => {
  [google, idp] = await Promise.all([startJwtBearerServer(), startGrantsIdp()]);
  exchange = await startTokenExchangeServer({ isValidSubject: (t) => google.issued().includes(t) });
  work = mkdtempSync(join(tmpdir(), 'grantline-cli-grants-'));
  keyPath = join(work, 'key.json');
  writeFileSync(keyPath, google.keyFileText);
  writeFileSync(join(work, 'ca.pem'), testCa.cert);
});
afterAll(async () => {
  await Promise.all([google.close(), idp.close(), exchange.close()]);
  rmSync(work, { recursive: true, force: true });
});

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runTokenCommand(argv, {
    stdin: Readable.from(['']),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as Record<string, unknown> };
}

/** The PEM body of the key file's private key, as it would appear if leaked. */
const keyBody = (): string =>
  google.keyFile.private_key
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('-----'))
    .join('');

function expectNoPrivateKey(text: string): void {
  const body = keyBody();
  expect(text).not.toContain(body.slice(0, 40));
  expect(text).not.toContain(body.slice(-40));
  expect(text).not.toContain('PRIVATE KEY');
}

describe('grantline token: service-account key files', () => {
  it('--preset google-service-account gets a token with the key file, never printing the key', async () => {
    const r = await run([
      '--preset',
      'google-service-account',
      '--service-account-key',
      keyPath,
      '--scope',
      CLOUD,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, token_type: 'Bearer', expires_in: 3599 });
    expect(google.accepted().at(-1)).toMatchObject({
      iss: google.keyFile.client_email,
      scope: CLOUD,
    });
    expectNoPrivateKey(r.stdout + r.stderr);
  });

  it('--grant jwt-bearer: --token-url replaces the key file’s token_uri; --subject delegates', async () => {
    const moved = join(work, 'moved.json');
    writeFileSync(
      moved,
      JSON.stringify({ ...google.keyFile, token_uri: 'https://oauth2.googleapis.com/token' }),
    );
    const r = await run([
      '--grant',
      'jwt-bearer',
      '--service-account-key',
      moved,
      '--token-url',
      google.tokenUrl,
      '--scope',
      CLOUD,
      '--subject',
      'admin@example.com',
    ]);
    expect(r.code).toBe(0);
    expect(google.issued()).toContain(r.stdout.trim());
    expect(google.accepted().at(-1)).toMatchObject({
      aud: google.tokenUrl,
      sub: 'admin@example.com',
    });
  });

  it('explains a key Google does not know, and a file that is not a key file', async () => {
    const foreign = join(work, 'foreign.json');
    writeFileSync(foreign, JSON.stringify(google.unknownKeyFile));
    const r = await run([
      '--preset',
      'google-service-account',
      '--service-account-key',
      foreign,
      '--scope',
      CLOUD,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/deleted or disabled/);
    expectNoPrivateKey(r.stderr);

    const notKey = join(work, 'not-key.json');
    writeFileSync(notKey, JSON.stringify({ type: 'authorized_user', client_id: 'x' }));
    const bad = await run([
      '--preset',
      'google-service-account',
      '--service-account-key',
      notKey,
      '--scope',
      CLOUD,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a service-account key file/);

    const noScope = await run([
      '--preset',
      'google-service-account',
      '--service-account-key',
      keyPath,
    ]);
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toMatch(/needs --scope/);
  });
});

describe('grantline token: client_secret_jwt, DPoP, certificate-bound, token exchange', () => {
  const ca = (): string[] => ['--ca', join(work, 'ca.pem')];

  it('--auth client-secret-jwt', async () => {
    const r = await run(
      [
        '--token-url',
        idp.tokenUrl,
        ...ca(),
        '--client-id',
        idp.clients.secretJwt.clientId,
        '--client-secret-env',
        'S',
        '--auth',
        'client-secret-jwt',
        '--json',
      ],
      { S: idp.clients.secretJwt.clientSecret },
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.ok).toBe(true);
    expect('cnf' in out).toBe(false);
    expect(r.stdout).not.toContain(idp.clients.secretJwt.clientSecret);
  });

  it('--dpop prints token_type DPoP and the key thumbprint, which the token’s cnf.jkt matches', async () => {
    const r = await run(
      [
        '--token-url',
        idp.tokenUrl,
        ...ca(),
        '--client-id',
        idp.clients.dpop.clientId,
        '--client-secret-env',
        'S',
        '--dpop',
        '--json',
      ],
      { S: idp.clients.dpop.clientSecret },
    );
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.token_type).toBe('DPoP');
    expect(typeof out.dpop_jkt).toBe('string');
    expect(out.cnf).toEqual({ jkt: out.dpop_jkt });
    expect((decodeJwt(String(out.access_token)).cnf as { jkt: string }).jkt).toBe(out.dpop_jkt);
  });

  it('--connection of a DPoP connection uses its stored key; of an mTLS one prints cnf.x5t#S256', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-grants-data-'));
    try {
      const secrets = new SecretStore({
        dataDir,
        protector: await chooseBrowserModeProtector(dataDir),
      });
      const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
      const base = {
        fields: {},
        tokenUrl: idp.tokenUrl,
        tls: { insecure: false, caPem: idp.caPem },
        allowHttp: false,
      };
      const dpop = await repo.save(
        {
          ...base,
          name: 'dpop',
          presetId: 'generic-oauth2',
          clientId: idp.clients.dpop.clientId,
          dpop: { enabled: true },
        },
        { clientSecret: idp.clients.dpop.clientSecret },
      );
      const { generateDpopKey, createDpopSigner } =
        await import('../../../../electron/core/tokens/dpop.js');
      const stored = await generateDpopKey();
      await secrets.set(`connection:${dpop.id}:dpop-key`, stored);
      const r = await run(['--connection', 'dpop', '--data-dir', dataDir, '--json']);
      expect(r.code).toBe(0);
      expect(r.json().dpop_jkt).toBe((await createDpopSigner(stored)).jkt);

      await repo.save(
        { ...base, name: 'mtls', presetId: 'generic-oauth2', clientId: idp.clients.mtls.clientId },
        {
          clientSecret: idp.clients.mtls.clientSecret,
          clientCert: clientCert.cert,
          clientKey: clientCert.key,
        },
      );
      const m = await run(['--connection', 'mtls', '--data-dir', dataDir, '--json']);
      expect(m.code).toBe(0);
      const thumb = createHash('sha256')
        .update(new X509Certificate(clientCert.cert).raw)
        .digest('base64url');
      expect(m.json().cnf).toEqual({ 'x5t#S256': thumb });
      expect('dpop_jkt' in m.json()).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('--grant token-exchange exchanges the token from --subject-token-env', async () => {
    const subject = await run([
      '--preset',
      'google-service-account',
      '--service-account-key',
      keyPath,
      '--scope',
      CLOUD,
    ]);
    const r = await run(
      [
        '--grant',
        'token-exchange',
        '--token-url',
        exchange.tokenUrl,
        '--client-id',
        exchange.clientId,
        '--client-secret-env',
        'S',
        '--subject-token-env',
        'SUBJECT',
        '--audience',
        'https://backend.example.com',
        '--requested-token-type',
        'urn:ietf:params:oauth:token-type:access_token',
        '--json',
      ],
      { S: exchange.clientSecret, SUBJECT: subject.stdout.trim() },
    );
    expect(r.code).toBe(0);
    expect(exchange.issued()).toContain(r.json().access_token);
    expect(exchange.exchanges().at(-1)).toMatchObject({
      subject_token: subject.stdout.trim(),
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'https://backend.example.com',
    });
    const missing = await run([
      '--grant',
      'token-exchange',
      '--token-url',
      exchange.tokenUrl,
      '--client-id',
      exchange.clientId,
      '--subject-token-env',
      'NOPE',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NOPE is not set/);
  });

  it('--help documents every grant flag', () => {
    for (const flag of [
      '--grant',
      '--service-account-key',
      '--subject',
      '--dpop',
      '--subject-token-env',
      '--subject-token-type',
      '--requested-token-type',
      'client-secret-jwt',
      'google-service-account',
    ]) {
      expect(TOKEN_HELP).toContain(flag);
    }
  });
});

describe('the key file’s private key stays out of the data dir', () => {
  it('is stored encrypted: no file of the data dir holds it in clear', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-grants-canary-'));
    try {
      const secrets = new SecretStore({
        dataDir,
        protector: await chooseBrowserModeProtector(dataDir),
      });
      const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
      await repo.save(
        {
          name: 'gcp',
          presetId: 'google-service-account',
          fields: {},
          tokenUrl: google.tokenUrl,
          clientId: google.keyFile.client_email,
          scope: CLOUD,
          jwtBearer: {
            profile: 'google',
            alg: 'RS256',
            kid: google.keyFile.private_key_id,
            issuer: google.keyFile.client_email,
            lifetimeSec: 3600,
          },
          tls: { insecure: false },
          allowHttp: false,
        },
        { privateKey: google.keyFile.private_key },
      );
      const r = await run(['--connection', 'gcp', '--data-dir', dataDir, '--dpop', '--json']);
      expect(r.code).toBe(0);
      expectNoPrivateKey(r.stdout + r.stderr);
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      const files = walk(dataDir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expectNoPrivateKey(readFileSync(file, 'latin1'));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('grantline token --connection of a token exchange connection', () => {
  it('gets the subject connection’s token first, then exchanges it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grantline-cli-grants-chain-'));
    try {
      const secrets = new SecretStore({
        dataDir,
        protector: await chooseBrowserModeProtector(dataDir),
      });
      const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
      const subject = await repo.save(
        {
          name: 'gcp subject',
          presetId: 'google-service-account',
          fields: {},
          tokenUrl: google.tokenUrl,
          clientId: google.keyFile.client_email,
          scope: CLOUD,
          jwtBearer: {
            profile: 'google',
            alg: 'RS256',
            kid: google.keyFile.private_key_id,
            lifetimeSec: 3600,
          },
          tls: { insecure: false },
          allowHttp: false,
        },
        { privateKey: google.keyFile.private_key },
      );
      await repo.save(
        {
          name: 'backend',
          presetId: 'generic-oauth2',
          fields: {},
          tokenUrl: exchange.tokenUrl,
          clientId: exchange.clientId,
          audience: 'https://backend.example.com',
          tokenExchange: {
            subjectConnectionId: subject.id,
            subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
          },
          tls: { insecure: false },
          allowHttp: false,
        },
        { clientSecret: exchange.clientSecret },
      );
      const before = google.issued().length;
      const r = await run(['--connection', 'backend', '--data-dir', dataDir, '--json']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(google.issued()).toHaveLength(before + 1);
      expect(exchange.exchanges().at(-1)).toMatchObject({
        subject_token: google.issued().at(-1),
        audience: 'https://backend.example.com',
      });
      expect(r.json().access_token).not.toBe(google.issued().at(-1));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
