import { open, rm } from 'node:fs/promises';
import { prettyLanguage, type PrettyLanguage } from '#shared/requests/pretty-language.js';
import { withBody } from './body-file.js';
import { JsonFormatter, LineWriter, MarkupFormatter, type Formatter } from './pretty-format.js';
import type { StoredBody } from './response-store.js';

/**
 * The pretty form of a body, formatting started on first use (into `<body>.pretty`); null when
 * the body is not JSON, XML or HTML.
 */
export function prettyOf(body: StoredBody): PrettyIndex | null {
  if (body.pretty !== undefined) return body.pretty;
  const language = prettyLanguage(body.kind, body.contentType);
  if (language === null) return null;
  body.pretty = new PrettyIndex(body, `${body.path}.pretty`, language);
  return body.pretty;
}

/** A pretty line longer than this reaches the page cut, with `cut` set (the raw view has it all). */
export const MAX_LINE_BYTES = 16 * 1024;

/** A page spanning more bytes than this is read a line at a time, each cut. */
const MAX_PAGE_READ = 4 * 1024 * 1024;
/** Bytes formatted before the first lines are published. */
const FIRST_STEP_BYTES = 32 * 1024;
/** Bytes formatted per step after that: each step holds main for a few milliseconds only. */
const STEP_BYTES = 256 * 1024;

/** One page of pretty lines. */
interface PrettyRows {
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
  /** Pages being read right now. */
  private reading = 0;
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
      const from = this.writer.startOf(first);
      const to = this.lineEnd(last - 1);
      this.reading += 1;
      await withBody(this.path, async (reader) => {
        // One read for the page, unless it holds very long lines: then each is read cut.
        const whole = to - from <= MAX_PAGE_READ ? await reader.read(from, to - from) : null;
        for (let r = first; r < last; r++) {
          const start = this.writer.startOf(r);
          const end = this.lineEnd(r);
          const long = end - start > MAX_LINE_BYTES;
          const stop = long ? start + MAX_LINE_BYTES : end;
          const buf =
            whole === null
              ? await reader.read(start, stop - start)
              : whole.subarray(start - from, stop - from);
          let text = buf.toString('utf8');
          if (long) text = text.replace(/\uFFFD+$/, '');
          rows.push(text);
          const fold = this.writer.foldEnd(r);
          folds.push(fold < 0 ? null : fold);
          cut.push(long);
        }
      }).finally(() => {
        this.reading -= 1;
      });
    }
    return { totalRows: this.published, complete: this.done, fromRow: first, rows, folds, cut };
  }

  /** Where a line's text ends (before its line break). */
  private lineEnd(line: number): number {
    return line + 1 < this.writer.lines ? this.writer.startOf(line + 1) - 1 : this.writer.bytes;
  }

  private async run(): Promise<void> {
    const out = await open(this.path, 'w', 0o600);
    try {
      const formatter: Formatter =
        this.language === 'json'
          ? new JsonFormatter(this.writer)
          : new MarkupFormatter(this.writer, this.language === 'html');
      await withBody(this.source.path, async (reader) => {
        // A small first step puts the first screenful on the page at once; then 1 MB steps.
        const first = Math.min(FIRST_STEP_BYTES, this.source.size);
        const steps = [reader.chunks(0, first), reader.chunks(first, this.source.size, STEP_BYTES)];
        for (const step of steps) {
          for await (const { buf } of step) {
            // A page being read goes first: the formatter waits for it between steps.
            while (this.reading > 0) await new Promise((resolve) => setImmediate(resolve));
            if (this.stopped) return;
            formatter.write(buf);
            await out.write(this.writer.take());
            // The last line may still grow; every line before it is final.
            this.publish(this.writer.lines - 1);
          }
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
