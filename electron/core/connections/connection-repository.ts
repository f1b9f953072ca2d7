import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  connectionSchema,
  secretRefsFor,
  type Connection,
  type connectionInputSchema,
} from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import {
  secretKindSchema,
  type secretPresenceSchema,
  type secretValuesSchema,
} from '#shared/ipc/connections-channels.js';
import type { JsonStore, JsonStoreOptions } from '../storage/json-store.js';
import { salvageRecords } from '../storage/salvage.js';
import type { SecretStore } from '../secrets/secret-store.js';
import {
  boundOriginOf,
  originChangedError,
  SECRET_KIND_NAMES,
  tokenOriginOf,
} from './secret-binding.js';

/** The kinds of secret a connection can hold; each has its own secret-store id. */
export const secretKinds = secretKindSchema.options;
export type SecretKind = z.output<typeof secretKindSchema>;
export type SecretValues = z.output<typeof secretValuesSchema>;
export type SecretPresence = z.output<typeof secretPresenceSchema>;

const documentSchema = z.object({ connections: z.array(connectionSchema) });
// A damaged record costs that connection only: the others load, and the notice names it.
const salvage = salvageRecords([
  { key: 'connections', shape: 'list', record: connectionSchema, noun: 'connection' },
]);

const KIND_NAMES: Record<SecretKind, string> = SECRET_KIND_NAMES;
type ConnectionsDocument = z.infer<typeof documentSchema>;

/** Opens a JSON store (conf in plain Node, electron-store in Electron). */
export type StoreOpener = <T extends object>(options: JsonStoreOptions<T>) => JsonStore<T>;

const sameName = (a: string, b: string): boolean =>
  a.trim().localeCompare(b.trim(), undefined, { sensitivity: 'accent' }) === 0;

/**
 * Saved connections and the secrets that belong to them. Secret-store ids are derived from the
 * connection id here, never taken from the caller, so one connection cannot point at another's
 * secret; deleting a connection deletes its secrets.
 */
export class ConnectionRepository {
  private readonly store: JsonStore<ConnectionsDocument>;

  constructor(
    dataDir: string,
    openStore: StoreOpener,
    private readonly secrets: SecretStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = openStore({
      dir: dataDir,
      name: 'connections',
      schema: documentSchema,
      defaults: { connections: [] },
      version: 1,
      salvage,
    });
  }

  /**
   * What each stored secret is, by secret-store id (`the client secret of "Acme"`), for the
   * notice that tells the user which connections lost a secret. Names only, never values.
   */
  secretLabels(): Map<string, string> {
    const labels = new Map<string, string>();
    for (const connection of this.list()) {
      const refs = refsOf(connection.id);
      const held: Record<SecretKind, string | undefined> = {
        clientSecret: connection.secretRef,
        privateKey: connection.privateKeyJwt?.keyRef,
        clientCert: connection.tls.clientCertRef,
        clientKey: connection.tls.clientKeyRef,
      };
      for (const kind of secretKinds) {
        if (held[kind] !== undefined) {
          labels.set(refs[kind], `the ${KIND_NAMES[kind]} of connection "${connection.name}"`);
        }
      }
    }
    return labels;
  }

  /** Problems found when the file was opened (e.g. a corrupt file moved aside). */
  get notices(): JsonStore<ConnectionsDocument>['notices'] {
    return this.store.notices;
  }

  /** Every connection, in the order they were created. */
  list(): Connection[] {
    return this.store.read().connections;
  }

  /** The connection with this id; `not_found` when there is none. */
  get(id: string): Connection {
    const found = this.list().find((c) => c.id === id);
    if (!found) {
      throw new AppError('not_found', 'This connection no longer exists.', {
        hint: 'It may have been deleted in another window; reload the connections list.',
      });
    }
    return found;
  }

  /** The connection with this name (case-insensitive), or its id. */
  findByNameOrId(nameOrId: string): Connection | undefined {
    const all = this.list();
    return all.find((c) => c.id === nameOrId) ?? all.find((c) => sameName(c.name, nameOrId));
  }

  /** Which of a connection's secrets are stored (never their values). */
  async secretPresence(id: string): Promise<SecretPresence> {
    const refs = refsOf(id);
    const entries = await Promise.all(
      secretKinds.map(async (kind) => [kind, await this.secrets.has(refs[kind])] as const),
    );
    return Object.fromEntries(entries) as SecretPresence;
  }

  /** Store, replace or delete (empty string) secrets of an existing connection. */
  async setSecrets(id: string, values: SecretValues): Promise<Connection> {
    const connection = this.get(id);
    await this.assertSecretsFollow(connection, tokenOriginOf(connection), values);
    const undo = await this.applySecrets(id, values);
    try {
      return await this.relink(id);
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /**
   * Create (no id) or update a connection, with any secrets given alongside. All or nothing: the
   * secrets are written first and put back as they were if the connection cannot be written, so a
   * full or read-only disk never leaves a connection without its secret or a secret without its
   * connection's new settings.
   */
  async save(
    input: z.output<typeof connectionInputSchema>,
    values: SecretValues = {},
  ): Promise<Connection> {
    const all = this.list();
    const existing = input.id === undefined ? undefined : all.find((c) => c.id === input.id);
    if (input.id !== undefined && !existing) this.get(input.id);
    this.assertFreeName(input.name, existing?.id);
    const id = existing?.id ?? randomUUID();
    const stamp = this.now().toISOString();
    // Validated before anything is written: a bad draft changes nothing.
    const draft = connectionSchema.parse({
      ...input,
      id,
      privateKeyJwt: input.privateKeyJwt
        ? { ...input.privateKeyJwt, keyRef: refsOf(id).privateKey }
        : undefined,
      tls: { ...input.tls },
      // Any secret kept or entered now belongs to this origin (checked above for kept ones).
      secretOrigin: tokenOriginOf(input),
      // Not part of what a page sends: kept from the saved connection.
      tokenOrigins: existing?.tokenOrigins,
      createdAt: existing?.createdAt ?? stamp,
      updatedAt: stamp,
    });
    if (existing) await this.assertSecretsFollow(existing, tokenOriginOf(draft), values);
    const undo = await this.applySecrets(id, values);
    try {
      // One write, with the links to the secrets now stored: no moment where a saved connection
      // looks as if it had no secret.
      const connection = linkSecrets(draft, await this.secretPresence(id));
      this.store.update((doc) => ({
        connections: existing
          ? doc.connections.map((c) => (c.id === id ? connection : c))
          : [...doc.connections, connection],
      }));
      return connection;
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /**
   * Write (or delete, for '') the given secrets of connection `id`. If one write fails, the ones
   * before it are put back and the error is rethrown; otherwise returns a function that puts them
   * all back, for a caller whose next write fails.
   */
  private async applySecrets(id: string, values: SecretValues): Promise<() => Promise<void>> {
    const refs = refsOf(id);
    const previous: { ref: string; value: string | undefined }[] = [];
    const undo = async (): Promise<void> => {
      for (const { ref, value } of previous.reverse()) {
        try {
          if (value === undefined) await this.secrets.delete(ref);
          else await this.secrets.set(ref, value);
        } catch {
          // Best effort: the error that caused the undo is the one the user needs to see.
        }
      }
    };
    try {
      for (const kind of secretKinds) {
        const value = values[kind];
        if (value === undefined) continue;
        const ref = refs[kind];
        // A stored value that cannot be read (damaged record) cannot be put back either.
        const before = await this.secrets.find(ref).then(
          (found) => ({ ok: true as const, found }),
          () => ({ ok: false as const }),
        );
        if (value === '') await this.secrets.delete(ref);
        else await this.secrets.set(ref, value);
        if (before.ok) previous.push({ ref, value: before.found });
      }
    } catch (error) {
      await undo();
      throw error;
    }
    return undo;
  }

  /** Let the composer send this connection's token to `origin` (scheme://host[:port]) too. */
  allowTokenOrigin(id: string, origin: string): Connection {
    const connection = this.get(id);
    let normalised: string;
    try {
      normalised = new URL(origin).origin;
    } catch {
      normalised = 'null';
    }
    if (normalised === 'null' || !/^https?:/.test(normalised)) {
      throw new AppError('validation', `"${origin}" is not an http(s) origin.`, {
        hint: 'Give scheme, host and port only, e.g. https://api.example.com.',
      });
    }
    const allowed = new Set(connection.tokenOrigins ?? []);
    allowed.add(normalised);
    return this.replace({ ...connection, tokenOrigins: [...allowed].sort() });
  }

  /** Give a connection a new name. */
  rename(id: string, name: string): Connection {
    const connection = this.get(id);
    this.assertFreeName(name, id);
    return this.replace({ ...connection, name: name.trim(), updatedAt: this.now().toISOString() });
  }

  /** Copy a connection and its secrets under a new name ("… (copy)" when none is given). */
  async duplicate(id: string, name?: string): Promise<Connection> {
    const source = this.get(id);
    const newName = name?.trim() || this.copyName(source.name);
    this.assertFreeName(newName);
    const newId = randomUUID();
    const stamp = this.now().toISOString();
    const from = refsOf(id);
    const to = refsOf(newId);
    const copied: SecretValues = {};
    for (const kind of secretKinds) {
      const value = await this.secrets.find(from[kind]);
      if (value !== undefined) copied[kind] = value;
    }
    const draft = connectionSchema.parse({
      ...source,
      id: newId,
      name: newName,
      secretOrigin: boundOriginOf(source),
      privateKeyJwt: source.privateKeyJwt
        ? { ...source.privateKeyJwt, keyRef: to.privateKey }
        : undefined,
      createdAt: stamp,
      updatedAt: stamp,
    });
    // Same all-or-nothing order as save(): the copy's secrets, then the copy, or neither.
    const undo = await this.applySecrets(newId, copied);
    try {
      const copy = linkSecrets(draft, await this.secretPresence(newId));
      this.store.update((doc) => ({ connections: [...doc.connections, copy] }));
      return copy;
    } catch (error) {
      await undo();
      throw error;
    }
  }

  /** Delete a connection and every secret it holds. */
  async delete(id: string): Promise<void> {
    this.get(id);
    const refs = refsOf(id);
    for (const kind of secretKinds) await this.secrets.delete(refs[kind]);
    // Made by main for DPoP connections, never entered: not one of the kinds a user sets.
    await this.secrets.delete(secretRefsFor(id).dpopKey);
    this.store.update((doc) => ({ connections: doc.connections.filter((c) => c.id !== id) }));
  }

  /** Point the connection's secret references at the secrets that are actually stored. */
  private async relink(id: string): Promise<Connection> {
    const connection = this.get(id);
    return this.replace(
      linkSecrets(
        { ...connection, secretOrigin: tokenOriginOf(connection) },
        await this.secretPresence(id),
      ),
    );
  }

  /**
   * Refuse (before anything is written) when secrets stored for `saved` would stay with it while
   * its token endpoint moves to another origin: each one must be entered again or cleared.
   */
  private async assertSecretsFollow(
    saved: Connection,
    origin: string | undefined,
    values: SecretValues,
  ): Promise<void> {
    const bound = boundOriginOf(saved);
    if (bound !== undefined && bound === origin) return;
    const present = await this.secretPresence(saved.id);
    const kept = secretKinds.filter((kind) => present[kind] && values[kind] === undefined);
    if (kept.length > 0) {
      throw originChangedError(
        saved,
        origin,
        kept.map((kind) => KIND_NAMES[kind]),
      );
    }
  }

  private replace(connection: Connection): Connection {
    this.store.update((doc) => ({
      connections: doc.connections.map((c) => (c.id === connection.id ? connection : c)),
    }));
    return connection;
  }

  private assertFreeName(name: string, exceptId?: string): void {
    const clash = this.list().find((c) => c.id !== exceptId && sameName(c.name, name));
    if (clash) {
      throw new AppError('conflict', `A connection named "${clash.name}" already exists.`, {
        hint: 'Pick another name; names identify connections in the CLI (grantline token --connection NAME).',
      });
    }
  }

  private copyName(name: string): string {
    const taken = new Set(this.list().map((c) => c.name.trim().toLowerCase()));
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }
}

function refsOf(id: string): Record<SecretKind, string> {
  return secretRefsFor(id);
}

/** The connection with its secret references set exactly for the secrets that are stored. */
function linkSecrets(connection: Connection, present: SecretPresence): Connection {
  const refs = refsOf(connection.id);
  const any = secretKinds.some((kind) => present[kind]);
  return connectionSchema.parse({
    ...connection,
    secretOrigin: any ? connection.secretOrigin : undefined,
    secretRef: present.clientSecret ? refs.clientSecret : undefined,
    tls: {
      ...connection.tls,
      clientCertRef: present.clientCert ? refs.clientCert : undefined,
      clientKeyRef: present.clientKey ? refs.clientKey : undefined,
    },
  });
}
