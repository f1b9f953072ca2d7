/** A folded block: `start` stays visible, lines `start + 1 … end` are hidden. */
export type FoldRange = readonly [start: number, end: number];

/**
 * Which blocks of the pretty view are folded, and the mapping between visible rows and lines.
 * Only the outermost folded blocks are kept (a block folded inside a folded block is hidden
 * anyway), sorted, so the mapping is a walk over the few blocks a user folds.
 */
export class FoldMap {
  constructor(readonly ranges: readonly FoldRange[] = []) {}

  /** Lines hidden by all folds. */
  get hidden(): number {
    let n = 0;
    for (const [start, end] of this.ranges) n += end - start;
    return n;
  }

  isFolded(start: number): boolean {
    return this.ranges.some(([s]) => s === start);
  }

  /** Fold the block `start…end`, or unfold it when it is folded. */
  toggle(start: number, end: number): FoldMap {
    if (end <= start) return this;
    if (this.isFolded(start)) return new FoldMap(this.ranges.filter(([s]) => s !== start));
    if (this.ranges.some(([s, e]) => s < start && start <= e)) return this;
    const kept = this.ranges.filter(([s]) => s < start || s > end);
    return new FoldMap([...kept, [start, end] as const].sort((a, b) => a[0] - b[0]));
  }

  /** Unfold every block that hides `line`. */
  reveal(line: number): FoldMap {
    const kept = this.ranges.filter(([s, e]) => !(s < line && line <= e));
    return kept.length === this.ranges.length ? this : new FoldMap(kept);
  }

  /** The line shown at visible row `row`. */
  lineAt(row: number): number {
    let line = row;
    for (const [start, end] of this.ranges) {
      if (start < line) line += end - start;
      else break;
    }
    return line;
  }

  /** The visible row that shows `line` (the fold's first line when `line` is hidden). */
  rowOf(line: number): number {
    let row = line;
    for (const [start, end] of this.ranges) {
      if (end < line) row -= end - start;
      else if (start < line) return row - (line - start);
      else break;
    }
    return row;
  }
}
