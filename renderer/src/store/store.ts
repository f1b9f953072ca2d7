import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './slices/app-slice.js';
import { createComposerSlice, type ComposerSlice } from './slices/composer-slice.js';
import { createConnectionsSlice, type ConnectionsSlice } from './slices/connections-slice.js';
import { createInspectorSlice, type InspectorSlice } from './slices/inspector-slice.js';
import { createToastSlice, type ToastSlice } from './slices/toast-slice.js';
import { createUiSlice, type UiSlice } from './slices/ui-slice.js';
import { createWizardSlice, type WizardSlice } from './slices/wizard-slice.js';
import { createWorkspaceSlice, type WorkspaceSlice } from './slices/workspace-slice.js';

/** The whole renderer state: one store built from slices; components select what they need. */
export type StoreState = UiSlice &
  AppSlice &
  InspectorSlice &
  ConnectionsSlice &
  WizardSlice &
  ComposerSlice &
  WorkspaceSlice &
  ToastSlice;

/** The app's single zustand store. */
export const useStore = create<StoreState>()((...a) => ({
  ...createUiSlice(...a),
  ...createAppSlice(...a),
  ...createInspectorSlice(...a),
  ...createConnectionsSlice(...a),
  ...createWizardSlice(...a),
  ...createComposerSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createToastSlice(...a),
}));
