import { AppError } from '#shared/errors.js';
import type { JsonChild, JsonType } from '#shared/requests/schemas.js';
import { withBody, type BodyReader } from './body-file.js';
import {
  isSpace,
  malformed,
  scalarEnd,
  scanContainer,
  typeOfByte,
  type JsonNode,
} from './json-scan.js';

export { scanContainer, typeOfByte, type JsonNode };

/** Longest scalar text a tree row shows before cutting it. */
const PREVIEW_BYTES = 400;
/** Containers smaller than this get their child count with the page (a cheap scan). */
const COUNT_BELOW_BYTES = 256 * 1024;
/** "Copy value" refuses nodes larger than this: saving the body is the way for those. */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;
/** Child offsets kept in memory across all cached nodes. */
const MAX_CACHED_ENTRIES = 4_000_000;

/**
 * A lazily built index over a JSON body on disk: the tree asks for the children of one node at a
 * time, and only that node's bytes are scanned (once; the result is cached). A 50 MB array costs
 * one pass when it is first opened, and the renderer never holds more than a page of it.
 */
export class JsonIndex {
  private readonly nodes = new Map<number, JsonNode>();
  private readonly scanning = new Map<number, Promise<JsonNode>>();
  private cachedEntries = 0;
  private rootAt: number | undefined;

  constructor(
    private readonly path: string,
    private readonly size: number,
  ) {}

  /** Offset of the top-level value. */
  async root(): Promise<number> {
    if (this.rootAt !== undefined) return this.rootAt;
    const at = await withBody(this.path, async (reader) => {
      for await (const { buf, pos } of reader.chunks(0, this.size)) {
        for (let i = 0; i < buf.length; i++) {
          if (!isSpace(buf[i] as number)) return pos + i;
        }
      }
      return -1;
    });
    if (at < 0) throw malformed('it is empty');
    this.rootAt = at;
    return at;
  }

  /** The children of the node at `at`, a page at a time, with previews of scalar values. */
  async children(
    atOrRoot: number | undefined,
    from: number,
    limit: number,
  ): Promise<{ node: JsonNode; children: JsonChild[] }> {
    const at = atOrRoot ?? (await this.root());
    return withBody(this.path, async (reader) => {
      const node = await this.nodeWith(reader, at);
      const last = Math.min(node.starts.length, from + limit);
      const children: JsonChild[] = [];
      for (let i = from; i < last; i++) {
        children.push(await this.describe(reader, node, i));
      }
      return { node, children };
    });
  }

  /** The JSON text of the value at `at` (any type). */
  async valueText(at: number): Promise<string> {
    return withBody(this.path, async (reader) => {
      const first = (await reader.read(at, 1))[0];
      const type = typeOfByte(first);
      if (type === undefined) throw malformed(`no value starts at byte ${at}`);
      const end =
        type === 'object' || type === 'array'
          ? (await this.nodeWith(reader, at)).end
          : await scalarEnd(reader, at, this.size);
      if (end - at > MAX_VALUE_BYTES) {
        throw new AppError('validation', 'This value is too large to copy.', {
          hint: 'Save the body to a file instead.',
        });
      }
      return (await reader.read(at, end - at)).toString('utf8');
    });
  }

  /**
   * Index the top level and, if one child holds most of the body (`{"items": [ …50 MB… ]}`), that
   * child too, so the tree's first two clicks find their work done.
   */
  async warm(): Promise<void> {
    const root = await this.node(await this.root());
    let biggest = -1;
    for (let i = 0; i < root.starts.length; i++) {
      const size = (root.ends[i] as number) - (root.starts[i] as number);
      if (biggest < 0 || size > (root.ends[biggest] as number) - (root.starts[biggest] as number)) {
        biggest = i;
      }
    }
    if (biggest < 0) return;
    const at = root.starts[biggest] as number;
    const share = ((root.ends[biggest] as number) - at) / Math.max(1, this.size);
    const type = await this.typeAt(at);
    if (share > 0.5 && (type === 'object' || type === 'array')) await this.node(at);
  }

  /** The type of the value starting at `at` (reads one byte). */
  async typeAt(at: number): Promise<JsonType | undefined> {
    if (this.nodes.has(at)) return this.nodes.get(at)?.type;
    return withBody(this.path, async (reader) => typeOfByte((await reader.read(at, 1))[0]));
  }

  /** The node at `at` (scanned now unless cached). */
  async node(at: number): Promise<JsonNode> {
    return withBody(this.path, (reader) => this.nodeWith(reader, at));
  }

  private async nodeWith(reader: BodyReader, at: number): Promise<JsonNode> {
    const cached = this.nodes.get(at);
    if (cached !== undefined) {
      this.nodes.delete(at);
      this.nodes.set(at, cached);
      return cached;
    }
    // Two callers asking for the same big node (the tree and a search) share one scan.
    let pending = this.scanning.get(at);
    if (pending === undefined) {
      pending = scanContainer(reader, at, this.size).finally(() => this.scanning.delete(at));
      this.scanning.set(at, pending);
    }
    const node = await pending;
    if (this.nodes.has(at)) return node;
    this.nodes.set(at, node);
    this.cachedEntries += node.starts.length;
    for (const [key, old] of this.nodes) {
      if (this.cachedEntries <= MAX_CACHED_ENTRIES || this.nodes.size <= 1) break;
      if (key === at || key === this.rootAt) continue;
      this.nodes.delete(key);
      this.cachedEntries -= old.starts.length;
    }
    return node;
  }

  private async describe(reader: BodyReader, node: JsonNode, i: number): Promise<JsonChild> {
    const at = node.starts[i] as number;
    const end = node.ends[i] as number;
    const key = node.keys === null ? null : (node.keys[i] as string);
    const head = await reader.read(at, Math.min(end - at, PREVIEW_BYTES));
    const type = typeOfByte(head[0]);
    if (type === undefined) throw malformed(`unexpected text at byte ${at}`);
    if (type === 'object' || type === 'array') {
      const count =
        end - at <= COUNT_BELOW_BYTES ? (await this.nodeWith(reader, at)).starts.length : null;
      return { key, index: i, at, end, type, preview: '', truncated: false, count };
    }
    const truncated = end - at > PREVIEW_BYTES;
    let preview = head.toString('utf8');
    if (truncated) preview = preview.replace(/\uFFFD+$/, '');
    return { key, index: i, at, end, type, preview, truncated, count: null };
  }
}
