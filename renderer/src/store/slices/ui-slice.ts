import type { StateCreator } from 'zustand';
import type { StoreState } from '../store.js';

export type Area = 'connections' | 'inspector' | 'composer' | 'settings';
export type ThemePreference = 'system' | 'light' | 'dark';

export interface UiSlice {
  area: Area;
  theme: ThemePreference;
  /** The main sidebar shows icons only. */
  sidebarCollapsed: boolean;
  /** The user has read and closed the secret-protection banner; the sidebar keeps an icon. */
  secretBannerDismissed: boolean;
  setArea: (area: Area) => void;
  setTheme: (theme: ThemePreference) => void;
  toggleSidebar: () => void;
  dismissSecretBanner: () => void;
}

const THEME_KEY = 'grantline.theme';
const SIDEBAR_KEY = 'grantline.sidebar';
const SECRET_BANNER_KEY = 'grantline.secret-banner';

function readFlag(key: string, on: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === on;
  } catch {
    return false;
  }
}

function writeFlag(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this session only.
  }
}

function storedTheme(): ThemePreference {
  try {
    const value = globalThis.localStorage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Navigation and appearance. The theme, the sidebar's width and whether the secret-protection
 * banner was read are kept in localStorage (no secret, nothing else).
 */
export const createUiSlice: StateCreator<StoreState, [], [], UiSlice> = (set, get) => ({
  area: 'connections',
  theme: storedTheme(),
  sidebarCollapsed: readFlag(SIDEBAR_KEY, 'collapsed'),
  secretBannerDismissed: readFlag(SECRET_BANNER_KEY, 'dismissed'),
  setArea: (area) => set({ area }),
  toggleSidebar: () => {
    const collapsed = !get().sidebarCollapsed;
    writeFlag(SIDEBAR_KEY, collapsed ? 'collapsed' : 'expanded');
    set({ sidebarCollapsed: collapsed });
  },
  dismissSecretBanner: () => {
    writeFlag(SECRET_BANNER_KEY, 'dismissed');
    set({ secretBannerDismissed: true });
  },
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // Private mode or storage disabled: the choice lasts for this session only.
    }
    set({ theme });
  },
});
