/** One row of bench/results.json. `met` is null when the goal could not be measured or has no threshold. */
export interface BenchResult {
  id: string;
  name: string;
  unit: string;
  /** Our median (the figure the goal is about when it is not a median, see `details`). */
  oursMedian: number | null;
  floorMedian: number | null;
  /** The figure the goal is judged on, when it is not the ratio of medians (e.g. "p99 12 µs"). */
  judged?: string;
  /** oursMedian / floorMedian, unless the notes say which figures it compares. */
  ratio: number | null;
  runs: number;
  goal: string;
  met: boolean | null;
  notes: string[];
  /** Wall time the benchmark itself took, seconds. */
  seconds?: number | null;
  details?: Record<string, unknown>;
}

/** The identity and goal of a benchmark, shared by its result whatever happens. */
export interface BenchSpec {
  id: string;
  name: string;
  unit: string;
  goal: string;
}

/** A result for a benchmark that could not run or measure its goal. */
export function notMeasured(
  spec: BenchSpec,
  reason: string,
  extra: Partial<BenchResult> = {},
): BenchResult {
  return {
    ...spec,
    oursMedian: null,
    floorMedian: null,
    ratio: null,
    runs: 0,
    met: null,
    notes: [reason],
    ...extra,
  };
}
