import { z } from 'zod';
import {
  requestDraftInputSchema,
  requestDraftSchema,
  resolvedVariableSchema,
  rowSchema,
} from '../requests/schemas.js';
import { VARIABLE_NAME } from '../requests/variables.js';
import { folderPathSchema, requestPathSchema } from '../workspace/paths.js';
import {
  environmentFileSchema,
  environmentKeySchema,
  environmentSummarySchema,
  workspaceNodeSchema,
  workspaceProblemSchema,
} from '../workspace/schemas.js';
import {
  MAX_SESSION_TABS,
  sessionTabSchema,
  workspaceSessionSchema,
} from '../workspace/session.js';

/**
 * Channels of the workspace: a folder of request files and environments that can live in git.
 * Paths are relative to the workspace root. A secret variable's value only ever goes in
 * (`workspace:set-secret`); no result carries it.
 */

const connectionId = z.string().min(1).max(200);
const requestName = z.string().trim().min(1, 'Give the request a name').max(200);
const variableName = z.string().regex(VARIABLE_NAME, 'Not a variable name').max(200);

const workspaceRequestSchema = z.object({
  path: z.string(),
  name: z.string(),
  connectionId: z.string(),
  draft: requestDraftSchema,
});

const workspaceViewSchema = z.object({
  /** The folder on disk. */
  root: z.string(),
  name: z.string(),
  tree: z.array(workspaceNodeSchema),
  environments: z.array(environmentSummarySchema),
  /** Files that could not be read (the others are in the tree). */
  problems: z.array(workspaceProblemSchema),
});

export const workspaceChannels = {
  /** The workspace in use: its tree, environments and damaged files. */
  'workspace:open': { args: z.void(), result: workspaceViewSchema },
  /** Use another folder (by full path; created when missing) from now on. */
  'workspace:choose-folder': {
    args: z.object({ folder: z.string().trim().min(1).max(4_096) }),
    result: workspaceViewSchema,
  },
  'workspace:read-request': {
    args: z.object({ path: requestPathSchema }),
    result: workspaceRequestSchema,
  },
  /** Save over `path`, or as a new file named after the request in `folder` (the root by default). */
  'workspace:save-request': {
    args: z.object({
      path: requestPathSchema.optional(),
      folder: folderPathSchema.default(''),
      name: requestName,
      connectionId,
      draft: requestDraftInputSchema,
    }),
    result: workspaceRequestSchema,
  },
  'workspace:rename-request': {
    args: z.object({ path: requestPathSchema, name: requestName }),
    result: workspaceRequestSchema,
  },
  'workspace:move-request': {
    args: z.object({ path: requestPathSchema, folder: folderPathSchema }),
    result: workspaceRequestSchema,
  },
  'workspace:delete-request': {
    args: z.object({ path: requestPathSchema }),
    result: z.object({ path: z.string() }),
  },
  'workspace:create-folder': {
    args: z.object({ path: folderPathSchema.pipe(z.string().min(1)) }),
    result: z.object({ path: z.string() }),
  },
  'workspace:environments': {
    args: z.void(),
    result: z.object({
      environments: z.array(environmentSummarySchema),
      problems: z.array(workspaceProblemSchema),
    }),
  },
  /** Create or replace an environment; a secret variable is sent without a value. */
  'workspace:save-environment': {
    args: z.object({ key: environmentKeySchema, environment: environmentFileSchema }),
    result: environmentSummarySchema,
  },
  'workspace:delete-environment': {
    args: z.object({ key: environmentKeySchema }),
    result: z.object({ key: z.string() }),
  },
  /** Store the value of an environment's secret variable in the secret store (write-only). */
  'workspace:set-secret': {
    args: z.object({
      key: environmentKeySchema,
      name: variableName,
      value: z
        .string()
        .min(1, 'Enter the value')
        .max(64 * 1024),
    }),
    result: z.object({ set: z.literal(true) }),
  },
  'workspace:clear-secret': {
    args: z.object({ key: environmentKeySchema, name: variableName }),
    result: z.object({ cleared: z.boolean() }),
  },
  /** The variables a request would use, each with the layer its value comes from. */
  'workspace:variables': {
    args: z.object({
      connectionId,
      environment: environmentKeySchema.optional(),
      variables: z.array(rowSchema).max(500).default([]),
    }),
    result: z.object({ variables: z.array(resolvedVariableSchema) }),
  },
  /** The composer's open tabs, environment and pane sizes, as last saved (restored on start). */
  'workspace:session': { args: z.void(), result: workspaceSessionSchema },
  /** Remember the composer's session; drafts are scrubbed like every stored draft. */
  // Drafts as the user left them: a header still being typed ("Bad Name") is kept, not refused,
  // so the session is saved whatever the tabs hold (main scrubs them before writing).
  'workspace:save-session': {
    args: workspaceSessionSchema.extend({
      tabs: z.array(sessionTabSchema).max(MAX_SESSION_TABS),
    }),
    result: z.object({ saved: z.literal(true) }),
  },
} as const;

export const workspaceEvents = {
  /** Files of the workspace changed on disk outside the app (an editor, `git pull`). */
  'workspace:changed': z.object({
    root: z.string(),
    changes: z.array(
      z.object({ path: z.string(), change: z.enum(['added', 'changed', 'removed']) }),
    ),
  }),
} as const;
