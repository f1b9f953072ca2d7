import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';

/**
 * The app's keyboard model, shared by every view:
 * - Esc closes the most recent transient thing (dialog, confirmation, menu, palette): `useEscape`.
 * - Arrow keys move through a list's items: `onListKeys`.
 * - Focus is never lost: when the focused element disappears (a deleted row, a closed panel),
 *   `useFocusRescue` puts focus on the nearest fallback instead of leaving it on the page body.
 */

const escapeStack: Array<{ current: () => void }> = [];
let escapeListening = false;

function onEscapeKey(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const top = escapeStack.at(-1);
  if (top === undefined) return;
  event.preventDefault();
  top.current();
}

/** While mounted (and `active`), Esc calls `onEscape`; only the latest such layer gets the key. */
export function useEscape(onEscape: () => void, active = true): void {
  const handler = useRef(onEscape);
  useEffect(() => {
    handler.current = onEscape;
  });
  useEffect(() => {
    if (!active) return undefined;
    const entry = { current: () => handler.current() };
    escapeStack.push(entry);
    if (!escapeListening) {
      window.addEventListener('keydown', onEscapeKey);
      escapeListening = true;
    }
    return () => {
      const at = escapeStack.indexOf(entry);
      if (at >= 0) escapeStack.splice(at, 1);
    };
  }, [active]);
}

const LIST_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/**
 * Arrow keys, Home and End move focus among the container's `selector` items (buttons of a nav,
 * rows of a list). Put it on the container's onKeyDown.
 */
export function onListKeys(
  event: ReactKeyboardEvent<HTMLElement>,
  selector = '[data-list-item]',
): void {
  if (!LIST_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => !el.hasAttribute('disabled'),
  );
  if (items.length === 0) return;
  const at = items.findIndex(
    (el) => el === document.activeElement || el.contains(document.activeElement),
  );
  let next: number;
  if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else if (event.key === 'ArrowDown') next = at < 0 ? 0 : Math.min(items.length - 1, at + 1);
  else next = at < 0 ? items.length - 1 : Math.max(0, at - 1);
  event.preventDefault();
  items[next]?.focus();
}

/** Where focus goes when the focused element vanished: the marked fallback, else the view's title. */
function fallbackTarget(): HTMLElement | null {
  // Inside an open modal dialog, focus stays in it (its box takes it).
  const modals = document.querySelectorAll<HTMLElement>(
    '[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]',
  );
  const modal = modals.item(modals.length - 1) as HTMLElement | null;
  if (modal !== null) return modal;
  return (
    document.querySelector<HTMLElement>('[data-focus-fallback]') ??
    document.querySelector<HTMLElement>('main h1') ??
    document.querySelector<HTMLElement>('main')
  );
}

/**
 * Watches for the focused element being removed from the page (after Delete, Save, Close...) and
 * moves focus to a sensible place, so keyboard users never have to start again from the top.
 */
export function useFocusRescue(): void {
  useEffect(() => {
    // The element that had focus last (browsers do not always report focus leaving a removed node).
    let focused: Element | null = null;
    const observer = new MutationObserver(() => {
      if (focused === null || focused.isConnected) return;
      focused = null;
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      const target = fallbackTarget();
      if (target === null) return;
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
    });
    const onFocusIn = (event: FocusEvent): void => {
      focused = event.target instanceof Element ? event.target : null;
    };
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, []);
}

/** How many frames `focusSoon` waits for its first choice to appear (a screen still loading). */
const FOCUS_WAIT_FRAMES = 60;

/**
 * Once React has drawn the new screen, focus the first of `selectors` that is there. The first
 * choice gets up to about a second to appear (the screen may still be loading); then the others.
 */
export function focusSoon(...selectors: string[]): void {
  let frames = 0;
  const attempt = (): void => {
    frames += 1;
    const waiting = frames < FOCUS_WAIT_FRAMES;
    const candidates = waiting ? selectors.slice(0, 1) : selectors;
    const el = candidates
      .map((selector) => document.querySelector<HTMLElement>(selector))
      .find((found) => found !== null);
    if (el === undefined || el === null) {
      if (waiting) requestAnimationFrame(attempt);
      return;
    }
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus();
  };
  requestAnimationFrame(attempt);
}
