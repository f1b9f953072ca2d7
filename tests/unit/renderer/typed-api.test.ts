import { describe, expect, it } from 'vitest';
import { apiKeys, type ChannelResult } from '#shared/ipc/contract.js';
import { createFakeApi, ok } from './typed-api.js';

describe('the typed fake window.api', () => {
  it('has exactly the keys of the real one', () => {
    expect(Object.keys(createFakeApi().api).sort()).toEqual([...apiKeys].sort());
  });

  it('fails the call when a handler answers a shape main never could', async () => {
    const fake = createFakeApi({
      // A count as text: the result schema wants a number.
      'requests:clear-history': () =>
        ok({ removed: '3' } as unknown as ChannelResult<'requests:clear-history'>),
    });
    await expect(fake.api['requests:clear-history']({ connectionId: 'c1' })).rejects.toThrow(
      /breaks the contract/,
    );
  });

  it('fails the call when the renderer sends an argument the contract refuses', async () => {
    const fake = createFakeApi({ 'requests:clear-history': () => ok({ removed: 0 }) });
    const call = fake.api['requests:clear-history'] as (args: unknown) => Promise<unknown>;
    await expect(call({ connectionId: 42 })).rejects.toThrow();
  });

  it('answers a channel it was not given with an error naming it', async () => {
    const result = await createFakeApi().api['app:info']();
    expect(result).toEqual({
      ok: false,
      error: { category: 'internal', message: 'app:info is not faked' },
    });
  });
});
