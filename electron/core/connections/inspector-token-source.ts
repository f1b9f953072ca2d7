import { fetch as undiciFetch } from 'undici';
import { getPreset, resolveTokenUrl } from '#shared/presets/index.js';
import type { Connection } from '#shared/connection.js';
import type { InspectorTokenSource } from '../handlers/inspector-handlers.js';
import { createTlsDispatcher, type TlsDispatcher } from '../http/dispatcher.js';
import type { AppCore } from '../app-core.js';

const KEYCLOAK_TOKEN_PATH = '/protocol/openid-connect/token';

/** Where a connection's issuer publishes its keys, from its preset and settings. */
export function issuerKeysOf(connection: Connection): { issuer?: string; jwksUri?: string } {
  const preset = getPreset(connection.presetId);
  if (!preset) return {};
  let resolved: ReturnType<typeof resolveTokenUrl>;
  try {
    resolved = resolveTokenUrl(preset, connection.fields, connection.tokenUrl);
  } catch {
    return {};
  }
  if (resolved.kind === 'discovery') return { issuer: resolved.issuer };
  // Keycloak realms (Axway's Broker among them) publish their keys beside the token endpoint.
  if (resolved.url.endsWith(KEYCLOAK_TOKEN_PATH)) {
    const issuer = resolved.url.slice(0, -KEYCLOAK_TOKEN_PATH.length);
    return { issuer, jwksUri: `${issuer}/protocol/openid-connect/certs` };
  }
  return {};
}

/**
 * The inspector's view of connection tokens: the raw token stays in main, keys are fetched with
 * the connection's own TLS trust (custom CA, pinned certificate), one dispatcher per connection.
 */
export function createInspectorTokenSource(services: AppCore): InspectorTokenSource {
  const dispatchers = new Map<
    string,
    { updatedAt: string; tls: TlsDispatcher; fetch: typeof fetch }
  >();
  const fetchFor = (connection: Connection): typeof fetch => {
    const cached = dispatchers.get(connection.id);
    if (cached && cached.updatedAt === connection.updatedAt) return cached.fetch;
    void cached?.tls.close().catch(() => undefined);
    const tls = createTlsDispatcher({
      caPem: connection.tls.caPem,
      pinnedSha256: connection.tls.pinnedSha256,
      insecure: connection.tls.insecure,
    });
    const boundFetch = ((input: string | URL, init?: RequestInit) =>
      undiciFetch(input, {
        ...(init as object),
        dispatcher: tls.dispatcher,
      })) as unknown as typeof fetch;
    dispatchers.set(connection.id, { updatedAt: connection.updatedAt, tls, fetch: boundFetch });
    return boundFetch;
  };
  return {
    async currentToken(connectionId) {
      const connection = services.connections.get(connectionId);
      const { accessToken } = await services.engine.revealToken(connection.id);
      const expected: { issuer?: string; audience?: string; scope?: string } = {};
      if (connection.scope) expected.scope = connection.scope;
      if (connection.audience) expected.audience = connection.audience;
      const keys = issuerKeysOf(connection);
      if (keys.issuer) expected.issuer = keys.issuer;
      return { token: accessToken, expected, jwks: keys, fetch: fetchFor(connection) };
    },
    async keyFetch(connectionId) {
      return fetchFor(services.connections.get(connectionId));
    },
  };
}
