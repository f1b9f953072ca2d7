import { open, rm } from 'node:fs/promises';
import type { PrettyLanguage } from '#shared/requests/pretty-language.js';
import { withBody } from './body-file.js';
import { JsonFormatter, LineWriter, MarkupFormatter, type Formatter } from './pretty-format.js';

/** A pretty line longer than this reaches the page cut, with `cut` set (the raw view has it all). */
export const MAX_LINE_BYTES = 16 * 1024;

/** One page of pretty lines. */
export interface PrettyRows {
  /** Lines known so far (all of them once `complete`). */
  totalRows: number;
  complete: boolean;
  fromRow: number;
  rows: string[];
  /** For each row, the last line of the block it opens, or null. */
  folds: (number | null)[];
  /** For each row, whether its text was cut at MAX_LINE_BYTES. */
  cut: boolean[];
}

/**
 * The pretty-printed form of a body, written to a file beside it by a background pass. Lines are
 * published chunk by chunk, so the first screenful can be shown while a 50 MB body is still being
 * formatted; `rows` waits only for the lines it is asked for.
 */
export class PrettyIndex {
  private readonly writer = new LineWriter();
  /** Lines whose bytes are all in the file. */
  private published = 0;
  private done = false;
  private failure: unknown = null;
  private stopped = false;
  private waiters: (() => void)[] = [];
  readonly finished: Promise<void>;

  constructor(
    private readonly source: { path: string; size: number },
    readonly path: string,
    readonly language: PrettyLanguage,
  ) {
    this.finished = this.run();
    this.finished.catch(() => undefined);
  }

  get complete(): boolean {
    return this.done;
  }
  get totalRows(): number {
    return this.published;
  }
  /** Bytes of the formatted file (final once complete). */
  get size(): number {
    return this.writer.bytes;
  }

  /** Stop formatting (the body was released); waiters are let go. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** The line holding byte `offset` of the formatted file. */
  rowOf(offset: number): number {
    let lo = 0;
    let hi = this.published - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.writer.startOf(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Wait until the lines up to `row` exist (or formatting ended). */
  async waitFor(row: number): Promise<void> {
    while (!this.done && !this.stopped && this.published <= row) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== null) throw this.failure;
  }

  async rows(fromRow: number, count: number): Promise<PrettyRows> {
    await this.waitFor(fromRow + count - 1);
    const first = Math.min(fromRow, this.published);
    const last = Math.min(this.published, first + count);
    const rows: string[] = [];
    const folds: (number | null)[] = [];
    const cut: boolean[] = [];
    if (first < last) {
      await withBody(this.path, async (reader) => {
        for (let r = first; r < last; r++) {
          const start = this.writer.startOf(r);
          let end = r + 1 < this.writer.lines ? this.writer.startOf(r + 1) - 1 : this.writer.bytes;
          const long = end - start > MAX_LINE_BYTES;
          if (long) end = start + MAX_LINE_BYTES;
          const buf = await reader.read(start, end - start);
          let text = buf.toString('utf8');
          if (long) text = text.replace(/\uFFFD+$/, '');
          rows.push(text);
          const fold = this.writer.foldEnd(r);
          folds.push(fold < 0 ? null : fold);
          cut.push(long);
        }
      });
    }
    return { totalRows: this.published, complete: this.done, fromRow: first, rows, folds, cut };
  }

  private async run(): Promise<void> {
    const out = await open(this.path, 'w', 0o600);
    try {
      const formatter: Formatter =
        this.language === 'json'
          ? new JsonFormatter(this.writer)
          : new MarkupFormatter(this.writer, this.language === 'html');
      await withBody(this.source.path, async (reader) => {
        for await (const { buf } of reader.chunks(0, this.source.size)) {
          if (this.stopped) return;
          formatter.write(buf);
          await out.write(this.writer.take());
          // The last line may still grow; every line before it is final.
          this.publish(this.writer.lines - 1);
        }
        formatter.end();
        await out.write(this.writer.take());
      });
    } catch (error) {
      this.failure = error;
    } finally {
      await out.close();
      if (this.stopped) await rm(this.path, { force: true });
      this.done = true;
      this.publish(this.failure === null ? this.writer.lines : this.published);
    }
  }

  private publish(lines: number): void {
    if (lines > this.published) this.published = lines;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
