import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '#shared/errors.js';
import { redactDraft, storableVariables } from '#shared/redaction.js';
import {
  historyEntrySchema,
  requestDraftSchema,
  rowSchema,
  savedRequestSchema,
  type HistoryEntry,
  type RequestDraft,
  type Row,
  type SavedRequest,
} from '#shared/requests/schemas.js';
import type { StoreOpener } from '../connections/connection-repository.js';
import type { JsonStore } from '../storage/json-store.js';
import { salvageRecords } from '../storage/salvage.js';

/** History keeps this many entries, newest first; older ones drop off. */
export const MAX_HISTORY = 500;
/** Body text kept per history entry; longer bodies are cut (and marked as cut). */
export const HISTORY_BODY_CHARS = 8 * 1024;
/** Saved requests per connection. */
export const MAX_SAVED_PER_CONNECTION = 200;

const historyDocument = z.object({ entries: z.array(historyEntrySchema) });
type HistoryDocument = z.infer<typeof historyDocument>;

const lastDraftSchema = z.object({
  draft: requestDraftSchema,
  variables: z.array(rowSchema),
  updatedAt: z.iso.datetime(),
});
const requestsDocument = z.object({
  saved: z.array(savedRequestSchema),
  /** The draft last edited per connection, restored when the composer opens it again. */
  last: z.record(z.string(), lastDraftSchema),
});
type RequestsDocument = z.infer<typeof requestsDocument>;

// A damaged entry costs that entry only; the rest of the history and saved requests load.
const salvageHistory = salvageRecords([
  { key: 'entries', shape: 'list', record: historyEntrySchema, noun: 'history entry' },
]);
const salvageRequests = salvageRecords([
  { key: 'saved', shape: 'list', record: savedRequestSchema, noun: 'saved request' },
  { key: 'last', shape: 'map', record: lastDraftSchema, noun: 'last draft of connection' },
]);

/** A history entry before it gets its id, time and scrubbing. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at' | 'draft' | 'bodyTruncated'> & {
  draft: RequestDraft;
};

/**
 * History, saved requests and the last draft per connection, in two JSON files of the data dir.
 * Everything passes through redactDraft first: no token, secret or credential-like value is ever
 * written (see shared/redaction.ts).
 */
export class RequestStore {
  private readonly history: JsonStore<HistoryDocument>;
  private readonly requests: JsonStore<RequestsDocument>;
  // Sent requests and last drafts not written yet, newest last. A send is answered before its
  // history is written (bench B4); the writes follow right after, batched, and every read or
  // change of the files writes them first, so nothing is ever seen out of order.
  private pendingHistory: HistoryEntry[] = [];
  private readonly pendingLast = new Map<string, RequestsDocument['last'][string]>();
  private flushScheduled = false;

  constructor(
    dataDir: string,
    openStore: StoreOpener,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.history = openStore({
      dir: dataDir,
      name: 'request-history',
      schema: historyDocument,
      defaults: { entries: [] },
      version: 1,
      salvage: salvageHistory,
    });
    this.requests = openStore({
      dir: dataDir,
      name: 'requests',
      schema: requestsDocument,
      defaults: { saved: [], last: {} },
      version: 1,
      salvage: salvageRequests,
    });
  }

  /** Add a sent request to the history (scrubbed, its body cut to a few KB). */
  addHistory(entry: NewHistoryEntry): HistoryEntry {
    const draft = redactDraft(entry.draft);
    const bodyTruncated = draft.body.text.length > HISTORY_BODY_CHARS;
    if (bodyTruncated)
      draft.body = { ...draft.body, text: draft.body.text.slice(0, HISTORY_BODY_CHARS) };
    const full: HistoryEntry = {
      ...entry,
      id: randomUUID(),
      at: this.now().toISOString(),
      draft,
      bodyTruncated,
    };
    this.pendingHistory.push(full);
    this.scheduleFlush();
    return full;
  }

  /**
   * Write the history entries and last drafts added since the last write (one write per file).
   * Throws the storage error when the disk refuses; they stay in memory for the next try.
   */
  flush(): void {
    if (this.pendingHistory.length > 0) {
      const added = [...this.pendingHistory].reverse();
      this.history.update((doc) => ({ entries: [...added, ...doc.entries].slice(0, MAX_HISTORY) }));
      this.pendingHistory = [];
    }
    if (this.pendingLast.size > 0) {
      const last = Object.fromEntries(this.pendingLast);
      this.requests.update((doc) => ({ ...doc, last: { ...doc.last, ...last } }));
      this.pendingLast.clear();
    }
  }

  // For reads: a disk that refuses the write must not hide what is in memory.
  private flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // Kept pending; the next change of the files reports the error.
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushQuietly();
    });
  }

  /** History entries, newest first, filtered by connection and by every word of `query`. */
  listHistory(options: { connectionId?: string; query?: string; limit: number }): {
    entries: HistoryEntry[];
    total: number;
  } {
    const words = (options.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    this.flushQuietly();
    const stored = this.history.read().entries;
    const unsaved = [...this.pendingHistory].reverse();
    const all = unsaved.length === 0 ? stored : [...unsaved, ...stored].slice(0, MAX_HISTORY);
    const matches = all.filter((e) => {
      if (options.connectionId !== undefined && e.connectionId !== options.connectionId)
        return false;
      if (words.length === 0) return true;
      const text = [
        e.draft.method,
        e.url,
        e.draft.url,
        e.connectionName,
        e.status === null ? '' : String(e.status),
        e.statusText ?? '',
        e.errorMessage ?? '',
      ]
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    });
    return { entries: matches.slice(0, options.limit), total: matches.length };
  }

  /** Delete history (one connection's, or all); answers how many entries went. */
  clearHistory(connectionId?: string): number {
    this.flush();
    let removed = 0;
    this.history.update((doc) => {
      const kept = doc.entries.filter(
        (e) => connectionId !== undefined && e.connectionId !== connectionId,
      );
      removed = doc.entries.length - kept.length;
      return { entries: kept };
    });
    return removed;
  }

  /** Saved requests of a connection, by name. */
  listSaved(connectionId: string): SavedRequest[] {
    this.flushQuietly();
    return this.requests
      .read()
      .saved.filter((s) => s.connectionId === connectionId)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every saved request of every connection, oldest first (for the move into a workspace). */
  allSaved(): SavedRequest[] {
    this.flushQuietly();
    return [...this.requests.read().saved].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** The file that holds the saved requests and last drafts. */
  get requestsFile(): string {
    return this.requests.path;
  }

  /** Create or update (by id, or by name within the connection) a saved request. */
  save(connectionId: string, name: string, draft: RequestDraft, id?: string): SavedRequest {
    this.flush();
    const stamp = this.now().toISOString();
    let saved: SavedRequest | undefined;
    this.requests.update((doc) => {
      const mine = doc.saved.filter((s) => s.connectionId === connectionId);
      const existing =
        (id !== undefined ? mine.find((s) => s.id === id) : undefined) ??
        mine.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
      if (id !== undefined && existing === undefined) {
        throw new AppError('not_found', 'This saved request no longer exists.', {
          hint: 'Save it again under a name.',
        });
      }
      if (existing === undefined && mine.length >= MAX_SAVED_PER_CONNECTION) {
        throw new AppError(
          'conflict',
          `A connection keeps at most ${MAX_SAVED_PER_CONNECTION} saved requests.`,
          {
            hint: 'Delete some saved requests first.',
          },
        );
      }
      saved = {
        id: existing?.id ?? randomUUID(),
        connectionId,
        name: name.trim(),
        draft: redactDraft(draft),
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      };
      const others = doc.saved.filter((s) => s.id !== saved?.id);
      return { ...doc, saved: [...others, saved] };
    });
    return saved as SavedRequest;
  }

  /** Delete a saved request. */
  deleteSaved(connectionId: string, id: string): void {
    this.flush();
    this.requests.update((doc) => {
      const found = doc.saved.some((s) => s.id === id && s.connectionId === connectionId);
      if (!found) {
        throw new AppError('not_found', 'This saved request no longer exists.');
      }
      return { ...doc, saved: doc.saved.filter((s) => s.id !== id) };
    });
  }

  /** Remember the draft being edited for a connection (scrubbed, like everything stored). */
  remember(connectionId: string, draft: RequestDraft, variables: readonly Row[]): void {
    const entry = {
      draft: redactDraft(draft),
      variables: storableVariables(variables),
      updatedAt: this.now().toISOString(),
    };
    this.pendingLast.set(connectionId, entry);
    this.scheduleFlush();
  }

  /** The last draft of a connection, if one was remembered. */
  last(connectionId: string): { draft: RequestDraft; variables: Row[] } | null {
    this.flushQuietly();
    const entry = this.pendingLast.get(connectionId) ?? this.requests.read().last[connectionId];
    return entry === undefined ? null : { draft: entry.draft, variables: entry.variables };
  }

  /** Drop what belongs to connections that no longer exist. */
  prune(existing: ReadonlySet<string>): void {
    for (const id of [...this.pendingLast.keys()])
      if (!existing.has(id)) this.pendingLast.delete(id);
    this.flushQuietly();
    const doc = this.requests.read();
    const stale =
      doc.saved.some((s) => !existing.has(s.connectionId)) ||
      Object.keys(doc.last).some((id) => !existing.has(id));
    if (!stale) return;
    this.requests.update((d) => ({
      saved: d.saved.filter((s) => existing.has(s.connectionId)),
      last: Object.fromEntries(Object.entries(d.last).filter(([id]) => existing.has(id))),
    }));
  }

  /** Storage problems found when the files were opened. */
  get notices(): JsonStore<HistoryDocument>['notices'] {
    return [...this.history.notices, ...this.requests.notices];
  }
}
