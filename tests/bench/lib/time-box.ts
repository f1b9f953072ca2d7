/** Repetition with a time budget: every benchmark stops by itself, however slow the machine. */
export interface LoopOptions {
  warmup: number;
  runs: number;
  /** Stop measuring once this many ms have passed (after at least `minRuns`). */
  budgetMs: number;
  minRuns?: number;
}

/**
 * Run `variants` interleaved (A B A B …) so drift in machine load hits all of them alike; returns
 * the samples of each. A variant's function returns its own measurement (e.g. in-page timings).
 */
export async function interleave<K extends string>(
  variants: Record<K, () => Promise<number>>,
  options: LoopOptions,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(variants) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < options.warmup; i++) for (const k of keys) await variants[k]();
  const started = performance.now();
  const minRuns = options.minRuns ?? Math.min(3, options.runs);
  for (let i = 0; i < options.runs; i++) {
    // Alternate the order too, so neither variant always runs right after the other.
    const order = i % 2 === 0 ? keys : [...keys].reverse();
    for (const k of order) samples[k].push(await variants[k]());
    if (i + 1 >= minRuns && performance.now() - started > options.budgetMs) break;
  }
  return samples;
}

/** Reject with a clear message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** High-resolution milliseconds since an arbitrary origin. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
