import type { StateCreator } from 'zustand';
import type { StoreState } from '../store.js';

export type Area = 'connections' | 'inspector' | 'composer' | 'settings';
export type ThemePreference = 'system' | 'light' | 'dark';

export interface UiSlice {
  area: Area;
  theme: ThemePreference;
  setArea: (area: Area) => void;
  setTheme: (theme: ThemePreference) => void;
}

const THEME_KEY = 'grantline.theme';

function storedTheme(): ThemePreference {
  try {
    const value = globalThis.localStorage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Navigation and appearance. The theme choice is the only thing kept in localStorage. */
export const createUiSlice: StateCreator<StoreState, [], [], UiSlice> = (set) => ({
  area: 'connections',
  theme: storedTheme(),
  setArea: (area) => set({ area }),
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // Private mode or storage disabled: the choice lasts for this session only.
    }
    set({ theme });
  },
});
