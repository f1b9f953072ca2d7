import type { IpcError, IpcResult } from '#shared/errors.js';
import type { ChannelArgs, ChannelResult } from '#shared/ipc/contract.js';
import type { JsonStep } from '#shared/requests/schemas.js';
import { flattenTree, isContainer, PAGE, type NodeData, type TreeRow } from './tree-model.js';

/** Reads one page of a node's children from main (the root's when `at` is undefined). */
export type ReadJsonChildren = (
  args: ChannelArgs<'requests:json-children'>,
) => Promise<IpcResult<ChannelResult<'requests:json-children'>>>;

/** How many of the root's children the tree opens when it is first shown. */
const OPEN_FIRST_LEVEL = 20;

/** Where a revealed search hit sits: the node that holds it and its index there. */
export interface RevealTarget {
  parentAt: number;
  index: number;
}

/**
 * The JSON tree of one response: the pages of children fetched so far (each page once), which
 * nodes are open, and the first error. A model belongs to one `responseId` for its whole life,
 * so an answer can never land in the tree of another response; the view makes a new model when
 * the response changes. Listeners hear every change (for `useSyncExternalStore`).
 */
export class JsonTreeModel {
  readonly responseId: string;
  private readonly read: ReadJsonChildren;
  private readonly nodes = new Map<number, NodeData>();
  private readonly inFlight = new Map<string, Promise<NodeData | null>>();
  private readonly listeners = new Set<() => void>();
  private rootAtValue: number | null = null;
  private expandedValue: ReadonlySet<number> = new Set();
  private errorValue: IpcError | null = null;
  private rowsCache: TreeRow[] | null = null;
  private versionValue = 0;

  constructor(responseId: string, read: ReadJsonChildren) {
    this.responseId = responseId;
    this.read = read;
  }

  /** Bumped on every change; the snapshot `useSyncExternalStore` compares. */
  get version(): number {
    return this.versionValue;
  }
  get rootAt(): number | null {
    return this.rootAtValue;
  }
  get root(): NodeData | undefined {
    return this.rootAtValue === null ? undefined : this.nodes.get(this.rootAtValue);
  }
  get expanded(): ReadonlySet<number> {
    return this.expandedValue;
  }
  get error(): IpcError | null {
    return this.errorValue;
  }
  node(at: number): NodeData | undefined {
    return this.nodes.get(at);
  }

  /** The visible rows, rebuilt only after a change. */
  get rows(): TreeRow[] {
    this.rowsCache ??= flattenTree(this.nodes, this.rootAtValue, this.expandedValue);
    return this.rowsCache;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.versionValue;

  /**
   * Ask for the root's first page, unless it is loaded or on its way, and open the first level:
   * the containers among the root's first OPEN_FIRST_LEVEL children show their first page too.
   */
  async loadRoot(): Promise<void> {
    const node = await this.loadPage(undefined, 0);
    if (node === null || this.rootAtValue !== null) return;
    const containers = (node.pages.get(0) ?? [])
      .slice(0, OPEN_FIRST_LEVEL)
      .filter((c) => isContainer(c.type) && c.count !== 0);
    const opened = await Promise.all(containers.map((c) => this.loadPage(c.at, 0)));
    if (this.rootAtValue !== null) return;
    this.rootAtValue = node.at;
    const next = new Set(this.expandedValue);
    containers.forEach((c, i) => {
      if (opened[i] !== null) next.add(c.at);
    });
    this.expandedValue = next;
    this.changed();
  }

  /**
   * One page of a node's children. Concurrent calls for the same page share one request, and a
   * page already here is not asked for again. Null when main refused (see `error`).
   */
  loadPage(at: number | undefined, page: number): Promise<NodeData | null> {
    const known = at === undefined ? this.root : this.nodes.get(at);
    if (known?.pages.has(page) === true) return Promise.resolve(known);
    const key = `${at ?? 'root'}:${page}`;
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const request = this.fetchPage(at, page).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private async fetchPage(at: number | undefined, page: number): Promise<NodeData | null> {
    const from = page * PAGE;
    const result = await this.read(
      at === undefined
        ? { responseId: this.responseId, from, limit: PAGE }
        : { responseId: this.responseId, at, from, limit: PAGE },
    );
    if (!result.ok) {
      this.errorValue ??= result.error;
      this.changed();
      return null;
    }
    const v = result.value;
    const node = this.nodes.get(v.at) ?? {
      at: v.at,
      type: v.type,
      count: v.count,
      pages: new Map(),
    };
    node.pages.set(page, v.children);
    this.nodes.set(v.at, node);
    this.changed();
    return node;
  }

  /** Load the pages of the rows in `indexes` that are still placeholders. */
  fillRows(indexes: Iterable<number>): void {
    const rows = this.rows;
    for (const i of indexes) {
      const row = rows[i];
      if (row === undefined || row.child !== undefined) continue;
      void this.loadPage(row.parentAt, Math.floor(row.index / PAGE));
    }
  }

  /** Open (or close) the container of a row; `open` undefined toggles it. */
  async toggle(row: TreeRow, open?: boolean): Promise<void> {
    const child = row.child;
    if (child === undefined || !isContainer(child.type)) return;
    const isOpen = this.expandedValue.has(child.at);
    const want = open ?? !isOpen;
    if (want === isOpen) return;
    if (want && (await this.loadPage(child.at, 0)) === null) return;
    const next = new Set(this.expandedValue);
    if (want) next.add(child.at);
    else next.delete(child.at);
    this.expandedValue = next;
    this.changed();
  }

  /**
   * Open every container on the path of a search hit, loading the pages it passes through.
   * Answers where the hit is, or null when the tree has no root yet or a page did not load.
   */
  async reveal(path: readonly JsonStep[]): Promise<RevealTarget | null> {
    const rootAt = this.rootAtValue;
    const last = path.at(-1);
    if (rootAt === null || last === undefined) return null;
    const open = new Set(this.expandedValue);
    let parentAt = rootAt;
    for (const [i, step] of path.entries()) {
      if ((await this.loadPage(parentAt, Math.floor(step.index / PAGE))) === null) return null;
      if (i === path.length - 1) break;
      if ((await this.loadPage(step.at, 0)) === null) return null;
      open.add(step.at);
      parentAt = step.at;
    }
    this.expandedValue = open;
    this.changed();
    return { parentAt, index: last.index };
  }

  private changed(): void {
    this.rowsCache = null;
    this.versionValue++;
    for (const listener of this.listeners) listener();
  }
}
