import Fuse from 'fuse.js';
import './commands.css';
import { useEffect, useId, useMemo, useRef, useState, type ReactElement } from 'react';
import { useEscape } from '../components/keyboard.js';
import {
  currentCommands,
  isEnabled,
  runCommand,
  setOverlay,
  useCommandStore,
  type Command,
} from './registry.js';
import { formatShortcut } from './shortcuts.js';

/**
 * Fuzzy search over titles first, then groups and keywords; the registry order when empty. Each
 * word is matched on its own ("tgl thme" finds "Toggle light and dark theme"); Fuse's operator
 * characters are taken as plain text.
 */
export function searchCommands(commands: readonly Command[], query: string): Command[] {
  const q = query
    .split(/\s+/)
    .map((word) => word.replace(/^[!^'=|]+/, '').replace(/[$|]+$/, ''))
    .filter((word) => word !== '')
    .join(' ');
  if (q === '') return [...commands];
  const fuse = new Fuse(commands, {
    keys: [
      { name: 'title', weight: 3 },
      { name: 'group', weight: 1 },
      { name: 'keywords', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
    useExtendedSearch: true,
  });
  return fuse.search(q).map((r) => r.item);
}

export function Kbd({ shortcut }: { shortcut: string }): ReactElement {
  return <kbd className="kbd">{formatShortcut(shortcut)}</kbd>;
}

/** Ctrl/Cmd+K: every command of the app, fuzzy-searched, with its shortcut. */
export function CommandPalette(): ReactElement {
  const registered = useCommandStore((s) => s.registered);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const optionId = (i: number): string => `${listId}-${i}`;
  const available = useMemo(
    () => currentCommands(registered).filter((c) => c.id !== 'palette.open' && isEnabled(c)),
    [registered],
  );
  const results = useMemo(() => searchCommands(available, query), [available, query]);
  const current = Math.min(active, Math.max(0, results.length - 1));

  useEscape(() => setOverlay(null));
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    list.current
      ?.querySelector(`[id="${CSS.escape(optionId(current))}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  });

  const run = (command: Command | undefined): void => {
    if (command !== undefined) runCommand(command.id);
  };

  return (
    <div
      className="dialog-backdrop palette-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && setOverlay(null)}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results.length > 0 ? optionId(current) : undefined}
          aria-label="Search commands"
          placeholder="Type a command, a connection or a saved request…"
          value={query}
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setActive((current + step + results.length) % Math.max(1, results.length));
            } else if (e.key === 'Home' && e.ctrlKey) {
              setActive(0);
            } else if (e.key === 'End' && e.ctrlKey) {
              setActive(results.length - 1);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(results[current]);
            } else if (e.key === 'Tab') {
              e.preventDefault();
            }
          }}
        />
        <ul ref={list} id={listId} className="palette-list" role="listbox" aria-label="Commands">
          {results.map((command, i) => (
            <li
              key={command.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className="palette-item"
              onMouseMove={() => i !== current && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(command)}
            >
              <span className="palette-title">{command.title}</span>
              <span className="palette-group">{command.group}</span>
              {command.shortcut?.[0] !== undefined ? (
                <Kbd shortcut={command.shortcut[0]} />
              ) : (
                command.keys !== undefined && <Kbd shortcut={command.keys} />
              )}
            </li>
          ))}
        </ul>
        {results.length === 0 && (
          <p className="palette-empty" role="status">
            No command matches “{query}”. Try fewer letters, or a connection&apos;s name.
          </p>
        )}
        <p className="palette-footer" aria-hidden="true">
          <span>
            <kbd className="kbd">↑</kbd> <kbd className="kbd">↓</kbd> move
          </span>
          <span>
            <kbd className="kbd">Enter</kbd> run
          </span>
          <span>
            <kbd className="kbd">Esc</kbd> close
          </span>
          <span>
            <Kbd shortcut="?" /> all shortcuts
          </span>
        </p>
      </div>
    </div>
  );
}
