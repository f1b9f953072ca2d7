import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';
import { useEscape } from '../../components/keyboard.js';

/**
 * A modal dialog: focus moves in when it opens and back when it closes, Esc closes it, Tab stays
 * inside. (The composer's own Esc-to-cancel does not see the key.)
 */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}): ReactElement {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // Esc also closes it when focus is outside it (the control that had it went away): the
  // topmost transient layer takes the key, wherever focus is.
  useEscape(() => close.current());
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>(
      'textarea, input, select, button:not(.dialog-close)',
    );
    (first ?? box.current)?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`dialog ${wide ? 'is-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
            return;
          }
          if (e.key !== 'Tab' || !box.current) return;
          const focusable = [
            ...box.current.querySelectorAll<HTMLElement>(
              'button:not(:disabled), input:not(:disabled), select, textarea, a[href], [tabindex="0"]',
            ),
          ];
          const first = focusable[0];
          const last = focusable.at(-1);
          if (e.shiftKey && document.activeElement === first) {
            e.preventDefault();
            last?.focus();
          } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first?.focus();
          }
        }}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button
            type="button"
            className="cx-icon-button dialog-close"
            aria-label="Close"
            onClick={onClose}
          >
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer !== undefined && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>
  );
}
