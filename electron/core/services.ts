import { ConnectionRepository, type StoreOpener } from './connections/connection-repository.js';
import type { EventBus } from './events.js';
import { SecretStore } from './secrets/secret-store.js';
import type { KeyProtector } from './secrets/key-protector.js';
import type { StorageNotice } from './storage/json-store.js';
import { createSpecResolver, TokenEngine } from './tokens/index.js';

/** Everything the handlers work with, built once per process by main.ts or the host. */
export interface CoreServices {
  secrets: SecretStore;
  connections: ConnectionRepository;
  engine: TokenEngine;
  /** Storage problems found at start-up (corrupt files moved aside), for app:info. */
  notices(): StorageNotice[];
  close(): Promise<void>;
}

export interface CoreServicesOptions {
  dataDir: string;
  protector: KeyProtector;
  openStore: StoreOpener;
  events: EventBus;
  now?: () => number;
}

/** Wire the secret store, the connection repository and the token engine together. */
export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const notify = (notice: StorageNotice): void =>
    options.events.emit('app:notice', { level: notice.level, message: notice.message });
  const secrets = new SecretStore({
    dataDir: options.dataDir,
    protector: options.protector,
    onNotice: notify,
  });
  const openStore: StoreOpener = (storeOptions) =>
    options.openStore({ ...storeOptions, onNotice: notify });
  const connections = new ConnectionRepository(options.dataDir, openStore, secrets);
  const engine = new TokenEngine({
    resolve: createSpecResolver({
      getConnection: (id) => connections.findByNameOrId(id),
      getSecret: (ref) => secrets.find(ref),
    }),
    ...(options.now ? { now: options.now } : {}),
    onStatus: (status) => options.events.emit('tokens:status-changed', status),
    // Handlers call engine.forget() whenever a connection or its secrets change, so a cache hit
    // need not re-read and decrypt the stores (see bench B1/B2).
    rememberSpecs: true,
  });
  return {
    secrets,
    connections,
    engine,
    notices: () => [...secrets.notices, ...connections.notices],
    close: async () => engine.close(),
  };
}
