/**
 * Streaming pretty-printers for the response viewer. Each takes the body a chunk at a time and
 * writes indented lines into a `LineWriter`, which records where every line starts and which
 * lines open a foldable block (and where it closes). Nothing holds the whole body: a 50 MB
 * minified JSON costs one pass and the output file.
 */

/** Indentation stops growing past this depth, so a deeply nested body cannot blow up quadratically. */
export const MAX_INDENT_DEPTH = 64;
const INDENT = Buffer.alloc(MAX_INDENT_DEPTH * 2, 0x20);
const LF = 0x0a;

/** Lines of formatted output, in memory until `take()` hands the bytes to the file. */
export class LineWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private len = 0;
  /** Bytes handed out by `take()` so far. */
  private taken = 0;
  private starts = new Float64Array(1024);
  private foldEnds = new Int32Array(1024).fill(-1);
  private lineCount = 1;
  private readonly openFolds: number[] = [];
  /** Bytes on the current line (0: the line is still empty). */
  lineBytes = 0;

  get lines(): number {
    return this.lineCount;
  }
  /** Total bytes written (taken or not). */
  get bytes(): number {
    return this.taken + this.len;
  }
  startOf(line: number): number {
    return this.starts[line] as number;
  }
  /** The last line of the block that `line` opens, or -1. */
  foldEnd(line: number): number {
    return line < this.lineCount ? (this.foldEnds[line] as number) : -1;
  }

  byte(c: number): void {
    if (this.len === this.buf.length) this.grow(1);
    this.buf[this.len++] = c;
    this.lineBytes += 1;
  }

  bytes_(src: Buffer, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.len + n > this.buf.length) this.grow(n);
    src.copy(this.buf, this.len, from, to);
    this.len += n;
    this.lineBytes += n;
  }

  text(s: string): void {
    const n = Buffer.byteLength(s);
    if (this.len + n > this.buf.length) this.grow(n);
    this.buf.write(s, this.len);
    this.len += n;
    this.lineBytes += n;
  }

  /** End the current line and indent the next one to `depth`. */
  newline(depth: number): void {
    if (this.len === this.buf.length) this.grow(1);
    this.buf[this.len++] = LF;
    if (this.lineCount === this.starts.length) {
      const starts = new Float64Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
      const folds = new Int32Array(this.foldEnds.length * 2).fill(-1);
      folds.set(this.foldEnds);
      this.foldEnds = folds;
    }
    this.starts[this.lineCount++] = this.taken + this.len;
    this.lineBytes = 0;
    this.indent(depth);
  }

  indent(depth: number): void {
    const n = Math.min(depth, MAX_INDENT_DEPTH) * 2;
    if (n <= 0) return;
    this.bytes_(INDENT, 0, n);
    this.lineBytes -= n;
  }

  /** The current line opens a block. */
  openFold(): void {
    this.openFolds.push(this.lineCount - 1);
  }

  /** The block opened last closes on the current line. */
  closeFold(): void {
    const open = this.openFolds.pop();
    if (open !== undefined && open < this.lineCount - 1) this.foldEnds[open] = this.lineCount - 1;
  }

  /** The bytes written since the last call (the caller appends them to the file). */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.len));
    this.taken += this.len;
    this.len = 0;
    return out;
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + need));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

/** A streaming formatter: chunks in, lines out. */
export interface Formatter {
  write(chunk: Buffer): void;
  end(): void;
}

const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * JSON: one member or element a line, two spaces a level, `{}` and `[]` kept on one line, and
 * string bytes copied as they are (escapes included). Malformed input is still laid out, never
 * refused: the raw view is there to read it exactly.
 */
export class JsonFormatter implements Formatter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** `{` or `[` just written, waiting to see whether it closes at once. */
  private pendingOpen = 0;
  /** Whitespace came since the last byte (it separates top-level scalars). */
  private gap = false;

  constructor(private readonly w: LineWriter) {}

  write(buf: Buffer): void {
    const w = this.w;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        let j = i;
        while (j < n) {
          const c = buf[j] as number;
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) break;
          else if (c === LF || c === 0x0d) break;
          j++;
        }
        w.bytes_(buf, i, j);
        if (j < n) {
          const c = buf[j] as number;
          // A raw line break inside a string is invalid JSON; show it without breaking the line.
          if (c === 0x22) this.inString = false;
          w.byte(c === 0x22 ? c : 0x20);
        }
        i = j + 1;
        continue;
      }
      const c = buf[i++] as number;
      if (isJsonSpace(c)) {
        this.gap = true;
        continue;
      }
      if (this.pendingOpen !== 0) {
        const open = this.pendingOpen;
        this.pendingOpen = 0;
        if ((open === 0x7b && c === 0x7d) || (open === 0x5b && c === 0x5d)) {
          w.byte(c);
          continue;
        }
        w.openFold();
        this.depth += 1;
        w.newline(this.depth);
      }
      const gap = this.gap;
      this.gap = false;
      switch (c) {
        case 0x7b: // {
        case 0x5b: // [
          this.startValue();
          w.byte(c);
          this.pendingOpen = c;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          this.depth = Math.max(0, this.depth - 1);
          w.newline(this.depth);
          w.closeFold();
          w.byte(c);
          break;
        case 0x2c: // ,
          w.byte(c);
          w.newline(this.depth);
          break;
        case 0x3a: // :
          w.byte(c);
          w.byte(0x20);
          break;
        case 0x22:
          this.startValue();
          w.byte(c);
          this.inString = true;
          break;
        default:
          if (gap) this.startValue();
          w.byte(c);
      }
    }
  }

  end(): void {
    if (this.pendingOpen !== 0) this.pendingOpen = 0;
  }

  /** A second top-level value (NDJSON, or JSON sequences) starts on a line of its own. */
  private startValue(): void {
    if (this.depth === 0 && this.w.lineBytes > 0) this.w.newline(0);
  }
}

/** HTML elements that never have a closing tag. */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** HTML elements whose content is text up to their closing tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'pre']);
/** Text kept on the line of its element when shorter than this. */
const INLINE_TEXT_CHARS = 120;

type Markup = 'text' | 'tag' | 'comment' | 'cdata' | 'raw';

/**
 * XML and HTML: one tag a line, indented by nesting, text trimmed onto lines of its own (or kept
 * between its tags when short: `<id>42</id>`), comments, CDATA and the bodies of HTML `script`,
 * `style`, `pre` and `textarea` kept as they are. Unbalanced HTML never makes the depth negative.
 */
export class MarkupFormatter implements Formatter {
  private readonly decoder = new TextDecoder('utf-8');
  private mode: Markup = 'text';
  private token = '';
  private quote = '';
  private afterEquals = false;
  private depth = 0;
  private rawUntil = '';
  /** An opening tag (and maybe short text) not yet written: it may close on the same line. */
  private pending: { tag: string; text: string | null } | null = null;
  private first = true;

  constructor(
    private readonly w: LineWriter,
    private readonly html: boolean,
  ) {}

  write(chunk: Buffer): void {
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    this.feed(this.decoder.decode());
    if (this.mode === 'text') this.text(this.token);
    else if (this.mode === 'raw') this.rawText(this.token);
    else this.other(this.token);
    this.token = '';
    this.flushPending();
  }

  private feed(input: string): void {
    let s = input;
    let i = 0;
    while (i < s.length) {
      switch (this.mode) {
        case 'text': {
          const lt = s.indexOf('<', i);
          const end = lt < 0 ? s.length : lt;
          this.token += s.slice(i, end);
          i = end;
          if (lt >= 0) {
            this.text(this.token);
            this.token = '<';
            this.mode = 'tag';
            i += 1;
          }
          break;
        }
        case 'tag': {
          const c = s[i++] as string;
          this.token += c;
          const wasEquals = this.afterEquals;
          if (c === '=') this.afterEquals = true;
          else if (!/\s/.test(c)) this.afterEquals = false;
          if (this.token === '<!--') this.mode = 'comment';
          else if (this.token === '<![CDATA[') this.mode = 'cdata';
          else if (this.quote !== '') {
            if (c === this.quote) this.quote = '';
          } else if ((c === '"' || c === "'") && wasEquals) {
            this.quote = c;
          } else if (c === '>') {
            const tag = this.token;
            this.token = '';
            this.mode = 'text';
            this.tag(tag);
          }
          break;
        }
        case 'comment':
        case 'cdata': {
          const close = this.mode === 'comment' ? '-->' : ']]>';
          const opened = this.mode === 'comment' ? 4 : 9;
          const from = Math.max(opened, this.token.length - 2);
          this.token += s.slice(i);
          i = s.length;
          const found = this.token.indexOf(close, from);
          if (found >= 0) {
            const end = found + close.length;
            s = this.token.slice(end);
            i = 0;
            this.other(this.token.slice(0, end));
            this.token = '';
            this.mode = 'text';
          }
          break;
        }
        case 'raw': {
          this.token += s.slice(i);
          i = s.length;
          const found = this.token.toLowerCase().indexOf(this.rawUntil);
          if (found >= 0) {
            const rest = this.token.slice(found);
            this.rawText(this.token.slice(0, found));
            this.token = '';
            this.mode = 'text';
            s = rest;
            i = 0;
          }
          break;
        }
      }
    }
  }

  private line(text: string): void {
    if (!this.first) this.w.newline(this.depth);
    else this.w.indent(this.depth);
    this.first = false;
    this.w.text(text);
  }

  private text(raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    if (this.pending !== null && this.pending.text === null && !text.includes('\n')) {
      if (text.length <= INLINE_TEXT_CHARS) {
        this.pending.text = text;
        return;
      }
    }
    this.flushPending();
    for (const part of text.split(/\r?\n/)) {
      const t = part.trim();
      if (t !== '') this.line(t);
    }
  }

  private rawText(raw: string): void {
    this.flushPending();
    for (const part of raw
      .replace(/^\r?\n/, '')
      .replace(/\s+$/, '')
      .split(/\r?\n/)) {
      this.line(part.replace(/\s+$/, ''));
    }
  }

  private other(token: string): void {
    if (token === '') return;
    this.flushPending();
    for (const part of token.split(/\r?\n/)) this.line(part.replace(/\s+$/, ''));
  }

  private tag(tag: string): void {
    const closing = tag.startsWith('</');
    const special = tag.startsWith('<!') || tag.startsWith('<?');
    const name = /^<\/?\s*([^\s/>]+)/.exec(tag)?.[1]?.toLowerCase() ?? '';
    if (special || tag.endsWith('/>') || (this.html && VOID_ELEMENTS.has(name))) {
      this.other(tag);
      return;
    }
    if (closing) {
      if (this.pending !== null) {
        const { tag: open, text } = this.pending;
        this.pending = null;
        this.line(`${open}${text ?? ''}${tag}`);
        return;
      }
      this.depth = Math.max(0, this.depth - 1);
      this.line(tag);
      this.w.closeFold();
      return;
    }
    this.flushPending();
    if (this.html && RAW_TEXT_ELEMENTS.has(name)) {
      this.line(tag);
      this.w.openFold();
      this.depth += 1;
      this.mode = 'raw';
      this.rawUntil = `</${name}`;
      return;
    }
    this.pending = { tag, text: null };
  }

  private flushPending(): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    this.line(pending.tag);
    this.w.openFold();
    this.depth += 1;
    if (pending.text !== null) this.line(pending.text);
  }
}
