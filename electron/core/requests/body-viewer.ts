import { AppError } from '#shared/errors.js';
import type { BodyMatch, JsonChild, JsonType } from '#shared/requests/schemas.js';
import { utf8Boundary, withBody } from './body-file.js';
import { BodyCompare } from './body-compare.js';
import { BodyFilter } from './body-filter.js';
import { bodyImage } from './body-image.js';
import { findInBody, jsonPathAt } from './body-search.js';
import { JsonIndex } from './json-index.js';
import { prettyOf, type PrettyIndex } from './pretty-index.js';
import type { ResponseStore, StoredBody } from './response-store.js';
import { RowIndex } from './row-index.js';

/** Bytes per row of the hex view. */
export const HEX_ROW_BYTES = 16;

/**
 * Reads kept response bodies for the viewer: byte or text slices, rows for the raw view, the JSON
 * tree a node at a time, and search. Indexes are built on first use and kept with the body.
 */
export class BodyViewer {
  private readonly building = new Map<string, Promise<RowIndex>>();
  private readonly filters: BodyFilter;
  private readonly compare: BodyCompare;

  constructor(private readonly store: () => ResponseStore) {
    this.filters = new BodyFilter(store);
    this.compare = new BodyCompare(store, prettyOf);
  }

  /** Run the live filter (JSONPath) over a JSON body; the matches become a derived body. */
  async filter(id: string, expression: string) {
    return this.filters.filter(id, expression);
  }

  /** An image body as a data: URL. */
  async image(id: string) {
    return bodyImage(this.bodies.get(id));
  }

  /** Rows of the diff against the previous response of the same request. */
  async compareRows(id: string, fromRow: number, count: number) {
    return this.compare.rows(id, fromRow, count);
  }

  private get bodies(): ResponseStore {
    return this.store();
  }

  /** A slice as base64 bytes, or as text cut back to a whole UTF-8 character. */
  async read(id: string, offset: number, length: number, encoding: 'text' | 'base64') {
    const body = this.bodies.get(id);
    const start = Math.min(offset, body.size);
    const buf = await withBody(body.path, (r) =>
      r.read(start, Math.min(length, body.size - start)),
    );
    const usable =
      encoding === 'text' && start + buf.length < body.size
        ? utf8Boundary(buf, buf.length)
        : buf.length;
    // A single character longer than the slice: hand it over whole rather than stall.
    const cut = usable === 0 && buf.length > 0 ? buf.length : usable;
    const data =
      encoding === 'text' ? buf.toString('utf8', 0, cut) : buf.subarray(0, cut).toString('base64');
    const nextOffset = start + cut;
    return { offset: start, nextOffset, totalBytes: body.size, data, eof: nextOffset >= body.size };
  }

  /** Rows of text for the raw view (the row index is built on the first call). */
  async rows(id: string, fromRow: number, count: number) {
    const index = await this.rowIndex(this.bodies.get(id));
    const { rows, offsets, lines } = await index.rows(fromRow, count);
    return { totalRows: index.totalRows, fromRow, rows, offsets, lines };
  }

  /** Lines of the pretty form (formatting starts on the first call and runs in the background). */
  async prettyRows(id: string, fromRow: number, count: number) {
    const index = this.prettyIndex(this.bodies.get(id));
    const page = await index.rows(fromRow, count);
    return { language: index.language, ...page };
  }

  /** A page of a JSON node's children; a scalar top-level value comes back as its only child. */
  async jsonChildren(id: string, at: number | undefined, from: number, limit: number) {
    const body = this.bodies.get(id);
    const index = this.jsonIndex(body);
    const rootAt = at ?? (await index.root());
    const type = await index.typeAt(rootAt);
    if (type === undefined) {
      throw new AppError('malformed_response', `The body is not valid JSON near byte ${rootAt}.`, {
        hint: 'Look at it in the Raw view.',
      });
    }
    if (type !== 'object' && type !== 'array') {
      const text = await index.valueText(rootAt);
      const child: JsonChild = {
        key: null,
        index: 0,
        at: rootAt,
        end: rootAt + Buffer.byteLength(text),
        type,
        preview: text.slice(0, 400),
        truncated: text.length > 400,
        count: null,
      };
      return { at: rootAt, end: child.end, type, count: 1, from: 0, children: [child] };
    }
    const { node, children } = await index.children(rootAt, from, limit);
    return {
      at: node.at,
      end: node.end,
      type: node.type as JsonType,
      count: node.starts.length,
      from,
      children,
    };
  }

  /** The JSON text of one value, for "copy value". */
  async jsonValue(id: string, at: number): Promise<string> {
    return this.jsonIndex(this.bodies.get(id)).valueText(at);
  }

  /** Case-insensitive search; each match placed as a row of the raw (or hex) view and, for JSON, a path. */
  async search(
    id: string,
    query: string,
    limit: number,
    target: 'body' | 'pretty' = 'body',
  ): Promise<{ matches: BodyMatch[]; truncated: boolean }> {
    const body = this.bodies.get(id);
    if (target === 'pretty') return this.searchPretty(body, query, limit);
    const found = await findInBody(body.path, body.size, query, limit);
    const rows = body.kind === 'binary' ? null : await this.rowIndex(body);
    const json = body.kind === 'json' ? this.jsonIndex(body) : null;
    let jsonUsable = json !== null;
    const matches: BodyMatch[] = [];
    for (const m of found.matches) {
      let path: BodyMatch['path'] = null;
      let where: BodyMatch['in'] = 'text';
      if (json !== null && jsonUsable) {
        try {
          const located = await jsonPathAt(json, m.offset);
          path = located.path;
          where = located.in;
        } catch {
          jsonUsable = false;
        }
      }
      matches.push({
        offset: m.offset,
        row: rows === null ? Math.floor(m.offset / HEX_ROW_BYTES) : rows.rowOf(m.offset),
        preview: m.preview,
        path,
        in: where,
      });
    }
    return { matches, truncated: found.truncated };
  }

  private async searchPretty(body: StoredBody, query: string, limit: number) {
    const pretty = this.prettyIndex(body);
    await pretty.finished;
    await pretty.waitFor(0);
    const found = await findInBody(pretty.path, pretty.size, query, limit);
    const matches: BodyMatch[] = found.matches.map((m) => ({
      offset: m.offset,
      row: pretty.rowOf(m.offset),
      preview: m.preview,
      path: null,
      in: 'text',
    }));
    return { matches, truncated: found.truncated };
  }

  private prettyIndex(body: StoredBody): PrettyIndex {
    const pretty = prettyOf(body);
    if (pretty === null) {
      throw new AppError('validation', 'This body has no pretty view.', {
        hint: 'Only JSON, XML and HTML are pretty-printed; use the Raw view.',
      });
    }
    return pretty;
  }

  private jsonIndex(body: StoredBody): JsonIndex {
    body.json ??= new JsonIndex(body.path, body.size);
    return body.json;
  }

  private async rowIndex(body: StoredBody): Promise<RowIndex> {
    if (body.rows !== undefined) return body.rows;
    let pending = this.building.get(body.id);
    if (pending === undefined) {
      pending = RowIndex.build(body.path, body.size, { json: body.kind === 'json' }).finally(() =>
        this.building.delete(body.id),
      );
      this.building.set(body.id, pending);
    }
    body.rows = await pending;
    return body.rows;
  }
}
