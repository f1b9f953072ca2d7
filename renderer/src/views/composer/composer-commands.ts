import { useMemo } from 'react';
import { useCommands, type Command } from '../../commands/registry.js';
import { useStore } from '../../store/store.js';
import { composerShortcuts } from './shortcuts.js';

/** The composer's keys, written the way the palette and the shortcut map read them. */
const asAccelerator = (keys: string): string => keys.replace(/^Mod\+/, 'CmdOrCtrl+');

/**
 * The composer's commands in the palette while it is shown: its tab and file keys (the composer
 * handles those keys itself, so they are listed with `keys`, not run by the dispatcher) and one
 * command per environment of the workspace, plus "no environment".
 */
export function useComposerCommands(): void {
  const environments = useStore((s) => s.workspace.view?.environments);
  const commands = useMemo((): Command[] => {
    const tabCommands = composerShortcuts
      .filter((s) => s.id !== 'tab.goto')
      .map((s): Command => ({
        id: `composer.${s.id}`,
        title: s.description,
        group: 'Composer',
        keys: asAccelerator(s.keys),
        run: () => s.run(useStore.getState(), new KeyboardEvent('keydown')),
      }));
    const environmentCommands = (environments ?? []).map((e): Command => ({
      id: `composer.environment.${e.key}`,
      title: `Use the environment ${e.name}`,
      group: 'Environment',
      keywords: ['environment', 'switch', e.key],
      run: () => useStore.getState().setEnvironment(e.key),
    }));
    const none: Command = {
      id: 'composer.environment.none',
      title: 'Send without an environment',
      group: 'Environment',
      keywords: ['environment', 'switch'],
      run: () => useStore.getState().setEnvironment(null),
    };
    return [...tabCommands, ...environmentCommands, ...(environments?.length ? [none] : [])];
  }, [environments]);
  useCommands(commands);
}
