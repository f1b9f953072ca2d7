import { useEffect, useRef } from 'react';
import { create } from 'zustand';

/**
 * One command of the app: what the palette lists, the shortcut map shows, the keyboard dispatcher
 * and the desktop menu run. Any view registers its own with `useCommand` or `useCommands`.
 */
export interface Command {
  /** Unique; the app-level ones are listed in shared/commands.ts (the menu sends those). */
  id: string;
  title: string;
  /** Heading in the shortcut map, and a search word in the palette. */
  group: string;
  /** Electron accelerators (`CmdOrCtrl+K`, `?`); the first is the one shown. */
  shortcut?: readonly string[];
  /**
   * Keys a view handles itself (e.g. the composer's tab keys): shown in the palette and the
   * shortcut map, never run by the dispatcher.
   */
  keys?: string;
  /** More words the palette finds it by. */
  keywords?: readonly string[];
  run: () => void | Promise<void>;
  /** When false, the palette hides it and its shortcut does nothing. */
  enabled?: () => boolean;
}

export type Overlay = 'palette' | 'shortcuts' | null;

interface CommandsState {
  /** In registration order; a later registration of the same id hides the earlier one. */
  registered: Command[];
  overlay: Overlay;
  /** Where focus was before an overlay opened, to give it back when it closes. */
  returnFocus: HTMLElement | null;
  /** The command a key ran last, and when (performance.now()): see `runMenuCommand`. */
  lastKeyRun: { id: string; at: number } | null;
}

export const useCommandStore = create<CommandsState>()(() => ({
  registered: [],
  overlay: null,
  returnFocus: null,
  lastKeyRun: null,
}));

/** How long a menu echo of a key press counts as the same press (macOS menus see keys too). */
const MENU_ECHO_MS = 500;

/** Run a command because its shortcut was pressed in the window. */
export function runKeyCommand(id: string): boolean {
  useCommandStore.setState({ lastKeyRun: { id, at: performance.now() } });
  return runCommand(id);
}

/**
 * Run a command chosen in the desktop menu. On macOS a menu accelerator also fires for a key the
 * window already handled; that echo (same command, within half a second) is ignored, so a toggle
 * is not undone.
 */
export function runMenuCommand(id: string): boolean {
  const last = useCommandStore.getState().lastKeyRun;
  if (last !== null && last.id === id && performance.now() - last.at < MENU_ECHO_MS) return false;
  return runCommand(id);
}

/** Add commands; returns the function that removes exactly these again. */
export function registerCommands(commands: readonly Command[]): () => void {
  useCommandStore.setState((s) => ({ registered: [...s.registered, ...commands] }));
  return () =>
    useCommandStore.setState((s) => ({
      registered: s.registered.filter((c) => !commands.includes(c)),
    }));
}

/** Every command in force: one per id (the latest registration wins). */
export function currentCommands(registered = useCommandStore.getState().registered): Command[] {
  const byId = new Map<string, Command>();
  for (const command of registered) {
    byId.delete(command.id);
    byId.set(command.id, command);
  }
  return [...byId.values()];
}

export function isEnabled(command: Command): boolean {
  return command.enabled === undefined || command.enabled();
}

/** Open the palette or the shortcut map (or close both), remembering where focus was. */
export function setOverlay(overlay: Overlay): void {
  const s = useCommandStore.getState();
  if (s.overlay === overlay) return;
  if (overlay === null) {
    const back = s.returnFocus;
    useCommandStore.setState({ overlay: null, returnFocus: null });
    if (back?.isConnected) back.focus();
    return;
  }
  const active = document.activeElement;
  useCommandStore.setState({
    overlay,
    returnFocus: s.overlay !== null ? s.returnFocus : active instanceof HTMLElement ? active : null,
  });
}

/**
 * Run a command by id (from the palette, a shortcut or the desktop menu). Closes any overlay
 * first, so the command's own dialog or focus change is not undone by the overlay closing.
 * Answers false when there is no such command or it is disabled now.
 */
export function runCommand(id: string): boolean {
  const command = currentCommands().find((c) => c.id === id);
  if (command === undefined || !isEnabled(command)) return false;
  const { overlay } = useCommandStore.getState();
  if (overlay !== null && id !== 'palette.open' && id !== 'help.shortcuts') {
    // The command decides where focus goes; do not send it back to where it was.
    useCommandStore.setState({ overlay: null, returnFocus: null });
  }
  void Promise.resolve()
    .then(() => command.run())
    .catch((error: unknown) => console.error(`Command ${id} failed`, error));
  return true;
}

/** Register a list of commands while the component is mounted (memoise the list). */
export function useCommands(commands: readonly Command[]): void {
  useEffect(() => registerCommands(commands), [commands]);
}

/**
 * Register one command while the component is mounted: a one-liner for any view. The latest
 * `run` and `enabled` are always used, so closures need no memoising.
 */
export function useCommand(command: Command): void {
  const latest = useRef(command);
  useEffect(() => {
    latest.current = command;
  });
  const { id, title, group } = command;
  const shortcut = command.shortcut?.join(' ') ?? '';
  const keywords = command.keywords?.join(' ') ?? '';
  useEffect(
    () =>
      registerCommands([
        {
          id,
          title,
          group,
          ...(shortcut === '' ? {} : { shortcut: shortcut.split(' ') }),
          ...(keywords === '' ? {} : { keywords: keywords.split(' ') }),
          run: () => latest.current.run(),
          enabled: () => latest.current.enabled?.() ?? true,
        },
      ]),
    [id, title, group, shortcut, keywords],
  );
}
