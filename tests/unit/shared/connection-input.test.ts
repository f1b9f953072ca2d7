import { describe, expect, it } from 'vitest';
import { connectionInputSchema, connectionSchema } from '#shared/connection.js';
import { contract } from '#shared/ipc/contract.js';

/** A valid connection as the wizard sends it; each test breaks one field. */
const good = {
  name: 'Staging',
  presetId: 'generic-oauth2',
  tokenUrl: 'https://idp.example.com/oauth2/token',
  clientId: 'sa-test',
};
const MB = 'x'.repeat(1024 * 1024);

/** The first issue's path and message when `input` is refused, or null when it is accepted. */
function refusal(input: Record<string, unknown>): { path: string; message: string } | null {
  const parsed = connectionInputSchema.safeParse({ ...good, ...input });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return { path: issue?.path.join('.') ?? '', message: issue?.message ?? '' };
}

describe('connectionInputSchema: what a page may send to main', () => {
  it('accepts a plain connection and non-ASCII where it is legitimate', () => {
    expect(refusal({})).toBeNull();
    expect(
      refusal({
        name: 'Équipe 東京 😀',
        clientId: 'clïent-日本',
        scope: 'read:größe',
        audience: 'https://api.example.com/größe',
        tokenUrl: 'https://idp.example.com/größe/token',
        extraBodyParams: { resource: 'café 東京' },
        extraHeaders: { 'X-Tenant': 'Müller' },
      }),
    ).toBeNull();
  });

  it('refuses CR/LF/NUL in header names and values (header injection)', () => {
    expect(refusal({ extraHeaders: { 'X-A': 'b\r\nX-Evil: 1' } })).toEqual({
      path: 'extraHeaders.X-A',
      message: expect.stringMatching(/line break .*would start a new header/),
    });
    expect(refusal({ extraHeaders: { 'X-A\r\nX-Evil': 'b' } })?.path).toBe(
      'extraHeaders.X-A\r\nX-Evil',
    );
    expect(refusal({ extraHeaders: { 'X-A': 'b\0' } })?.message).toMatch(/U\+0000/);
    expect(refusal({ extraHeaders: { 'X A': 'b' } })?.message).toMatch(/not a valid header name/);
  });

  it('refuses header values beyond Latin-1, explaining why', () => {
    expect(refusal({ extraHeaders: { 'X-Tenant': '東京' } })?.message).toMatch(/Latin-1/);
  });

  it('refuses a token URL that is not one line of http(s)', () => {
    expect(refusal({ tokenUrl: 'https://idp.example.com/tok\r\nen' })).toEqual({
      path: 'tokenUrl',
      message: expect.stringMatching(/U\+000D.*one line/),
    });
    expect(refusal({ tokenUrl: 'file:///etc/passwd' })?.message).toMatch(/only http/);
    expect(refusal({ tokenUrl: 'not a url' })?.message).toMatch(/must start with https/);
    expect(refusal({ tokenUrl: 'https://bücher.example/t' })?.message).toMatch(/xn--/);
  });

  it('refuses line breaks in every one-line field that reaches a request', () => {
    for (const field of ['name', 'clientId', 'grantType', 'scope', 'audience', 'resource']) {
      expect(refusal({ [field]: 'a\r\nb' })?.path, field).toBe(field);
    }
    expect(refusal({ fields: { tenant: 'a\nb' } })?.path).toBe('fields.tenant');
    expect(refusal({ extraBodyParams: { a: 'b\nc' } })?.path).toBe('extraBodyParams.a');
    expect(refusal({ extraQueryParams: { a: 'b\rc' } })?.path).toBe('extraQueryParams.a');
    expect(refusal({ responseMapping: { accessToken: '/a\nb' } })?.path).toBe(
      'responseMapping.accessToken',
    );
  });

  it('refuses a 1 MB paste into a short field by its size', () => {
    for (const field of ['name', 'clientId', 'scope', 'audience', 'grantType']) {
      const found = refusal({ [field]: MB });
      expect(found?.path, field).toBe(field);
      expect(found?.message, field).toMatch(/1\.0 MB long/);
    }
    expect(refusal({ extraHeaders: { 'X-A': MB } })?.message).toMatch(/1\.0 MB long/);
    expect(refusal({ tokenUrl: `https://x.example/${MB}` })?.message).toMatch(/1\.0 MB long/);
    expect(refusal({ tls: { insecure: false, caPem: MB } })?.message).toMatch(/1\.0 MB long/);
  });

  it('refuses more than 100 extra headers', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`X-${i}`, 'v']));
    expect(refusal({ extraHeaders: many })?.message).toMatch(/At most 100/);
  });

  it('leaves the stored shape lenient, so files written before these rules still load', () => {
    const stamp = '2025-01-01T00:00:00.000Z';
    const stored = connectionSchema.safeParse({
      ...good,
      id: 'c1',
      scope: 'a\nb',
      createdAt: stamp,
      updatedAt: stamp,
    });
    expect(stored.success).toBe(true);
  });
});

describe('connection channels', () => {
  const rename = contract['connections:rename'].args;
  const save = contract['connections:save'].args;

  it('rename: refuses empty, multi-line and over-long names, accepts any script', () => {
    expect(rename.safeParse({ id: 'c1', name: 'Équipe 東京' }).success).toBe(true);
    expect(rename.safeParse({ id: 'c1', name: '   ' }).error?.issues[0]?.message).toBe(
      'Give the connection a name.',
    );
    expect(rename.safeParse({ id: 'c1', name: 'a\r\nb' }).error?.issues[0]?.message).toMatch(
      /one line/,
    );
    expect(rename.safeParse({ id: 'c1', name: MB }).error?.issues[0]?.message).toMatch(/1\.0 MB/);
  });

  it('save: refuses a secret past 64 KB with a sentence, not a zod default', () => {
    const parsed = save.safeParse({ connection: good, secrets: { clientSecret: MB } });
    expect(parsed.error?.issues[0]?.path).toEqual(['secrets', 'clientSecret']);
    expect(parsed.error?.issues[0]?.message).toMatch(/client secret is too long: at most 64\.0 KB/);
    expect(save.safeParse({ connection: good, secrets: { clientSecret: 's' } }).success).toBe(true);
  });
});
