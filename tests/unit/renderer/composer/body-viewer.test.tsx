import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseSummary } from '#shared/requests/schemas.js';
import BodyViewer, { bodyViews } from '../../../../renderer/src/views/composer/body-viewer.js';
import { installTypedApi, ok } from '../typed-api.js';

afterEach(cleanup);

const response = (over: Partial<ResponseSummary> = {}): ResponseSummary => ({
  responseId: 'resp-000001',
  status: 200,
  statusText: 'OK',
  headers: [],
  url: 'https://api.test/things',
  contentType: 'application/json',
  bodyKind: 'json',
  size: 100,
  wireSize: 100,
  decoded: null,
  insecureTls: false,
  ...over,
});

const prettyPage = (rows: string[]) =>
  ok({
    language: 'json' as const,
    totalRows: rows.length,
    complete: true,
    fromRow: 0,
    rows,
    folds: rows.map(() => null),
    cut: rows.map(() => false),
  });

describe('bodyViews', () => {
  it('opens JSON, XML and HTML pretty, text raw, images as a preview and other bytes as hex', () => {
    const ids = (over: Partial<ResponseSummary>) => bodyViews(response(over)).map((v) => v.id);
    expect(ids({})).toEqual(['pretty', 'tree', 'raw', 'hex', 'compare']);
    expect(ids({ bodyKind: 'text', contentType: 'application/atom+xml' })[0]).toBe('pretty');
    expect(ids({ bodyKind: 'text', contentType: 'text/html; charset=utf-8' })[0]).toBe('pretty');
    expect(ids({ bodyKind: 'text', contentType: 'text/plain' })).toEqual(['raw', 'hex', 'compare']);
    expect(ids({ bodyKind: 'binary', contentType: 'image/png' })).toEqual([
      'image',
      'hex',
      'compare',
    ]);
    expect(ids({ bodyKind: 'binary', contentType: 'application/octet-stream' })).toEqual([
      'hex',
      'compare',
    ]);
  });
});

describe('BodyViewer', () => {
  it('searches the pretty lines as you type, counts the hits and steps through them', async () => {
    const fake = installTypedApi({
      'requests:pretty-rows': () => prettyPage(['{', '  "a": "x"', '}']),
      'requests:search-body': (args) =>
        ok({
          matches: [0, 1, 2].map((i) => ({
            offset: i * 10,
            row: i,
            preview: args.query,
            path: null,
            in: 'text' as const,
          })),
          truncated: args.query === 'many',
        }),
    });
    render(<BodyViewer response={response()} />);
    expect((screen.getByRole('radio', { name: 'Pretty' }) as HTMLInputElement).checked).toBe(true);
    const box = screen.getByRole('searchbox', { name: 'Search the body' });
    fireEvent.change(box, { target: { value: 'x' } });
    const count = await screen.findByText('1 of 3');
    expect(fake.argsOf('requests:search-body')).toEqual([
      { responseId: 'resp-000001', query: 'x', limit: 1000, target: 'pretty' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(count.textContent).toBe('2 of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('3 of 3');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(count.textContent).toBe('1 of 3');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(count.textContent).toBe('3 of 3');
    fireEvent.change(box, { target: { value: 'many' } });
    expect(await screen.findByText('1 of 3+')).toBeTruthy();

    // In the raw view the search runs over the body as received.
    fireEvent.click(screen.getByRole('radio', { name: 'Raw' }));
    await waitFor(() => expect(fake.argsOf('requests:search-body').at(-1)?.target).toBe('body'));
  });

  it('shows a bad filter expression as an error and a good one as its result', async () => {
    const fake = installTypedApi({
      'requests:pretty-rows': (args) =>
        prettyPage(args.responseId === 'filtered-0001' ? ['[', '  1', ']'] : ['{}']),
      'requests:filter-body': (args) =>
        args.expression === '$.a'
          ? ok({ responseId: 'filtered-0001', count: 1 })
          : {
              ok: false,
              error: {
                category: 'validation',
                message: 'The filter is not a valid JSONPath expression: "[" is not closed.',
              },
            },
    });
    render(<BodyViewer response={response()} />);
    const filter = screen.getByRole('searchbox', { name: 'Filter with JSONPath' });
    fireEvent.change(filter, { target: { value: '$.a[' } });
    expect((await screen.findByRole('alert')).textContent).toContain('"[" is not closed');
    expect(filter.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(filter, { target: { value: '$.a' } });
    expect(await screen.findByText('1 match of $.a')).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Filtered body' })).toBeTruthy();
    expect(filter.getAttribute('aria-invalid')).toBe('false');
    await waitFor(() =>
      expect(
        fake.argsOf('requests:pretty-rows').some((a) => a.responseId === 'filtered-0001'),
      ).toBe(true),
    );
  });

  it('explains when there is no earlier response to compare with', async () => {
    installTypedApi({
      'requests:pretty-rows': () => prettyPage(['{}']),
      'requests:compare-rows': () => ({
        ok: false,
        error: { category: 'not_found', message: 'No earlier response of this request is kept.' },
      }),
    });
    render(<BodyViewer response={response()} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: 'Compare' }));
    });
    expect((await screen.findByRole('alert')).textContent).toContain('No earlier response');
  });

  it('previews an image from the data: URL main made', async () => {
    installTypedApi({
      'requests:body-image': () => ok({ mime: 'image/png', dataUrl: 'data:image/png;base64,AAAA' }),
    });
    render(<BodyViewer response={response({ bodyKind: 'binary', contentType: 'image/png' })} />);
    const img = await screen.findByRole('img', { name: 'The response body as an image' });
    expect(img.getAttribute('src')).toBe('data:image/png;base64,AAAA');
  });
});
