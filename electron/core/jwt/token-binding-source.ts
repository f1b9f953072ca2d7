import { secretRefsFor } from '#shared/connection.js';
import type { BindingReport } from '#shared/token-binding.js';
import type { AppCore } from '../app-core.js';
import { createDpopSigner } from '../tokens/dpop.js';
import { checkBinding } from './binding-check.js';

/**
 * The binding report of a connection's token: the token's cnf (from the engine's cache, fetched
 * when needed) against the thumbprints of the connection's stored DPoP key and client certificate.
 */
export async function tokenBinding(
  services: AppCore,
  connectionId: string,
  signal: AbortSignal | undefined,
): Promise<BindingReport> {
  await services.engine.ensureToken(connectionId, { signal });
  const connection = services.connections.get(connectionId);
  const claims = services.engine.getClaims(connectionId);
  const dpopKey =
    connection.dpop?.enabled === true
      ? await services.secrets.find(secretRefsFor(connectionId).dpopKey)
      : undefined;
  const clientCertPem =
    connection.tls.clientCertRef === undefined
      ? undefined
      : await services.secrets.find(connection.tls.clientCertRef);
  return checkBinding(claims as Record<string, unknown> | null, {
    dpopJkt: dpopKey === undefined ? undefined : (await createDpopSigner(dpopKey)).jkt,
    clientCertPem,
  });
}
