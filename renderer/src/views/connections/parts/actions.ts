import { useStore } from '../../../store/store.js';
import type { MenuItem } from './row-menu.js';

/**
 * Every action on a saved connection, in the order the row menu lists them: the row menu, the
 * right-click menu and the detail pane all run these, so none of them can drift apart.
 */
export function connectionActions(id: string, busy: boolean): MenuItem[] {
  const store = useStore.getState;
  return [
    { label: 'Test', disabled: busy, onSelect: () => void store().testSaved(id) },
    { label: 'Try a request', onSelect: () => store().tryRequest(id) },
    { label: 'Open in Inspector', onSelect: () => store().openInInspector(id) },
    { label: 'Edit…', onSelect: () => store().editSaved(id) },
    { label: 'Duplicate', disabled: busy, onSelect: () => void store().duplicateSaved(id) },
    { label: 'Rename…', hint: 'F2', onSelect: () => store().selectSaved(id, 'rename') },
    {
      label: 'Delete…',
      hint: 'Del',
      danger: true,
      disabled: busy,
      onSelect: () => store().selectSaved(id, 'delete'),
    },
  ];
}
