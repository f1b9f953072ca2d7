import { describe, expect, it } from 'vitest';
import type { IpcResult } from '#shared/errors.js';
import { contract, type ChannelArgs, type ChannelResult } from '#shared/ipc/contract.js';
import type { JsonChild } from '#shared/requests/schemas.js';
import { JsonTreeModel } from '../../../../renderer/src/views/composer/json-tree-model.js';
import { PAGE } from '../../../../renderer/src/views/composer/tree-model.js';

type Page = ChannelResult<'requests:json-children'>;
type Args = ChannelArgs<'requests:json-children'>;

/** A reader whose answers the test releases one by one, checked against the result schema. */
function heldReader(): {
  read: (args: Args) => Promise<IpcResult<Page>>;
  asked: Args[];
  answer: (i: number, page: Page) => void;
} {
  const asked: Args[] = [];
  const waiting: ((result: IpcResult<Page>) => void)[] = [];
  return {
    asked,
    read: (args) =>
      new Promise((resolve) => {
        asked.push(args);
        waiting.push(resolve);
      }),
    answer: (i, page) =>
      waiting[i]?.({ ok: true, value: contract['requests:json-children'].result.parse(page) }),
  };
}

const numbers = (from: number, count: number, base = 100): JsonChild[] =>
  Array.from({ length: count }, (_, i) => ({
    key: null,
    index: from + i,
    type: 'number',
    at: base + (from + i) * 4,
    end: base + (from + i) * 4 + 3,
    preview: String(from + i),
    truncated: false,
    count: null,
  }));

function arrayPage(count: number, page: number, at = 0): Page {
  const from = page * PAGE;
  const children = numbers(from, Math.min(PAGE, count - from));
  return { at, end: 10_000, type: 'array', count, from, children };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('JsonTreeModel', () => {
  it('asks once for a page that is already on its way, and never again once it is here', async () => {
    const reader = heldReader();
    const model = new JsonTreeModel('resp-000003', reader.read);
    void model.loadRoot();
    void model.loadRoot();
    expect(reader.asked).toEqual([{ responseId: 'resp-000003', from: 0, limit: PAGE }]);
    reader.answer(0, arrayPage(500, 0));
    await flush();
    expect(model.rootAt).toBe(0);
    expect(model.rows).toHaveLength(500);
    await model.loadPage(0, 0);
    expect(reader.asked).toHaveLength(1);
  });

  it('fetches only the pages of the placeholder rows it is asked to fill', async () => {
    const reader = heldReader();
    const model = new JsonTreeModel('resp-000003', reader.read);
    void model.loadRoot();
    reader.answer(0, arrayPage(500, 0));
    await flush();
    model.fillRows([0, 1, 450, 451]);
    expect(reader.asked.slice(1)).toEqual([
      { responseId: 'resp-000003', at: 0, from: 400, limit: PAGE },
    ]);
    reader.answer(1, arrayPage(500, 2));
    await flush();
    expect(model.rows[450]?.child?.preview).toBe('450');
    expect(model.rows[250]?.child).toBeUndefined();
  });

  it('keeps the first error and tells its listeners', async () => {
    const model = new JsonTreeModel('resp-000003', () =>
      Promise.resolve({ ok: false, error: { category: 'not_found', message: 'Gone.' } }),
    );
    let heard = 0;
    model.subscribe(() => heard++);
    await model.loadRoot();
    expect(model.error?.message).toBe('Gone.');
    expect(model.rootAt).toBeNull();
    expect(heard).toBeGreaterThan(0);
  });

  it('opens the containers on the path of a search hit and says where the hit is', async () => {
    const pages = new Map<string, Page>([
      [
        'root:0',
        {
          at: 0,
          end: 900,
          type: 'object',
          count: 1,
          from: 0,
          children: [
            {
              key: 'items',
              index: 0,
              type: 'array',
              at: 10,
              end: 900,
              preview: '',
              truncated: false,
              count: 300,
            },
          ],
        },
      ],
      ['10:0', arrayPage(300, 0, 10)],
      ['10:1', arrayPage(300, 1, 10)],
    ]);
    const asked: string[] = [];
    const model = new JsonTreeModel('resp-000003', (args) => {
      const key = `${args.at ?? 'root'}:${(args.from ?? 0) / PAGE}`;
      asked.push(key);
      return Promise.resolve({ ok: true, value: pages.get(key)! });
    });
    await model.loadRoot();
    const target = await model.reveal([
      { key: 'items', index: 0, at: 10 },
      { key: null, index: 250, at: 1100 },
    ]);
    expect(target).toEqual({ parentAt: 10, index: 250 });
    expect(model.expanded.has(10)).toBe(true);
    expect(asked).toEqual(['root:0', '10:0', '10:1']);
    const row = model.rows.find((r) => r.parentAt === 10 && r.index === 250);
    expect(row?.child?.preview).toBe('250');
  });
});
