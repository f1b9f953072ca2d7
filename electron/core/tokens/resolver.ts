import type { Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { assertSecretOrigin } from '../connections/secret-binding.js';
import type { SpecResolver } from './engine-options.js';
import { buildTokenRequestSpec, type BuildSpecOptions, type SecretMaterial } from './spec.js';

/** Where the resolver reads connections and secrets from (the stores, injected by the caller). */
export interface ResolverSources {
  getConnection(connectionId: string): Promise<Connection | undefined> | Connection | undefined;
  /** The secret stored under a reference, or undefined when none is stored. */
  getSecret(ref: string): Promise<string | undefined> | string | undefined;
}

/**
 * Read every secret a connection refers to, for a request to `target`'s token endpoint (the
 * connection itself unless a draft or overrides change it). Refuses (`forbidden`) when that
 * endpoint's origin is not the one the secrets were entered for. Missing secrets stay undefined
 * (checked at request time).
 */
export async function readSecretMaterial(
  connection: Connection,
  getSecret: ResolverSources['getSecret'],
  target: Connection = connection,
): Promise<SecretMaterial> {
  assertSecretOrigin(connection, target);
  const read = async (ref: string | undefined): Promise<string | undefined> =>
    ref === undefined ? undefined : await getSecret(ref);
  const [clientSecret, privateKey, clientCertPem, clientKeyPem] = await Promise.all([
    read(connection.secretRef),
    read(connection.privateKeyJwt?.keyRef),
    read(connection.tls.clientCertRef),
    read(connection.tls.clientKeyRef),
  ]);
  return { clientSecret, privateKey, clientCertPem, clientKeyPem };
}

/**
 * The engine's resolver for saved connections: connection id → connection → secrets → spec.
 * It keeps the engine ignorant of where connections and secrets are stored.
 */
export function createSpecResolver(
  sources: ResolverSources,
  options: Omit<BuildSpecOptions, 'signal'> = {},
): SpecResolver {
  return async (connectionId) => {
    const connection = await sources.getConnection(connectionId);
    if (connection === undefined) {
      throw new AppError('not_found', 'This connection no longer exists.', {
        details: { connectionId },
      });
    }
    const material = await readSecretMaterial(connection, sources.getSecret);
    return buildTokenRequestSpec(connection, material, options);
  };
}
