import { withBody } from './body-file.js';

/** Bytes per row when a line is longer (minified JSON is often one 50 MB line). */
export const ROW_BYTES = 200;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Where each row of the body text starts: rows end at line breaks, and long lines are cut every
 * ROW_BYTES bytes (never inside a UTF-8 character). The raw view virtualises over these rows and
 * asks for a screenful at a time, so a single-line 50 MB body scrolls like a short one.
 */
export class RowIndex {
  private starts = new Float64Array(1024);
  private count = 0;

  private constructor(
    private readonly path: string,
    readonly size: number,
  ) {}

  /** Scan a body file once and index its rows. */
  static async build(path: string, size: number, rowBytes = ROW_BYTES): Promise<RowIndex> {
    const index = new RowIndex(path, size);
    if (size === 0) return index;
    index.push(0);
    let rowStart = 0;
    await withBody(path, async (reader) => {
      for await (const { buf, pos } of reader.chunks(0, size)) {
        let i = 0;
        while (i < buf.length) {
          // Jump to the next line break, cutting the line every rowBytes on the way.
          const found = buf.indexOf(LF, i);
          const lineEnd = found < 0 ? buf.length : found;
          let cut = Math.max(i, rowStart + rowBytes - pos);
          while (cut < lineEnd) {
            // Move the cut forward off continuation bytes, so no character is split.
            while (cut < lineEnd && ((buf[cut] as number) & 0xc0) === 0x80) cut += 1;
            if (cut >= lineEnd) break;
            index.push(pos + cut);
            rowStart = pos + cut;
            cut += rowBytes;
          }
          if (found < 0) break;
          if (pos + found + 1 < size) index.push(pos + found + 1);
          rowStart = pos + found + 1;
          i = found + 1;
        }
      }
    });
    return index;
  }

  /** How many rows the body has. */
  get totalRows(): number {
    return this.count;
  }

  /** The row that holds the byte at `offset`. */
  rowOf(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Byte offset where a row starts. */
  startOf(row: number): number {
    return row >= this.count ? this.size : (this.starts[row] as number);
  }

  /** The text of `count` rows from `fromRow` (line breaks removed), and where each starts. */
  async rows(fromRow: number, count: number): Promise<{ rows: string[]; offsets: number[] }> {
    const first = Math.min(fromRow, this.count);
    const last = Math.min(this.count, first + count);
    if (first >= last) return { rows: [], offsets: [] };
    const from = this.startOf(first);
    const to = this.startOf(last);
    const buf = await withBody(this.path, (reader) => reader.read(from, to - from));
    const rows: string[] = [];
    const offsets: number[] = [];
    for (let r = first; r < last; r++) {
      const start = this.startOf(r) - from;
      let end = this.startOf(r + 1) - from;
      if (end > start && buf[end - 1] === LF) end -= 1;
      if (end > start && buf[end - 1] === CR) end -= 1;
      rows.push(buf.toString('utf8', start, end));
      offsets.push(start + from);
    }
    return { rows, offsets };
  }

  private push(offset: number): void {
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count] = offset;
    this.count += 1;
  }
}
