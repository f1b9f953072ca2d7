/** Order statistics for benchmark samples (nearest-rank percentiles, no interpolation surprises). */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** The p-th percentile (0–100) of a sorted array, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Summarise samples; NaN everywhere when there are none. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean,
  };
}

/** ours / floor, or null when either is missing or the floor is zero. */
export function ratioOf(ours: number | null, floor: number | null): number | null {
  if (ours === null || floor === null || !Number.isFinite(ours) || !Number.isFinite(floor)) {
    return null;
  }
  return floor === 0 ? null : ours / floor;
}

/** Round for display and JSON: 3 significant digits, never exponent notation for our ranges. */
export function round(value: number | null, digits = 3): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value === 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return Number(value.toFixed(Math.min(decimals, 6)));
}

/** A Summary with its numbers rounded for the JSON file. */
export function roundSummary(s: Summary): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v as number)]),
  );
}
