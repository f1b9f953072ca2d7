import { z } from 'zod';
import { requestDraftSchema, rowSchema } from '../requests/schemas.js';

/**
 * The composer's session: the open tabs with their drafts, the chosen environment and the pane
 * sizes, kept by main in the data dir so they come back after a restart. Responses are not part
 * of it (they live only while the app runs). Drafts are scrubbed by main before they are written.
 */

/** Where a tab's draft came from; a `file` tab is bound to a request file of the workspace. */
export const tabOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }),
  z.object({ kind: z.literal('restored') }),
  z.object({ kind: z.literal('curl') }),
  z.object({ kind: z.literal('history'), id: z.string().max(200) }),
  z.object({ kind: z.literal('catalog'), id: z.string().max(200), name: z.string().max(200) }),
  z.object({ kind: z.literal('saved'), id: z.string().max(200), name: z.string().max(200) }),
  z.object({ kind: z.literal('file'), path: z.string().max(1_000), name: z.string().max(200) }),
]);
export type TabOrigin = z.output<typeof tabOriginSchema>;

export const sessionTabSchema = z.object({
  id: z.string().min(1).max(100),
  connectionId: z.string().min(1).max(200),
  draft: requestDraftSchema,
  variables: z.array(rowSchema).max(500).default([]),
  origin: tabOriginSchema,
  /** Changed since it was loaded from its origin (an unsaved file tab stays marked). */
  edited: z.boolean().default(false),
});
export type SessionTab = z.output<typeof sessionTabSchema>;

export const paneLayoutSchema = z.object({
  /** Width of the sidebar in pixels. */
  sidebarWidth: z.number().int().min(160).max(600).default(260),
  /** Share of the request pane (0.2–0.8) between request and response. */
  requestShare: z.number().min(0.2).max(0.8).default(0.5),
  sidebarCollapsed: z.boolean().default(false),
});
export type PaneLayout = z.output<typeof paneLayoutSchema>;

export const MAX_SESSION_TABS = 40;

export const workspaceSessionSchema = z.object({
  tabs: z.array(sessionTabSchema).max(MAX_SESSION_TABS).default([]),
  activeTab: z.string().max(100).nullable().default(null),
  /** The key of the environment in use, or null for none. */
  environment: z.string().max(64).nullable().default(null),
  layout: paneLayoutSchema.default({
    sidebarWidth: 260,
    requestShare: 0.5,
    sidebarCollapsed: false,
  }),
});
export type WorkspaceSession = z.output<typeof workspaceSessionSchema>;
