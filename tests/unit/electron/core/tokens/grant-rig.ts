import { secretRefsFor, type Connection } from '#shared/connection.js';
import { createSpecResolver, TokenEngine } from '../../../../../electron/core/tokens/index.js';
import { connectionFor } from './helpers.js';

/**
 * A token engine over in-memory connections and secrets, resolved the way the app does it
 * (createSpecResolver), so DPoP keys are generated and stored like in the app.
 */
export interface GrantRig {
  engine: TokenEngine;
  secrets: Map<string, string>;
  add(
    presetId: string,
    input: Partial<Omit<Connection, 'presetId'>> & { clientId: string; id: string },
    stored?: {
      clientSecret?: string;
      privateKey?: string;
      clientCert?: string;
      clientKey?: string;
    },
  ): Connection;
  /** Move the engine's clock. */
  advance(ms: number): void;
}

export function grantRig(options: { startMs?: number } = {}): GrantRig {
  const connections = new Map<string, Connection>();
  const secrets = new Map<string, string>();
  let now = options.startMs ?? Date.now();
  const engine = new TokenEngine({
    resolve: createSpecResolver({
      getConnection: (id) => connections.get(id),
      getSecret: (ref) => secrets.get(ref),
      setSecret: (ref, value) => {
        secrets.set(ref, value);
      },
    }),
    now: () => now,
    schedule: null,
  });
  return {
    engine,
    secrets,
    add(presetId, input, stored = {}) {
      const refs = secretRefsFor(input.id);
      const connection = connectionFor(presetId, {
        ...input,
        ...(stored.clientSecret !== undefined ? { secretRef: refs.clientSecret } : {}),
        tls: {
          insecure: false,
          ...input.tls,
          ...(stored.clientCert !== undefined
            ? { clientCertRef: refs.clientCert, clientKeyRef: refs.clientKey }
            : {}),
        },
      });
      if (stored.clientSecret !== undefined) secrets.set(refs.clientSecret, stored.clientSecret);
      if (stored.privateKey !== undefined) secrets.set(refs.privateKey, stored.privateKey);
      if (stored.clientCert !== undefined) secrets.set(refs.clientCert, stored.clientCert);
      if (stored.clientKey !== undefined) secrets.set(refs.clientKey, stored.clientKey);
      connections.set(connection.id, connection);
      return connection;
    },
    advance(ms) {
      now += ms;
    },
  };
}
