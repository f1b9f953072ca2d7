import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../../../renderer/src/store/store.js';
import { resetStore } from './reset-store.js';
import { installTypedApi, ok } from './typed-api.js';

beforeEach(() => {
  vi.useFakeTimers();
  resetStore();
});
afterEach(() => vi.useRealTimers());

describe('resetStore', () => {
  it('disarms the pending "remember the draft" timer of the state it replaces', async () => {
    const fake = installTypedApi({ 'requests:remember': () => ok({ remembered: true }) });
    const onConnection = (): void =>
      useStore.setState((s) => ({
        composer: { ...s.composer, connectionId: 'c1', draftFor: 'c1' },
      }));
    onConnection();
    useStore.getState().setComposerUrl('https://api.example.com/typed-before-the-reset');
    resetStore();
    // The next test picks the same connection before the old timer would have fired.
    onConnection();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.argsOf('requests:remember')).toEqual([]);
  });

  it('brings every counter back, so notices are numbered from the start again', () => {
    const notice = { level: 'info', message: 'Hello' } as const;
    useStore.getState().addNotice(notice);
    useStore.getState().addNotice(notice);
    resetStore();
    useStore.getState().addNotice(notice);
    expect(useStore.getState().notices.map((n) => n.id)).toEqual([1]);
  });
});
