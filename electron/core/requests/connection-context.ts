import type { Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { getPreset } from '#shared/presets/index.js';
import type { Preset } from '#shared/presets/types.js';
import { catalogTemplates } from '#shared/requests/catalog.js';
import type { CatalogTemplate, VariableInfo } from '#shared/requests/schemas.js';
import { connectionVariables } from '#shared/requests/variables.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';
import type { SecretStore } from '../secrets/secret-store.js';

/** A connection with what the composer derives from it. */
export interface ComposerConnection {
  connection: Connection;
  preset: Preset;
  variables: VariableInfo[];
  catalog: CatalogTemplate[];
}

/** The connection's preset, variables and catalog (no secret is read). */
export function describeConnection(connection: Connection): ComposerConnection {
  const preset = getPreset(connection.presetId);
  if (preset === undefined) {
    throw new AppError(
      'validation',
      `This connection uses an unknown platform preset (${connection.presetId}).`,
      {
        hint: 'Edit the connection and pick its platform again.',
      },
    );
  }
  const variables = connectionVariables(connection, preset);
  return { connection, preset, variables, catalog: catalogTemplates(preset, variables) };
}

/** The connection's TLS trust, with the mTLS client certificate and key read from the secret store. */
export async function trustFor(
  connection: Connection,
  secrets: SecretStore,
): Promise<TlsTrustOptions> {
  const read = async (ref: string | undefined): Promise<string | undefined> =>
    ref !== undefined ? secrets.find(ref) : undefined;
  return {
    caPem: connection.tls.caPem,
    pinnedSha256: connection.tls.pinnedSha256,
    insecure: connection.tls.insecure,
    clientCertPem: await read(connection.tls.clientCertRef),
    clientKeyPem: await read(connection.tls.clientKeyRef),
  };
}
