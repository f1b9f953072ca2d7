import { useEffect } from 'react';
import { currentCommands, isEnabled, runKeyCommand, useCommandStore } from './registry.js';
import { isBareShortcut, isTypingTarget, matchesShortcut } from './shortcuts.js';

/**
 * The one keyboard listener for commands. It listens on the window in the bubbling phase, so a
 * field or editor that handles a key itself (and calls preventDefault) wins; a shortcut without
 * CmdOrCtrl or Alt (`?`) never fires while the user types in a field. While the palette or the
 * shortcut map is open, only the palette's own keys run (they toggle).
 */
export function useKeyboardDispatcher(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const overlay = useCommandStore.getState().overlay;
      for (const command of currentCommands()) {
        const hit = command.shortcut?.find((s) => matchesShortcut(event, s));
        if (hit === undefined) continue;
        if (isBareShortcut(hit) && isTypingTarget(event.target)) continue;
        if (overlay !== null && command.id !== 'palette.open' && command.id !== 'help.shortcuts') {
          continue;
        }
        if (!isEnabled(command)) continue;
        event.preventDefault();
        runKeyCommand(command.id);
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
