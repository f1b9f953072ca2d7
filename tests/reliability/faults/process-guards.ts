import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Fail the file if a promise rejection goes unhandled or an exception escapes while its tests run:
 * an aborted download or a reset socket must end in a categorised error, never in a stray throw.
 */
export function failOnStrayErrors(): void {
  const seen: { kind: string; error: string }[] = [];
  const onRejection = (reason: unknown): void => {
    seen.push({ kind: 'unhandledRejection', error: String(reason) });
  };
  const onException = (error: unknown): void => {
    seen.push({ kind: 'uncaughtException', error: String(error) });
  };
  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });
  afterAll(async () => {
    // Let the last test's timers and socket teardown settle before judging.
    await new Promise((r) => setTimeout(r, 200));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    expect(seen).toEqual([]);
  });
}

// Vitest does not start workers with --expose-gc; V8 still lets us switch it on at run time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface MemoryDelta {
  label: string;
  rssMb: number;
  heapMb: number;
  /** Highest RSS seen while the work ran (sampled every 20 ms), above the start. */
  peakRssMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Run `work` and report how much RSS and heap it left behind (after a full GC) and the RSS peak
 * while it ran; prints the figures so the run log shows them.
 */
export async function measureMemory<T>(
  label: string,
  work: () => Promise<T>,
): Promise<{ result: T; delta: MemoryDelta }> {
  gc();
  const before = process.memoryUsage();
  let peak = before.rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(sampler);
  }
  gc();
  const after = process.memoryUsage();
  peak = Math.max(peak, after.rss);
  const delta: MemoryDelta = {
    label,
    rssMb: mb(after.rss - before.rss),
    heapMb: mb(after.heapUsed - before.heapUsed),
    peakRssMb: mb(peak - before.rss),
  };
  console.log(
    `[memory] ${label}: rss ${mb(before.rss)} → ${mb(after.rss)} MB (Δ ${delta.rssMb}, peak Δ ${delta.peakRssMb}), heap Δ ${delta.heapMb} MB`,
  );
  return { result, delta };
}

/** The generous bound on memory a single fault may cost (the bodies involved are 1-4 GiB). */
export const MEMORY_BOUND_MB = 150;

/**
 * Settle `promise` or fail after `boundMs`: a hang must fail the test with a clear reason instead
 * of running into the suite's own timeout. Answers the outcome and the elapsed milliseconds.
 */
export async function settleWithin<T>(
  promise: Promise<T>,
  boundMs: number,
): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still pending after ${boundMs} ms: a hang`)),
      boundMs,
    );
  });
  try {
    const value = await Promise.race([promise, hung]);
    return { value, elapsedMs: performance.now() - started };
  } catch (error) {
    if (error instanceof Error && error.message.endsWith('a hang')) throw error;
    return { error, elapsedMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
