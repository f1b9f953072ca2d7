import { accessSync, constants } from 'node:fs';
import { ConnectionRepository, type StoreOpener } from './connections/connection-repository.js';
import { DraftSecrets } from './connections/draft-secrets.js';
import type { EventBus } from './events.js';
import { SecretStore } from './secrets/secret-store.js';
import type { KeyProtector } from './secrets/key-protector.js';
import type { StorageNotice } from './storage/json-store.js';
import { secretsUnreadableNotice, unwritableNotice } from './storage/storage-notices.js';
import { AppError } from '#shared/errors.js';
import { createSpecResolver, TokenEngine } from './tokens/index.js';
import { RequestStore } from './requests/request-store.js';
import { WorkspaceService } from './workspace/workspace-service.js';

/** Everything the handlers work with, built once per process by main.ts or the host. */
export interface AppCore {
  secrets: SecretStore;
  connections: ConnectionRepository;
  /** Secrets held for wizard drafts before they are saved (key file's key, DPoP key). */
  drafts: DraftSecrets;
  engine: TokenEngine;
  /** The workspace folder of requests and environments (opened on first use). */
  workspace: WorkspaceService;
  /** Opens further JSON stores (history, saved requests) whose notices reach the user too. */
  openStore: StoreOpener;
  /** Storage problems found so far (files moved aside, read-only folder), for app:info. */
  notices(): StorageNotice[];
  /** Resolves once every store has been read once, so start-up problems are already reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface AppCoreOptions {
  dataDir: string;
  protector: KeyProtector;
  openStore: StoreOpener;
  events: EventBus;
  now?: () => number;
}

/** Wire the secret store, the connection repository and the token engine together. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const notices: StorageNotice[] = [];
  // Several stores can hit the same cause (one read-only folder): the user gets one banner each.
  const notify = (notice: StorageNotice): void => {
    if (notices.some((seen) => seen.message === notice.message)) return;
    notices.push(notice);
    options.events.emit('app:notice', { level: notice.level, message: notice.message });
  };
  const openStore: StoreOpener = (storeOptions) =>
    options.openStore({ ...storeOptions, onNotice: notify });
  const secrets: SecretStore = new SecretStore({
    dataDir: options.dataDir,
    protector: options.protector,
    onNotice: notify,
    // Called only when secrets.json is read, which is after the repository exists.
    secretLabels: (): Map<string, string> => repository.secretLabels(),
  });
  const repository: ConnectionRepository = new ConnectionRepository(
    options.dataDir,
    openStore,
    secrets,
  );
  const engine = new TokenEngine({
    resolve: createSpecResolver({
      getConnection: (id) => repository.findByNameOrId(id),
      getSecret: (ref) => secrets.find(ref),
      setSecret: (ref, value) => secrets.set(ref, value),
    }),
    ...(options.now ? { now: options.now } : {}),
    onStatus: (status) => options.events.emit('tokens:status-changed', status),
    // Handlers call engine.forget() whenever a connection or its secrets change, so a cache hit
    // need not re-read and decrypt the stores (see bench B1/B2).
    rememberSpecs: true,
  });
  const workspace = new WorkspaceService({
    dataDir: options.dataDir,
    openStore,
    secrets,
    events: options.events,
    // Read once, to copy the old saved requests into the default workspace.
    savedRequests: () => new RequestStore(options.dataDir, openStore),
  });
  return {
    secrets,
    connections: repository,
    drafts: new DraftSecrets(secrets),
    engine,
    workspace,
    openStore,
    notices: () => [...notices],
    ready: checkAtStart(options.dataDir, secrets, notify),
    close: async () => {
      await workspace.close();
      await engine.close();
    },
  };
}

// A read-only folder is worth saying at start, before the user edits something that cannot be
// saved; secrets.json is read once so its problems are reported with the others.
async function checkAtStart(
  dataDir: string,
  secrets: SecretStore,
  notify: (notice: StorageNotice) => void,
): Promise<void> {
  try {
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      notify(unwritableNotice(dataDir, error));
    }
  }
  let ids: string[];
  try {
    ids = await secrets.ids();
  } catch {
    // Unreadable secrets are reported when a secret is needed, with what to do.
    return;
  }
  // One secret opened proves the data key: a damaged or replaced key file, or a locked keyring,
  // is said now rather than at the first token fetch.
  const first = ids[0];
  if (first === undefined) return;
  try {
    await secrets.find(first);
  } catch (error) {
    if (error instanceof AppError && error.category === 'storage' && !isRecordDamage(error)) {
      notify(secretsUnreadableNotice(secrets.file, error.message, error.hint));
    }
  }
}

/** A single damaged record is that connection's problem, reported when it is used. */
function isRecordDamage(error: AppError): boolean {
  const problem = error.details?.secretProblem;
  return problem === 'integrity' || problem === 'malformed';
}
