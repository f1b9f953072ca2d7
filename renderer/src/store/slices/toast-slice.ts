import type { StateCreator } from 'zustand';
import type { StoreState } from '../store.js';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

export interface ToastSlice {
  toasts: Toast[];
  /** Show a short message that goes away by itself after `ms` (errors stay a little longer). */
  showToast: (text: string, tone?: ToastTone, ms?: number) => void;
  dismissToast: (id: number) => void;
}

/** At most this many toasts at once; older ones make room. */
const MAX_TOASTS = 4;
let nextToastId = 1;

/** Short status messages ("Copied", "Saved as …") shown in a corner and dismissed by a timer. */
export const createToastSlice: StateCreator<StoreState, [], [], ToastSlice> = (set, get) => ({
  toasts: [],
  showToast: (text, tone = 'info', ms) => {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts, { id, text, tone }].slice(-MAX_TOASTS) }));
    setTimeout(() => get().dismissToast(id), ms ?? (tone === 'error' ? 6_000 : 3_000));
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
