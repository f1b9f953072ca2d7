import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyDraft, type RequestDraft } from '#shared/requests/schemas.js';
import { startApiServer, type ApiServer } from '../../../../fixtures/api-server/index.js';
import { createHandlerRig, type HandlerRig } from '../../../../fixtures/core/handler-rig.js';
import { caSignedServer, testCa } from '../../../../fixtures/certs/index.js';
import { startOidcFixture, type OidcFixture } from '../../../../fixtures/oidc/oidc-fixture.js';

let oidc: OidcFixture;
let api: ApiServer;
let rig: HandlerRig;
let dataDir: string;
let connectionId: string;
type Progress = { requestId: string; phase: string; receivedBytes: number };
const progressEvents = new EventEmitter<{ progress: [Progress] }>();
const call: HandlerRig['call'] = (channel, args) => rig.call(channel, args);
const fail: HandlerRig['fail'] = (channel, args) => rig.fail(channel, args);

let seq = 0;
const rid = (): string => `req-${Date.now()}-${++seq}`;
const draft = (over: Partial<RequestDraft> = {}): RequestDraft => ({ ...emptyDraft(), ...over });
const send = (d: RequestDraft, id = rid()) =>
  call('requests:send', { requestId: id, connectionId, draft: d, variables: [] });

/** Resolves on the next progress event that matches (listen before the send that causes it). */
function nextProgress(match: (p: Progress) => boolean): Promise<Progress> {
  return new Promise((resolve) => {
    const listener = (p: Progress): void => {
      if (!match(p)) return;
      progressEvents.off('progress', listener);
      resolve(p);
    };
    progressEvents.on('progress', listener);
  });
}

beforeAll(async () => {
  oidc = await startOidcFixture({ privateKeyJwtClient: false });
  api = await startApiServer({ issuer: oidc.issuer, jwksUri: oidc.jwksUri });
  rig = createHandlerRig({
    name: 'grantline-requests',
    onEvent: (name, payload) => {
      if (name !== 'requests:progress') return;
      progressEvents.emit('progress', payload as Progress);
    },
  });
  dataDir = rig.dataDir;
  const saved = await call('connections:save', {
    connection: {
      name: 'Axway Central (emulated)',
      presetId: 'axway-platform',
      tokenUrl: oidc.tokenUrl,
      clientId: oidc.clients.basic.clientId,
      apiBaseUrls: [
        { name: 'Central', url: api.origin },
        { name: 'Platform', url: api.origin },
      ],
    },
    secrets: { clientSecret: oidc.clients.basic.clientSecret },
  });
  connectionId = saved.connection.id;
});

afterAll(async () => {
  await rig.close();
  await api.close();
  await oidc.close();
});

beforeEach(() => {
  api.reset();
  oidc.resetCount();
});

describe('requests:context', () => {
  it('offers the preset catalog with base URL variables that point where the connection says', async () => {
    const context = await call('requests:context', { connectionId });
    expect(context.variables.find((v) => v.name === 'baseUrl.central')?.value).toBe(api.origin);
    const ids = context.catalog.map((t) => t.id);
    expect(ids).toEqual(['central-environments', 'traceability-summary', 'platform-env']);
    const traceability = context.catalog[1]!.draft;
    expect(traceability.url).toBe(
      '{{baseUrl.central}}/api/traceability/v1/traceability/summary?groupBy=proxyId&groupBy=proxyRevision&count=10&offset=0&from=1668895561864&to=1669500361864',
    );
    expect(traceability.params.map((p) => p.name)).toEqual([
      'groupBy',
      'groupBy',
      'count',
      'offset',
      'from',
      'to',
    ]);
  });
});

describe('requests:send', () => {
  it('calls a catalog endpoint with the connection token and reports timings and a timeline', async () => {
    const context = await call('requests:context', { connectionId });
    const result = await send(context.catalog[0]!.draft);
    expect(result.error).toBeNull();
    expect(result.response?.status).toBe(200);
    expect(result.response?.bodyKind).toBe('json');
    expect(result.timings.ttfb).not.toBeNull();
    expect(result.timings.connect).not.toBeNull();
    expect(result.timeline.map((e) => e.kind)).toContain('token');
    expect(JSON.stringify(result)).not.toMatch(/eyJ[\w-]+\.eyJ/);
    const root = await call('requests:json-children', { responseId: result.response!.responseId });
    expect(root.type).toBe('array');
    const first = await call('requests:json-children', {
      responseId: result.response!.responseId,
      at: root.children[0]!.at,
    });
    expect(first.children.find((c) => c.key === 'name')?.preview).toBe('"grantline-test-env"');
  });

  it('renews a refused token once and retries once, and says so in the timeline', async () => {
    await send(draft({ url: '{{baseUrl}}/echo' }));
    const idpBefore = oidc.tokenRequestCount();
    const apiBefore = api.count('/echo');
    api.rejectNextToken();
    const result = await send(draft({ url: '{{baseUrl}}/echo' }));
    expect(result.response?.status).toBe(200);
    expect(result.retried).toBe(true);
    expect(oidc.tokenRequestCount() - idpBefore).toBe(1);
    expect(api.count('/echo') - apiBefore).toBe(2);
    expect(
      result.timeline
        .filter((e) => e.kind === 'retry')
        .map((e) => e.text)
        .join(' '),
    ).toMatch(/401.*renewing[\s\S]*new token/);
  });

  it('never loops: a server that refuses every token gets exactly one retry', async () => {
    await send(draft({ url: '{{baseUrl}}/echo' }));
    const idpBefore = oidc.tokenRequestCount();
    const apiBefore = api.count('/echo');
    api.rejectAll(true);
    const result = await send(draft({ url: '{{baseUrl}}/echo' }));
    expect(result.response?.status).toBe(401);
    expect(oidc.tokenRequestCount() - idpBefore).toBe(1);
    expect(api.count('/echo') - apiBefore).toBe(2);
  });

  it('drops Authorization on a redirect to another origin, keeps it on the same origin', async () => {
    const away = await send(draft({ url: '{{baseUrl}}/redirect/other-origin' }));
    expect(away.response?.status).toBe(200);
    expect(api.otherOriginAuthorization()).toEqual([false]);
    expect(away.timeline.some((e) => e.kind === 'redirect' && /not sent/.test(e.text))).toBe(true);
    const same = await send(draft({ url: '{{baseUrl}}/redirect/same-origin' }));
    const body = await call('requests:read-body', {
      responseId: same.response!.responseId,
      offset: 0,
      length: 4096,
      encoding: 'text',
    });
    expect(JSON.parse(body.data)).toMatchObject({
      authorization: true,
      path: '/echo?redirected=1',
    });
  });

  it('cancels mid-download and the server sees the client hang up', async () => {
    const id = rid();
    const downloading = nextProgress((p) => p.requestId === id && p.receivedBytes > 0);
    const pending = send(draft({ url: '{{baseUrl}}/big.json?mb=20&mbps=4' }), id);
    await downloading;
    expect((await call('requests:cancel', { requestId: id })).cancelled).toBe(true);
    const result = await pending;
    expect(result.error?.category).toBe('cancelled');
    expect(result.response).toBeNull();
    await expect.poll(() => api.aborted().length).toBeGreaterThan(0);
    expect(api.aborted()[0]?.sentBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('pages through a large JSON body: rows, tree and search, without reading it whole', async () => {
    const result = await send(draft({ url: '{{baseUrl}}/big.json?mb=8&mbps=400' }));
    const id = result.response!.responseId;
    expect(result.response!.size).toBeGreaterThan(8_000_000);
    const root = await call('requests:json-children', { responseId: id });
    const items = root.children.find((c) => c.key === 'items')!;
    const page = await call('requests:json-children', {
      responseId: id,
      at: items.at,
      from: 100,
      limit: 5,
    });
    expect(page.count).toBeGreaterThan(16_000);
    expect(page.children.map((c) => c.index)).toEqual([100, 101, 102, 103, 104]);
    const rows = await call('requests:body-rows', { responseId: id, fromRow: 10, count: 3 });
    // One minified line, cut into rows of about 1 KB between values, all of line 1.
    expect(rows.totalRows).toBeGreaterThan(7_000);
    expect(rows.lines).toEqual([0, 0, 0]);
    for (const row of rows.rows) {
      expect(row.length).toBeLessThanOrEqual(2_000);
      expect(row).toMatch(/[,{[]$|"$/);
    }
    // The pretty form is formatted in main and paged by line.
    const pretty = await call('requests:pretty-rows', { responseId: id, fromRow: 0, count: 4 });
    expect(pretty.language).toBe('json');
    expect(pretty.rows).toEqual(['{', '  "generated": "grantline-e2e",', '  "items": [', '    {']);
    const hit = await call('requests:search-body', {
      responseId: id,
      query: '"item 12345"',
      limit: 5,
      target: 'pretty',
    });
    expect(hit.matches).toHaveLength(1);
    const line = await call('requests:pretty-rows', {
      responseId: id,
      fromRow: hit.matches[0]!.row,
      count: 1,
    });
    expect(line.rows[0]).toBe('      "name": "item 12345",');
    const found = await call('requests:search-body', {
      responseId: id,
      query: '"ITEM 12345"',
      limit: 5,
    });
    expect(found.matches).toHaveLength(1);
    expect(found.matches[0]!.path?.map((s) => s.key ?? s.index)).toEqual(['items', 12345, 'name']);
    const value = await call('requests:json-value', {
      responseId: id,
      at: found.matches[0]!.path![1]!.at,
    });
    expect(JSON.parse(value.text)).toMatchObject({ id: 12345 });
  });

  it('reports missing variables before sending anything', async () => {
    const error = await fail('requests:send', {
      requestId: rid(),
      connectionId,
      draft: draft({ url: '{{nowhere}}/x' }),
      variables: [],
    });
    expect(error.category).toBe('validation');
    expect(error.message).toContain('{{nowhere}}');
    expect(api.api.requests).toHaveLength(0);
  });
});

describe('history and snippets', () => {
  it('keeps searchable history without any token', async () => {
    await send(
      draft({
        url: '{{baseUrl}}/echo?access_token=abc123',
        headers: [{ name: 'X-Api-Key', value: 'sekrit-key', enabled: true }],
      }),
    );
    const history = await call('requests:history', { connectionId, query: 'echo' });
    expect(history.entries.length).toBeGreaterThan(0);
    const files = (readdirSync(dataDir, { recursive: true }) as string[])
      .map((f) => join(dataDir, f))
      .filter((f) => statSync(f).isFile() && !f.includes('response-cache'));
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ/);
    expect(text).not.toContain('sekrit-key');
    expect(text).not.toContain('abc123');
  });

  it('redacts Authorization in snippets unless the user includes the token', async () => {
    const args = { connectionId, draft: draft({ url: '{{baseUrl}}/echo' }), variables: [] };
    const redacted = await call('requests:snippet', { ...args, target: 'shell:curl' });
    expect(redacted.redacted).toBe(true);
    expect(redacted.code).toContain('Authorization: Bearer [redacted]');
    const real = await call('requests:snippet', {
      ...args,
      target: 'shell:curl',
      includeToken: true,
    });
    expect(real.code).toMatch(/Authorization: Bearer eyJ/);
  });
});

describe('TLS settings and timeouts', () => {
  let secure: ApiServer;
  beforeAll(async () => {
    secure = await startApiServer({
      issuer: oidc.issuer,
      jwksUri: oidc.jwksUri,
      tls: { key: caSignedServer.key, cert: caSignedServer.cert },
    });
  });
  afterAll(async () => secure.close());

  async function tlsConnection(name: string, tls: Record<string, unknown>): Promise<string> {
    const saved = await call('connections:save', {
      connection: {
        name,
        presetId: 'generic-oauth2',
        tokenUrl: oidc.tokenUrl,
        clientId: oidc.clients.basic.clientId,
        apiBaseUrls: [{ name: 'API', url: secure.origin }],
        tls,
      },
      secrets: { clientSecret: oidc.clients.basic.clientSecret },
    });
    return saved.connection.id;
  }

  it("trusts the connection's custom CA, and times the TLS handshake", async () => {
    const id = await tlsConnection('Custom CA', { caPem: testCa.cert });
    const result = await call('requests:send', {
      requestId: rid(),
      connectionId: id,
      draft: draft({ url: '{{baseUrl}}/echo' }),
      variables: [],
    });
    expect(result.response?.status).toBe(200);
    expect(result.timings.tls).not.toBeNull();
    expect(result.timeline.some((e) => e.kind === 'connect' && /TLS/.test(e.text))).toBe(true);
  });

  it('trusts a pinned certificate, and refuses an unknown CA with a tls error', async () => {
    const pinned = await tlsConnection('Pinned', { pinnedSha256: caSignedServer.fingerprint256 });
    const ok = await call('requests:send', {
      requestId: rid(),
      connectionId: pinned,
      draft: draft({ url: '{{baseUrl}}/echo' }),
      variables: [],
    });
    expect(ok.response?.status).toBe(200);
    const plain = await tlsConnection('System roots', {});
    const refused = await call('requests:send', {
      requestId: rid(),
      connectionId: plain,
      draft: draft({ url: '{{baseUrl}}/echo' }),
      variables: [],
    });
    expect(refused.response).toBeNull();
    expect(refused.error?.category).toBe('tls');
  });

  it('gives up after the timeout with a timeout error', async () => {
    const started = Date.now();
    const result = await send(draft({ url: '{{baseUrl}}/hang', timeoutMs: 1_000 }));
    expect(result.error?.category).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
