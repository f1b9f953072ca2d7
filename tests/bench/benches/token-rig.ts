import { request, type Agent } from 'undici';
import { connectionInputSchema, type Connection } from '#shared/connection.js';
import { EventBus } from '../../../electron/core/events.js';
import { KeyFileProtector } from '../../../electron/core/secrets/key-file-protector.js';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.js';
import { openJsonStore } from '../../../electron/core/storage/conf-json-store.js';
import {
  createSpecResolver,
  type TokenHttpRequest,
  type TokenRequestSpec,
} from '../../../electron/core/tokens/index.js';
import { startOidcFixture, type OidcFixture } from '../../fixtures/oidc/oidc-fixture.js';
import { tempDir } from '../lib/processes.js';
import { round, type Summary } from '../lib/stats.js';

/** The token benchmarks' setup: oidc-provider, a saved connection, the app's core services. */

export interface TokenRig {
  idp: OidcFixture;
  connection: Connection;
  spec: TokenRequestSpec;
  /** Core services as `grantline serve` builds them, on the bench's data dir. */
  openServices(): AppCore;
  close(): Promise<void>;
}

/** A generic OAuth 2.0 connection saved with its secret, in a temp data dir. */
export async function startRig(): Promise<TokenRig> {
  const idp = await startOidcFixture({ privateKeyJwtClient: false });
  const dataDir = tempDir('grantline-bench-tokens-');
  const protector = new KeyFileProtector(dataDir);
  const opened: AppCore[] = [];
  const openServices = (): AppCore => {
    const events = new EventBus();
    // As the host does: every status event is serialised for the page.
    events.subscribe((name, payload) => void JSON.stringify({ t: 'event', name, payload }));
    const services = createAppCore({ dataDir, protector, openStore: openJsonStore, events });
    opened.push(services);
    return services;
  };
  const first = openServices();
  const connection = await first.connections.save(
    connectionInputSchema.parse({
      name: 'Bench realm',
      presetId: 'generic-oauth2',
      fields: { tokenUrl: idp.tokenUrl },
      clientId: idp.clients.basic.clientId,
      scope: 'email',
    }),
    { clientSecret: idp.clients.basic.clientSecret ?? '' },
  );
  const secret = idp.clients.basic.clientSecret ?? '';
  // The spec the floor sends: resolved once, from memory.
  const memoryResolve = createSpecResolver({
    getConnection: (id) => (id === connection.id ? connection : undefined),
    getSecret: (ref) => (ref === connection.secretRef ? secret : undefined),
  });
  const spec = await memoryResolve(connection.id);
  return {
    idp,
    connection,
    spec,
    openServices,
    close: async () => {
      await Promise.all(opened.map((s) => s.close()));
      await idp.close();
    },
  };
}

/** The floor: the same token request, bytes for bytes, with nothing around it but undici. */
export async function bareRequest(req: TokenHttpRequest, dispatcher: Agent): Promise<void> {
  const res = await request(req.url, {
    method: 'POST',
    headers: req.headers,
    body: req.body,
    dispatcher,
  });
  const json = (await res.body.json()) as { access_token?: unknown };
  if (res.statusCode !== 200 || typeof json.access_token !== 'string') {
    throw new Error(`the bare token request answered ${res.statusCode}`);
  }
}

/** One summary in a note: median, p90 and count. */
export function fmt(s: Summary): string {
  return `median ${round(s.median)} ms (p90 ${round(s.p90)}, n ${s.n})`;
}

/** Samples one async call many times, in nanoseconds. */
export async function sampleNs(
  call: () => Promise<unknown>,
  count: number,
  into: number[],
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await call();
    into.push(Number(process.hrtime.bigint() - t0));
  }
}
