import { describe, expect, it } from 'vitest';
import {
  connectionInputSchema,
  connectionSchema,
  formatSha256Fingerprint,
  normalizeSha256Fingerprint,
  secretRefsFor,
  type Connection,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { getPreset, resolveConnectionSettings, type Preset } from '#shared/presets/index.js';
import { isHttpUrl, parseHttpUrl } from '#shared/presets/url.js';

const stamp = '2025-01-01T00:00:00.000Z';
const base = { id: 'c1', name: 'Test', createdAt: stamp, updatedAt: stamp, clientId: 'id' };
const preset = (id: string) => getPreset(id) as Preset;

describe('connection schema', () => {
  it('fills defaults and never needs a secret to be saved', () => {
    const c = connectionSchema.parse({ ...base, presetId: 'amplience' });
    expect(c.tls).toEqual({ insecure: false });
    expect(c.allowHttp).toBe(false);
    expect(c.fields).toEqual({});
    expect(c.secretRef).toBeUndefined();
  });

  it('normalises a pinned fingerprint: hex, colons optional, any case', () => {
    const colon = 'AB:'.repeat(31) + 'AB';
    const c = connectionSchema.parse({
      ...base,
      presetId: 'wso2-apk',
      tls: { pinnedSha256: colon },
    });
    expect(c.tls.pinnedSha256).toBe('ab'.repeat(32));
    expect(normalizeSha256Fingerprint(`sha256/${'Cd'.repeat(32)}`)).toBe('cd'.repeat(32));
    expect(normalizeSha256Fingerprint('abc')).toBeNull();
    expect(formatSha256Fingerprint('ab'.repeat(32))).toBe(colon);
    expect(() =>
      connectionSchema.parse({ ...base, presetId: 'x', tls: { pinnedSha256: 'zz' } }),
    ).toThrow(/64 hex digits/);
  });

  it('rejects header injection and private_key_jwt without a key', () => {
    expect(() =>
      connectionSchema.parse({ ...base, presetId: 'x', extraHeaders: { Host: 'a\r\nX: y' } }),
    ).toThrow();
    expect(() =>
      connectionSchema.parse({ ...base, presetId: 'x', extraHeaders: { 'Bad Name': 'v' } }),
    ).toThrow();
    expect(() =>
      connectionSchema.parse({ ...base, presetId: 'x', authMethod: 'private_key_jwt' }),
    ).toThrow(/signing key/);
  });

  it('keeps secret-store references out of what the renderer may send', () => {
    const input = connectionInputSchema.parse({
      name: 'n',
      presetId: 'x',
      clientId: 'id',
      secretRef: 'connection:other:client-secret',
      tls: { insecure: false, clientKeyRef: 'connection:other:client-key' },
    });
    expect(input).not.toHaveProperty('secretRef');
    expect(input.tls).not.toHaveProperty('clientKeyRef');
    expect(secretRefsFor('c1').clientSecret).toBe('connection:c1:client-secret');
  });
});

describe('resolveConnectionSettings', () => {
  const conn = (presetId: string, extra: Partial<Connection> = {}): Connection =>
    connectionSchema.parse({ ...base, presetId, ...extra });

  it('takes preset defaults and lets the connection override them', () => {
    const s = resolveConnectionSettings(
      conn('appviewx', { fields: { host: 'avx.local', port: '31443' } }),
      preset('appviewx'),
    );
    expect(s.authMethod).toBe('client_secret_basic_raw');
    expect(s.grantType).toBe('Client_Credentials');
    expect(s.responseMapping.accessToken).toBe('/response');
    const o = resolveConnectionSettings(
      conn('appviewx', {
        fields: { host: 'avx.local' },
        grantType: 'client_credentials',
        responseMapping: { accessToken: '/token' },
      }),
      preset('appviewx'),
    );
    expect(o.grantType).toBe('client_credentials');
    expect(o.responseMapping).toMatchObject({ accessToken: '/token', errorCode: '/appStatusCode' });
  });

  it('fills the WSO2 Host header from the fields; an empty value removes it', () => {
    const s = resolveConnectionSettings(
      conn('wso2-apk', { fields: { host: '127.0.0.1' } }),
      preset('wso2-apk'),
    );
    expect(s.extraHeaders).toEqual({ Host: 'idp.am.wso2.com' });
    const custom = resolveConnectionSettings(
      conn('wso2-apk', { fields: { virtualHost: 'apk.local' } }),
      preset('wso2-apk'),
    );
    expect(custom.extraHeaders).toEqual({ Host: 'apk.local' });
    const removed = resolveConnectionSettings(
      conn('wso2-apk', { extraHeaders: { host: '' } }),
      preset('wso2-apk'),
    );
    expect(removed.extraHeaders).toEqual({});
  });

  it('allows AppViewX its 15 minutes, but not other presets', () => {
    expect(
      resolveConnectionSettings(
        conn('appviewx', { fields: { host: 'a' }, timeoutMs: 900_000 }),
        preset('appviewx'),
      ).timeoutMs,
    ).toBe(900_000);
    expect(() =>
      resolveConnectionSettings(conn('amplience', { timeoutMs: 900_000 }), preset('amplience')),
    ).toThrow(AppError);
    expect(resolveConnectionSettings(conn('amplience'), preset('amplience')).timeoutMs).toBe(
      30_000,
    );
  });

  it('lets an explicit empty scope clear a default one', () => {
    expect(
      resolveConnectionSettings(conn('amplience', { scope: '' }), preset('amplience')).scope,
    ).toBeUndefined();
  });
});

describe('environment-free URL check', () => {
  it('accepts absolute http(s) URLs and splits them', () => {
    expect(parseHttpUrl('https://a.example:8443/p/q?x=1#f')).toMatchObject({
      scheme: 'https',
      host: 'a.example',
      port: '8443',
      path: '/p/q',
      query: '?x=1',
    });
    expect(parseHttpUrl('http://[::1]:80/')?.host).toBe('[::1]');
    expect(parseHttpUrl('https://u:p@h/')?.hasUserInfo).toBe(true);
  });

  it.each([
    'ftp://x',
    'https://',
    'https://exa mple.com',
    'https://h:0/',
    'https://h:70000',
    '/relative',
    'https://-bad-/x',
  ])('rejects %s', (url) => {
    expect(isHttpUrl(url)).toBe(false);
  });
});
