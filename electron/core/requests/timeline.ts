import type { TimelineEntry, Timings } from '#shared/requests/schemas.js';

/** What happened during one send, in order, with times relative to its start. */
export class Timeline {
  readonly entries: TimelineEntry[] = [];
  readonly started = performance.now();

  /** Milliseconds since the send started. */
  elapsed(): number {
    return Math.round(performance.now() - this.started);
  }

  add(kind: TimelineEntry['kind'], text: string): void {
    this.entries.push({ at: this.elapsed(), kind, text });
  }
}

/** Timings of the last hop, filled in as it goes: the contract's timings without token and total. */
export type HopTimings = Omit<Timings, 'token' | 'total'>;

export const noHopTimings = (): HopTimings => ({
  dns: null,
  connect: null,
  tls: null,
  ttfb: null,
  download: null,
});

const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);

/** The breakdown shown next to the status: the last hop's phases, the token wait and the total. */
export function toTimings(hop: HopTimings, tokenMs: number | null, totalMs: number): Timings {
  return {
    token: round(tokenMs),
    dns: round(hop.dns),
    connect: round(hop.connect),
    tls: round(hop.tls),
    ttfb: round(hop.ttfb),
    download: round(hop.download),
    total: Math.round(totalMs),
  };
}

/** "1.2 KB", "50.0 MB", "1.0 GB": sizes for timeline lines and messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
