import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HISTORY_BODY_CHARS,
  MAX_HISTORY,
  RequestStore,
  type NewHistoryEntry,
} from '../../../../../electron/core/requests/request-store.js';
import { openJsonStore } from '../../../../../electron/core/storage/conf-json-store.js';
import { emptyDraft, type RequestDraft } from '#shared/requests/schemas.js';

let dir: string;
let store: RequestStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grantline-store-'));
  store = new RequestStore(dir, openJsonStore);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (over: Partial<NewHistoryEntry> = {}): NewHistoryEntry => ({
  connectionId: 'c1',
  connectionName: 'Axway Central',
  draft: { ...emptyDraft(), url: '{{baseUrl}}/items' },
  url: 'https://api.test/items',
  status: 200,
  statusText: 'OK',
  errorCategory: null,
  errorMessage: null,
  durationMs: 12,
  size: 34,
  retried: false,
  ...over,
});

describe('RequestStore', () => {
  it(`keeps at most ${MAX_HISTORY} history entries, newest first, and finds them by words`, () => {
    for (let i = 0; i < MAX_HISTORY + 5; i++) {
      store.addHistory(entry({ url: `https://api.test/items/${i}`, status: i % 2 ? 200 : 404 }));
    }
    const all = store.listHistory({ limit: 1000 });
    expect(all.total).toBe(MAX_HISTORY);
    expect(all.entries[0]?.url).toBe(`https://api.test/items/${MAX_HISTORY + 4}`);
    const found = store.listHistory({ query: 'items/503 404', limit: 10 });
    expect(found.entries.map((e) => e.url)).toEqual([]);
    expect(store.listHistory({ query: 'ITEMS/504 404', limit: 10 }).total).toBe(1);
    expect(store.listHistory({ connectionId: 'other', limit: 10 }).total).toBe(0);
    expect(store.clearHistory('c1')).toBe(MAX_HISTORY);
  });

  it('scrubs credentials and cuts long bodies before anything reaches the disk', () => {
    const draft: RequestDraft = {
      ...emptyDraft(),
      method: 'POST',
      url: '{{baseUrl}}/x?api_key=k-999',
      headers: [{ name: 'Authorization', value: 'Bearer eyJhbGciOi.eyJzdWIi.c2ln', enabled: true }],
      body: {
        mode: 'raw',
        text: 'y'.repeat(HISTORY_BODY_CHARS + 10),
        form: [],
        contentType: 'text/plain',
      },
      auth: { type: 'header', name: 'X-Key', value: 'custom-secret' },
    };
    const saved = store.addHistory(entry({ draft }));
    expect(saved.bodyTruncated).toBe(true);
    store.save('c1', 'Mine', draft);
    store.remember('c1', draft, [
      { name: 'token', value: 'tok-123', enabled: true },
      { name: 'tenant', value: 'acme', enabled: true },
    ]);
    // Sends are answered before their history is written; flush() writes what is pending.
    store.flush();
    const files = ['request-history.json', 'requests.json'].map((f) =>
      readFileSync(join(dir, f), 'utf8'),
    );
    for (const text of files) {
      for (const secret of ['k-999', 'eyJhbGciOi', 'custom-secret', 'tok-123'])
        expect(text).not.toContain(secret);
    }
    expect(store.last('c1')?.variables).toEqual([{ name: 'tenant', value: 'acme', enabled: true }]);
  });

  it('saves per connection, updates by name, deletes, and prunes connections that are gone', () => {
    const first = store.save('c1', 'Environments', emptyDraft());
    const again = store.save('c1', 'environments', { ...emptyDraft(), method: 'DELETE' });
    expect(again.id).toBe(first.id);
    store.save('c2', 'Other', emptyDraft());
    expect(store.listSaved('c1').map((s) => [s.name, s.draft.method])).toEqual([
      ['environments', 'DELETE'],
    ]);
    store.deleteSaved('c1', first.id);
    expect(store.listSaved('c1')).toEqual([]);
    expect(() => store.deleteSaved('c1', first.id)).toThrow(/no longer exists/);
    store.remember('c2', emptyDraft(), []);
    store.prune(new Set(['c1']));
    expect(store.listSaved('c2')).toEqual([]);
    expect(store.last('c2')).toBeNull();
  });
});
