import { withBody } from './body-file.js';

/** A line longer than this is cut into rows, after a space or, in JSON, where a value ends. */
export const ROW_BYTES = 1024;
/** A run with no such place (one huge string) is cut here, on a character boundary. */
export const HARD_ROW_BYTES = 16 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

/**
 * Where each row of the body text starts, and which line it belongs to. Rows are the body's own
 * lines; a long line (minified JSON is often one 50 MB line) is cut into rows of about ROW_BYTES,
 * each cut after a space or, for JSON, after a `,`, `{`, `[` or the end of a string outside any
 * string, so no value is cut in two unless a single value is longer than HARD_ROW_BYTES. The
 * page wraps the rows at spaces; the raw view virtualises over them and asks for a screenful at a
 * time, so a single-line 50 MB body scrolls like a short one.
 */
export class RowIndex {
  private starts = new Float64Array(1024);
  private lines = new Float64Array(1024);
  private count = 0;

  private constructor(
    private readonly path: string,
    readonly size: number,
  ) {}

  /** Scan a body file once and index its rows. */
  static async build(
    path: string,
    size: number,
    options: { json?: boolean; rowBytes?: number; hardRowBytes?: number } = {},
  ): Promise<RowIndex> {
    const json = options.json ?? false;
    const rowBytes = options.rowBytes ?? ROW_BYTES;
    const hard = options.hardRowBytes ?? HARD_ROW_BYTES;
    const index = new RowIndex(path, size);
    if (size === 0) return index;
    let line = 0;
    index.push(0, line);
    let segStart = 0;
    let lastBreak = -1;
    let inString = false;
    let escaped = false;
    await withBody(path, async (reader) => {
      for await (const { buf, pos } of reader.chunks(0, size)) {
        const n = buf.length;
        for (let i = 0; i < n; i++) {
          const c = buf[i] as number;
          const p = pos + i;
          if (c === LF) {
            line += 1;
            if (p + 1 < size) index.push(p + 1, line);
            segStart = p + 1;
            lastBreak = -1;
            inString = false;
            escaped = false;
            continue;
          }
          if (p - segStart >= hard && (c & 0xc0) !== 0x80) {
            index.push(p, line);
            segStart = p;
            lastBreak = -1;
          }
          if (inString) {
            if (escaped) escaped = false;
            else if (c === BACKSLASH) escaped = true;
            else if (c === QUOTE) {
              inString = false;
              lastBreak = p + 1;
            }
          } else if (c === SPACE || c === TAB) {
            lastBreak = p + 1;
          } else if (json) {
            if (c === QUOTE) inString = true;
            else if (c === COMMA || c === OPEN_BRACE || c === OPEN_BRACKET) lastBreak = p + 1;
          }
          if (p + 1 - segStart >= rowBytes && lastBreak > segStart && lastBreak < size) {
            index.push(lastBreak, line);
            segStart = lastBreak;
            lastBreak = -1;
          }
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

  /** The line (from 0) a row belongs to: a line cut into rows gives them all its number. */
  lineOf(row: number): number {
    return this.lines[row] as number;
  }

  /**
   * The text of `count` rows from `fromRow` (line breaks removed), where each starts, and the
   * line each belongs to.
   */
  async rows(
    fromRow: number,
    count: number,
  ): Promise<{ rows: string[]; offsets: number[]; lines: number[] }> {
    const first = Math.min(fromRow, this.count);
    const last = Math.min(this.count, first + count);
    if (first >= last) return { rows: [], offsets: [], lines: [] };
    const from = this.startOf(first);
    const to = this.startOf(last);
    const buf = await withBody(this.path, (reader) => reader.read(from, to - from));
    const rows: string[] = [];
    const offsets: number[] = [];
    const lines: number[] = [];
    for (let r = first; r < last; r++) {
      lines.push(this.lines[r] as number);
      const start = this.startOf(r) - from;
      let end = this.startOf(r + 1) - from;
      if (end > start && buf[end - 1] === LF) end -= 1;
      if (end > start && buf[end - 1] === CR) end -= 1;
      rows.push(buf.toString('utf8', start, end));
      offsets.push(start + from);
    }
    return { rows, offsets, lines };
  }

  private push(offset: number, line: number): void {
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
      const grownLines = new Float64Array(this.lines.length * 2);
      grownLines.set(this.lines);
      this.lines = grownLines;
    }
    this.starts[this.count] = offset;
    this.lines[this.count] = line;
    this.count += 1;
  }
}
