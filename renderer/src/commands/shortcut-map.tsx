import { useEffect, useId, useMemo, useRef, type ReactElement } from 'react';
import { useEscape } from '../components/keyboard.js';
import { currentCommands, setOverlay, useCommandStore } from './registry.js';
import { Kbd } from './palette.js';

/** Keys the app handles outside the registry (fields and lists), listed for completeness. */
const FIXED_KEYS: { title: string; keys: string[]; group: string }[] = [
  {
    title: 'Close a dialog, menu, confirmation or the palette',
    keys: ['Escape'],
    group: 'Everywhere',
  },
  { title: 'Move through a list', keys: ['ArrowUp', 'ArrowDown'], group: 'Everywhere' },
  { title: 'Send the request', keys: ['CmdOrCtrl+Enter'], group: 'Composer' },
  { title: 'Go to tab 1 to 8; 9 is the last tab', keys: ['CmdOrCtrl+1…9'], group: 'Composer' },
  { title: 'Cancel the running request', keys: ['Escape'], group: 'Composer' },
];

const KEY_NAMES: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };

/** `?`: every shortcut, generated from the command registry. */
export function ShortcutMap(): ReactElement {
  const registered = useCommandStore((s) => s.registered);
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  useEscape(() => setOverlay(null));
  useEffect(() => close.current?.focus(), []);
  const groups = useMemo(() => {
    const map = new Map<string, { title: string; keys: string[] }[]>();
    for (const c of currentCommands(registered)) {
      const keys = c.shortcut !== undefined && c.shortcut.length > 0 ? [...c.shortcut] : c.keys;
      if (keys === undefined) continue;
      map.set(c.group, [
        ...(map.get(c.group) ?? []),
        { title: c.title, keys: typeof keys === 'string' ? [keys] : keys },
      ]);
    }
    for (const f of FIXED_KEYS) map.set(f.group, [...(map.get(f.group) ?? []), f]);
    return [...map.entries()];
  }, [registered]);

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && setOverlay(null)}
    >
      <div
        className="dialog is-wide shortcut-map"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
      >
        <header className="dialog-header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button
            ref={close}
            type="button"
            className="cx-icon-button dialog-close"
            aria-label="Close"
            onClick={() => setOverlay(null)}
          >
            ×
          </button>
        </header>
        {/* Focusable, so the keyboard can scroll it where the window is short. */}
        <div
          className="dialog-body shortcut-groups"
          role="region"
          aria-labelledby={titleId}
          tabIndex={0}
        >
          {groups.map(([group, rows]) => (
            <section key={group} aria-label={group}>
              <h3>{group}</h3>
              <dl>
                {rows.map((row) => (
                  <div key={`${row.title}-${row.keys.join()}`} className="shortcut-row">
                    <dt>{row.title}</dt>
                    <dd>
                      {row.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="muted"> or </span>}
                          {KEY_NAMES[k] !== undefined ? (
                            <kbd className="kbd">{KEY_NAMES[k]}</kbd>
                          ) : (
                            <Kbd shortcut={k} />
                          )}
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
