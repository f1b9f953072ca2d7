import { diffLines } from 'diff';
import { AppError } from '#shared/errors.js';
import { withBody } from './body-file.js';
import type { ResponseStore, StoredBody } from './response-store.js';
import type { PrettyIndex } from './pretty-index.js';

/** Each side of a comparison may be at most this large (its pretty form). */
const MAX_COMPARE_BYTES = 8 * 1024 * 1024;
/** Past this many changed lines the two answers are called too different to compare line by line. */
const MAX_EDIT_LENGTH = 50_000;

type DiffKind = 'same' | 'added' | 'removed';

/** A line diff of two responses, kept in main and paged to the viewer. */
interface BodyDiff {
  previousId: string;
  kinds: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  texts: string[];
  added: number;
  removed: number;
}

const KINDS: readonly DiffKind[] = ['same', 'added', 'removed'];

/**
 * Compares a response with the one before it of the same request (same method and URL without
 * its query), line by line over their pretty forms (`diff`'s line diff), when both are kept.
 */
export class BodyCompare {
  private last: { id: string; diff: BodyDiff } | null = null;

  constructor(
    private readonly store: () => ResponseStore,
    private readonly pretty: (body: StoredBody) => PrettyIndex | null,
  ) {}

  /** The earlier kept response of the same request, or null. */
  previousOf(body: StoredBody): StoredBody | null {
    if (body.requestKey === undefined) return null;
    const kept = this.store().list();
    const at = kept.findIndex((b) => b.id === body.id);
    for (let i = (at < 0 ? kept.length : at) - 1; i >= 0; i--) {
      const other = kept[i] as StoredBody;
      if (other.requestKey === body.requestKey && other.kind !== 'binary') return other;
    }
    return null;
  }

  async diff(id: string): Promise<BodyDiff> {
    const body = this.store().get(id);
    const previous = this.previousOf(body);
    if (this.last?.id === id && this.last.diff.previousId === previous?.id) return this.last.diff;
    if (previous === null) {
      throw new AppError(
        'not_found',
        'No earlier response of this request is kept to compare with.',
        {
          hint: 'Send the same request again: the last few responses are kept, and compared with the one before.',
        },
      );
    }
    const [before, after] = await Promise.all([this.text(previous), this.text(body)]);
    const changes = diffLines(before, after, { maxEditLength: MAX_EDIT_LENGTH });
    if (changes === undefined) {
      throw new AppError(
        'validation',
        'The two responses differ too much to compare line by line.',
        {
          hint: 'Save both bodies and compare them with a diff tool.',
        },
      );
    }
    const texts: string[] = [];
    const kinds: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    let l = 0;
    let r = 0;
    let added = 0;
    let removed = 0;
    for (const change of changes) {
      const lines = change.value.replace(/\n$/, '').split('\n');
      for (const line of lines) {
        texts.push(line);
        if (change.added) {
          kinds.push(1);
          left.push(-1);
          right.push(r++);
          added++;
        } else if (change.removed) {
          kinds.push(2);
          left.push(l++);
          right.push(-1);
          removed++;
        } else {
          kinds.push(0);
          left.push(l++);
          right.push(r++);
        }
      }
    }
    const diff: BodyDiff = {
      previousId: previous.id,
      kinds: Uint8Array.from(kinds),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      texts,
      added,
      removed,
    };
    this.last = { id, diff };
    return diff;
  }

  /** A page of the diff's rows. */
  async rows(id: string, fromRow: number, count: number) {
    const diff = await this.diff(id);
    const last = Math.min(diff.texts.length, fromRow + count);
    const rows = [];
    for (let i = fromRow; i < last; i++) {
      const left = diff.left[i] as number;
      const right = diff.right[i] as number;
      rows.push({
        kind: KINDS[diff.kinds[i] as number] as DiffKind,
        left: left < 0 ? null : left,
        right: right < 0 ? null : right,
        text: diff.texts[i] as string,
      });
    }
    return {
      previousId: diff.previousId,
      totalRows: diff.texts.length,
      added: diff.added,
      removed: diff.removed,
      fromRow,
      rows,
    };
  }

  private async text(body: StoredBody): Promise<string> {
    const pretty = this.pretty(body);
    if (pretty !== null) await pretty.finished;
    const path = pretty?.path ?? body.path;
    const size = pretty?.size ?? body.size;
    if (size > MAX_COMPARE_BYTES) {
      throw new AppError('validation', 'These responses are too large to compare (over 8 MB).', {
        hint: 'Save both bodies and compare them with a diff tool.',
      });
    }
    return withBody(path, async (reader) => (await reader.read(0, size)).toString('utf8'));
  }
}
