import { secretRefsFor, type Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { assertSecretOrigin } from '../connections/secret-binding.js';
import { generateDpopKey } from './dpop.js';
import type { SpecResolver } from './engine-options.js';
import { buildTokenRequestSpec, type BuildSpecOptions, type SecretMaterial } from './spec.js';

/** Where the resolver reads connections and secrets from (the stores, injected by the caller). */
export interface ResolverSources {
  getConnection(connectionId: string): Promise<Connection | undefined> | Connection | undefined;
  /** The secret stored under a reference, or undefined when none is stored. */
  getSecret(ref: string): Promise<string | undefined> | string | undefined;
  /** Stores a secret main made itself (a connection's DPoP key); without it such keys live per call. */
  setSecret?(ref: string, value: string): Promise<void> | void;
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
  const refs = secretRefsFor(connection.id);
  const [clientSecret, privateKey, clientCertPem, clientKeyPem, dpopKey] = await Promise.all([
    read(connection.secretRef),
    // A JWT bearer connection keeps its signing key (the key file's private key) in the same slot.
    read(
      connection.privateKeyJwt?.keyRef ??
        (connection.jwtBearer !== undefined ? refs.privateKey : undefined),
    ),
    read(connection.tls.clientCertRef),
    read(connection.tls.clientKeyRef),
    read(connection.dpop?.enabled === true ? refs.dpopKey : undefined),
  ]);
  return { clientSecret, privateKey, clientCertPem, clientKeyPem, dpopKey };
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
    if (connection.dpop?.enabled === true && material.dpopKey === undefined && sources.setSecret) {
      // The key pair is made once, in main, and kept: tokens stay bound to it across restarts.
      material.dpopKey = await generateDpopKey();
      await sources.setSecret(secretRefsFor(connection.id).dpopKey, material.dpopKey);
    }
    return buildTokenRequestSpec(connection, material, options);
  };
}
