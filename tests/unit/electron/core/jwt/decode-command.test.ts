import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import {
  DECODE_HELP,
  DECODE_OPTIONS,
  runDecodeCommand,
  type DecodeCommandIo,
} from '../../../../../electron/core/jwt/decode-command.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';
import {
  RFC7515_RS256,
  RFC7515_RSA_JWK,
  RFC7519_JWE,
  RFC7519_UNSECURED,
  WSO2_TOKEN,
} from '../../../../fixtures/jwt/samples.js';
import { fixtureToken } from './fixture-tokens.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown> & {
    signature?: Record<string, unknown>;
    error?: Record<string, unknown>;
  };
}

async function run(
  argv: string[],
  io: Partial<DecodeCommandIo> & { input?: string; tty?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(io.input === undefined ? [] : [io.input]);
  if (io.tty === true) Object.assign(stdin, { isTTY: true });
  const code = await runDecodeCommand(argv, {
    stdin,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    ...(io.env !== undefined ? { env: io.env } : {}),
    ...(io.now !== undefined ? { now: io.now } : {}),
  });
  let json = {};
  if (argv.includes('--json')) {
    expect(stdout.trim().split('\n')).toHaveLength(1);
    json = JSON.parse(stdout) as Record<string, unknown>;
  }
  return { code, stdout, stderr, json };
}

describe('grantline decode', () => {
  let fixture: OidcFixture;
  let dir: string;
  beforeAll(async () => {
    fixture = await startOidcFixture({ privateKeyJwtClient: false });
    dir = mkdtempSync(join(tmpdir(), 'grantline-decode-'));
  });
  afterAll(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--help documents every flag, the JSON shape and the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const name of Object.keys(DECODE_OPTIONS)) expect(result.stdout).toContain(`--${name}`);
    expect(result.stdout).toContain('"kind":"jws|jwe|unsecured|opaque"');
    expect(result.stdout).toMatch(/Exit codes:[\s\S]*3 {2}decoded, but/);
    expect(result.stdout).toBe(DECODE_HELP);
  });

  it('--json decodes a live fixture token and verifies it against the JWKS URL', async () => {
    const token = await fixtureToken(fixture, { scope: 'email profile' });
    const result = await run([
      token,
      '--jwks',
      fixture.jwksUri,
      '--json',
      '--expect-scope',
      'email read:api',
    ]);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({
      ok: true,
      kind: 'jws',
      status: 'valid',
      expires_soon: false,
      fixes: [],
    });
    expect(result.json.header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(result.json.payload).toMatchObject({
      iss: fixture.issuer,
      client_id: fixture.clients.basic.clientId,
    });
    const times = result.json.times as Record<string, string | null>;
    expect(times.exp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(times.nbf).toBeNull();
    expect(result.json.signature).toMatchObject({
      checked: true,
      verified: true,
      alg: 'RS256',
      outcome: 'verified',
    });
    expect((result.json.warnings as Array<{ code: string }>).map((w) => w.code)).toEqual([
      'scope_mismatch',
      'scope_broader',
    ]);
  });

  it('exits 3 when a key was given and the signature does not verify (rotated keys)', async () => {
    const token = await fixtureToken(fixture);
    await fixture.rotateKeys();
    const result = await run([token, '--jwks', fixture.issuer, '--json']);
    expect(result.code).toBe(3);
    expect(result.json.ok).toBe(true);
    expect(result.json.signature).toMatchObject({ verified: false, outcome: 'no_matching_key' });
  });

  it('--json for an unsecured token flags alg none and never claims a verified signature', async () => {
    const result = await run([RFC7519_UNSECURED, '--json'], { now: () => Date.UTC(2011, 2, 22) });
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ ok: true, kind: 'unsecured', status: 'valid' });
    expect(result.json.signature).toMatchObject({ checked: false, verified: null });
    expect(result.json.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'alg_none', severity: 'critical' })]),
    );
  });

  it('--json for a JWE shows the header and no payload', async () => {
    const result = await run([RFC7519_JWE, '--json']);
    expect(result.json).toMatchObject({
      ok: true,
      kind: 'jwe',
      payload: null,
      status: null,
      header: { alg: 'RSA1_5', enc: 'A128CBC-HS256' },
    });
    expect(result.json.times).toEqual({ iat: null, nbf: null, exp: null });
  });

  it('--json for an opaque token', async () => {
    const result = await run(['2YotnFZFEjr1zCsicMWpAA', '--json']);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({
      ok: true,
      kind: 'opaque',
      header: null,
      payload: null,
      status: null,
    });
  });

  it('--json for a truncated token gives ok:false with the part and offset, exit 1', async () => {
    const result = await run([WSO2_TOKEN.slice(0, 150), '--json']);
    expect(result.code).toBe(1);
    expect(result.json.ok).toBe(false);
    expect(result.json.error).toMatchObject({
      part: 'payload',
      message: expect.stringMatching(/payload \(part 2 of 3\)/),
    });
    expect(typeof result.json.error?.offset).toBe('number');
  });

  it('reads the token from stdin with "-" or when piped, and reports the fixes', async () => {
    const piped = await run(['-', '--json'], { input: `Bearer ${WSO2_TOKEN}\n` });
    expect(piped.json).toMatchObject({ ok: true, kind: 'jws', status: 'expired' });
    expect((piped.json.fixes as Array<{ code: string }>).map((fix) => fix.code)).toEqual([
      'trimmed',
      'bearer_prefix',
    ]);
    const implicit = await run(['--json'], { input: WSO2_TOKEN });
    expect(implicit.json.ok).toBe(true);
  });

  it('verifies with --key FILE and --jwks FILE', async () => {
    const keyFile = join(dir, 'rfc.jwk.json');
    writeFileSync(keyFile, JSON.stringify(RFC7515_RSA_JWK));
    const jwksFile = join(dir, 'rfc.jwks.json');
    writeFileSync(jwksFile, JSON.stringify({ keys: [RFC7515_RSA_JWK] }));
    for (const flag of ['--key', '--jwks']) {
      const result = await run([
        RFC7515_RS256,
        flag,
        flag === '--key' ? keyFile : jwksFile,
        '--json',
      ]);
      expect(result.code, flag).toBe(0);
      expect(result.json.signature, flag).toMatchObject({
        verified: true,
        keySource: flag === '--key' ? keyFile : jwksFile,
      });
    }
  });

  it('verifies an HS256 token with a secret from the environment, without printing it', async () => {
    const secret = 'grantline-test-secret-4f0a9e';
    const token = await new SignJWT({ sub: 'svc', 'grant type': 'client_credentials' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    const result = await run([token, '--hmac-secret-env', 'AVX_SECRET', '--json'], {
      env: { AVX_SECRET: secret },
    });
    expect(result.code).toBe(0);
    expect(result.json.signature).toMatchObject({ verified: true, alg: 'HS256' });
    expect(result.stdout).not.toContain(secret);
    const text = await run([token, '--hmac-secret-env', 'AVX_SECRET'], {
      env: { AVX_SECRET: 'wrong' },
    });
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/Signature +NOT verified/);
  });

  it('prints a readable summary without --json', async () => {
    const result = await run([WSO2_TOKEN], { now: () => 1688129644_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Token +JWS \(signed JWT\) · alg RS256 · kid gateway_certificate_alias · typ JWT/,
    );
    expect(result.stdout).toMatch(/Status +valid: expires in 30 min \(clock-skew allowance 60 s\)/);
    expect(result.stdout).toMatch(/Signature +not verified: No key was given/);
    expect(result.stdout).toMatch(
      /exp +2023-06-30T13:24:04.000Z \(expires in 30 min\) +— Expiration time/,
    );
    expect(result.stdout).toMatch(/clientId +45f1c5c8-a92e-11ed-afa1-0242ac120002 +— Client ID/);
  });

  it.each([
    [['--bogus', '--json'], /bogus/],
    [['a', 'b', '--json'], /one token/],
    [['x', '--key', 'k', '--jwks', 'j', '--json'], /only one of/],
    [['x', '--skew', 'soon', '--json'], /--skew takes a number/],
    [['x', '--key', '/nonexistent/key.pem', '--json'], /Cannot read the --key file .*ENOENT/],
    [['x', '--hmac-secret-env', 'UNSET_VAR', '--json'], /UNSET_VAR .* is not set/],
  ])('usage error %j exits 2 with a JSON error', async (argv, message) => {
    const result = await run(argv, { env: {} });
    expect(result.code).toBe(2);
    expect(result.json).toMatchObject({
      ok: false,
      error: { code: 'usage', message: expect.stringMatching(message) },
    });
  });

  it('explains usage errors on stderr without --json, and refuses to wait on a terminal', async () => {
    const bad = await run(['--bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/grantline decode: .*bogus[\s\S]*--help/);
    const tty = await run([], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/No token given/);
  });
});
