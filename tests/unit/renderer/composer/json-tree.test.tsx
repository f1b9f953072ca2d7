import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcResult } from '#shared/errors.js';
import type { ChannelResult } from '#shared/ipc/contract.js';
import { JsonTree } from '../../../../renderer/src/views/composer/json-tree.js';
import { installTypedApi } from '../typed-api.js';

type Page = ChannelResult<'requests:json-children'>;

/** A root object with `count` keys (jsdom lays nothing out, so the summary tells trees apart). */
const rootOf = (count: number): Page => ({
  at: 0,
  end: 20,
  type: 'object',
  count,
  from: 0,
  children: Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    index: i,
    type: 'number' as const,
    at: 8 + i * 4,
    end: 9 + i * 4,
    preview: '1',
    truncated: false,
    count: null,
  })),
});

afterEach(cleanup);

describe('JsonTree', () => {
  it('asks for and shows the new root when the response changes while the old root loads', async () => {
    const held = new Map<string, (result: IpcResult<Page>) => void>();
    const fake = installTypedApi({
      'requests:json-children': (args) =>
        new Promise((resolve) => held.set(`${args.responseId}:${args.at ?? 'root'}`, resolve)),
    });
    const { rerender } = render(<JsonTree responseId="resp-000001" reveal={null} />);
    expect(held.has('resp-000001:root')).toBe(true);

    rerender(<JsonTree responseId="resp-000002" reveal={null} />);
    expect(fake.argsOf('requests:json-children').map((a) => a.responseId)).toEqual([
      'resp-000001',
      'resp-000002',
    ]);
    await act(async () => held.get('resp-000002:root')?.({ ok: true, value: rootOf(2) }));
    expect(await screen.findByText(/^Object with 2 keys/)).toBeTruthy();

    // The old response's answer arrives late: it must not replace the tree on screen.
    await act(async () => held.get('resp-000001:root')?.({ ok: true, value: rootOf(1) }));
    expect(screen.queryByText(/^Object with 1 key/)).toBeNull();
    expect(screen.getByText(/^Object with 2 keys/)).toBeTruthy();
  });

  it('shows what main says when the body cannot be read', async () => {
    installTypedApi({
      'requests:json-children': async () => ({
        ok: false,
        error: { category: 'not_found', message: 'That response is gone.', hint: 'Send again.' },
      }),
    });
    render(<JsonTree responseId="resp-000003" reveal={null} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That response is gone.');
  });
});
