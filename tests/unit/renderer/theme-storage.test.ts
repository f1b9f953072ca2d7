import { afterEach, describe, expect, it, vi } from 'vitest';

// The theme is the renderer's one stored setting (localStorage). A damaged value, or storage that
// refuses access, must not stop the app: it starts with the OS theme and can save a new choice.

async function freshStore() {
  vi.resetModules();
  return (await import('../../../renderer/src/store/store.js')).useStore;
}

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('the stored theme', () => {
  it('is used when valid', async () => {
    localStorage.setItem('grantline.theme', 'dark');
    expect((await freshStore()).getState().theme).toBe('dark');
  });

  it('falls back to the OS theme when the stored value is damaged', async () => {
    localStorage.setItem('grantline.theme', '{"theme": "da');
    const store = await freshStore();
    expect(store.getState().theme).toBe('system');
    store.getState().setTheme('light');
    expect(localStorage.getItem('grantline.theme')).toBe('light');
  });

  it('falls back to the OS theme, and still switches, when storage refuses access', async () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const store = await freshStore();
    expect(store.getState().theme).toBe('system');
    store.getState().setTheme('dark');
    expect(store.getState().theme).toBe('dark');
  });
});
