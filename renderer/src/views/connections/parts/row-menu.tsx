import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';

/** One entry of a row menu. */
export interface MenuItem {
  label: string;
  /** Shortcut or short hint shown at the right ("Enter", "Del"). */
  hint?: string;
  danger?: boolean;
  disabled?: boolean;
  onSelect: () => void;
}

/** Where the menu opens: under a button, or at the pointer of a right-click. */
export type MenuAnchor =
  { kind: 'element'; element: HTMLElement } | { kind: 'point'; x: number; y: number };

/**
 * A small action menu (WAI-ARIA menu pattern): the first item is focused on open, arrow keys,
 * Home and End move, Enter or a click runs an item, Esc and Tab close it, and focus goes back
 * to `returnFocus` (the button or row that opened it).
 */
export function RowMenu({
  label,
  items,
  anchor,
  returnFocus,
  onClose,
}: {
  label: string;
  items: readonly MenuItem[];
  anchor: MenuAnchor;
  returnFocus: HTMLElement | null;
  onClose: () => void;
}): ReactElement {
  const menu = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const el = menu.current;
    if (el === null) return;
    const { width, height } = el.getBoundingClientRect();
    let left: number;
    let top: number;
    if (anchor.kind === 'element') {
      const rect = anchor.element.getBoundingClientRect();
      left = rect.right - width;
      top = rect.bottom + 4;
      if (top + height > window.innerHeight - 8) top = rect.top - height - 4;
    } else {
      left = anchor.x;
      top = anchor.y;
      if (top + height > window.innerHeight - 8) top = anchor.y - height;
    }
    left = Math.max(8, Math.min(left, window.innerWidth - width - 8));
    top = Math.max(8, top);
    setPosition({ left, top });
  }, [anchor]);

  // The first item takes the focus once the menu is placed (a hidden element cannot).
  const placed = position !== null;
  useEffect(() => {
    if (!placed) return;
    menu.current
      ?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')
      ?.focus();
  }, [placed]);

  useEffect(() => {
    const outside = (event: MouseEvent): void => {
      if (menu.current !== null && !menu.current.contains(event.target as Node)) onClose();
    };
    // Closed by a resize or by leaving the window: the focus, if it was in the menu, goes back.
    const away = (): void => {
      const inside = menu.current?.contains(document.activeElement) === true;
      onClose();
      if (inside) returnFocus?.focus();
    };
    document.addEventListener('mousedown', outside, true);
    window.addEventListener('resize', away);
    window.addEventListener('blur', away);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      window.removeEventListener('resize', away);
      window.removeEventListener('blur', away);
    };
  }, [onClose, returnFocus]);

  const close = (refocus: boolean): void => {
    onClose();
    if (refocus) returnFocus?.focus();
  };

  const move = (event: KeyboardEvent<HTMLUListElement>): void => {
    const entries = [
      ...(menu.current?.querySelectorAll<HTMLElement>(
        '[role="menuitem"]:not([aria-disabled="true"])',
      ) ?? []),
    ];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = (index + 1) % entries.length;
        break;
      case 'ArrowUp':
        next = (index - 1 + entries.length) % entries.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = entries.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        return;
      case 'Tab':
        event.preventDefault();
        close(true);
        return;
      default: {
        // Type-ahead: the first letter of an item moves to it.
        if (event.key.length !== 1) return;
        const letter = event.key.toLowerCase();
        const after = [...entries.slice(index + 1), ...entries.slice(0, index + 1)];
        const hit = after.find((el) => el.textContent?.trim().toLowerCase().startsWith(letter));
        if (hit !== undefined) next = entries.indexOf(hit);
      }
    }
    if (next === undefined) return;
    event.preventDefault();
    entries[next]?.focus();
  };

  return (
    <ul
      ref={menu}
      role="menu"
      aria-label={label}
      className="cl-menu"
      style={
        position === null
          ? { visibility: 'hidden', left: 0, top: 0 }
          : { left: position.left, top: position.top }
      }
      onKeyDown={move}
    >
      {items.map((item) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled === true ? true : undefined}
          className={item.danger === true ? 'cl-menu-item danger' : 'cl-menu-item'}
          onClick={() => {
            if (item.disabled === true) return;
            close(true);
            item.onSelect();
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            if (item.disabled === true) return;
            close(true);
            item.onSelect();
          }}
        >
          <span>{item.label}</span>
          {item.hint !== undefined && <kbd className="cl-menu-hint">{item.hint}</kbd>}
        </li>
      ))}
    </ul>
  );
}
