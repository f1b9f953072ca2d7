import type { ConnectionView } from '#shared/ipc/contract.js';
import { getPreset, resolveTokenUrl } from '#shared/presets/index.js';
import { hostOf } from '#shared/curl/index.js';

/** How the list is ordered. */
export type ListSort = 'name' | 'platform' | 'status' | 'expiry' | 'updated';

export const SORT_LABELS: Record<ListSort, string> = {
  name: 'Name',
  platform: 'Platform',
  status: 'Status (failing first)',
  expiry: 'Expiry (soonest first)',
  updated: 'Recently changed',
};

/** One connection as the compact row shows it. */
export interface ListEntry {
  view: ConnectionView;
  platform: string;
  host: string | undefined;
}

/** Where the connection gets its tokens, in a few words ("login.axway.com"). */
export function endpointHost(view: ConnectionView): string | undefined {
  const url = tokenEndpoint(view);
  return url === undefined ? undefined : hostOf(url);
}

/** The token endpoint the connection uses (or its issuer, when discovery finds it). */
export function tokenEndpoint(view: ConnectionView): string | undefined {
  const preset = getPreset(view.connection.presetId);
  if (preset === undefined) return view.connection.tokenUrl;
  try {
    const resolved = resolveTokenUrl(preset, view.connection.fields, view.connection.tokenUrl);
    return resolved.kind === 'url' ? resolved.url : resolved.issuer;
  } catch {
    return view.connection.tokenUrl;
  }
}

export function toEntry(view: ConnectionView): ListEntry {
  return {
    view,
    platform: getPreset(view.connection.presetId)?.name ?? view.connection.presetId,
    host: endpointHost(view),
  };
}

/** True when every word of the query is in the name, platform, host or client ID. */
export function matchesQuery(entry: ListEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    entry.view.connection.name,
    entry.platform,
    entry.host ?? '',
    entry.view.connection.clientId,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => text.includes(word));
}

/** Failing first, then those about to lapse, then valid, then never fetched. */
const STATE_RANK: Record<ConnectionView['status']['state'], number> = {
  error: 0,
  expiring: 1,
  expired: 2,
  fetching: 3,
  valid: 4,
  none: 5,
};

const byName = (a: ListEntry, b: ListEntry): number =>
  a.view.connection.name.localeCompare(b.view.connection.name, undefined, { sensitivity: 'base' });

function expiryOf(entry: ListEntry): number {
  const at = entry.view.status.expiresAt;
  return at === null ? Number.POSITIVE_INFINITY : Date.parse(at);
}

/** The entries in the chosen order; ties fall back to the name. */
export function sortEntries(entries: readonly ListEntry[], sort: ListSort): ListEntry[] {
  const compare = (a: ListEntry, b: ListEntry): number => {
    switch (sort) {
      case 'name':
        return 0;
      case 'platform':
        return a.platform.localeCompare(b.platform);
      case 'status':
        return STATE_RANK[a.view.status.state] - STATE_RANK[b.view.status.state];
      case 'expiry':
        return expiryOf(a) - expiryOf(b);
      case 'updated':
        return Date.parse(b.view.connection.updatedAt) - Date.parse(a.view.connection.updatedAt);
    }
  };
  return [...entries].sort((a, b) => compare(a, b) || byName(a, b));
}

/** One group of rows; `name` is null when the list is not grouped. */
export interface ListGroup {
  name: string | null;
  entries: ListEntry[];
}

/** Filter, sort and (optionally) group by platform, groups in alphabetical order. */
export function arrangeList(
  views: readonly ConnectionView[],
  options: { query: string; sort: ListSort; groupByPlatform: boolean },
): ListGroup[] {
  const entries = sortEntries(
    views.map(toEntry).filter((entry) => matchesQuery(entry, options.query)),
    options.sort,
  );
  if (!options.groupByPlatform) return entries.length === 0 ? [] : [{ name: null, entries }];
  const groups = new Map<string, ListEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.platform) ?? [];
    list.push(entry);
    groups.set(entry.platform, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({ name, entries: list }));
}
