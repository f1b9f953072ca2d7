import { z } from 'zod';
import { apiBaseUrlSchema } from '../connection.js';
import { operationRefSchema } from '../import/schemas.js';
import { requestDraftSchema } from '../requests/schemas.js';
import { VARIABLE_NAME } from '../requests/variables.js';

/**
 * The files of a workspace folder, meant to be committed to git and shared:
 *
 * - `grantline-workspace.yaml` at the root: the workspace's name and the format version;
 * - one `<name>.yaml` per request, anywhere below the root; folders are directories, each with an
 *   optional `_folder.yaml` (description and the order of its entries);
 * - one `environments/<name>.yaml` per environment.
 *
 * No file ever holds a secret or a token: drafts are scrubbed before they are written, requests
 * name their connection by its stable id, and a secret variable keeps only its name and flag (its
 * value lives in the secret store of each machine).
 */

/** The version of the file format this build writes and reads. */
export const WORKSPACE_FORMAT = 1;
export const WORKSPACE_FILE = 'grantline-workspace.yaml';
export const FOLDER_FILE = '_folder.yaml';
export const ENVIRONMENTS_DIR = 'environments';
export const FILE_EXTENSION = '.yaml';

export const workspaceFileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  format: z.literal(WORKSPACE_FORMAT, {
    error: `This workspace was written in a format this version does not read (it reads format ${WORKSPACE_FORMAT}).`,
  }),
});

export const requestFileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** The stable id of the connection the request is sent with. */
  connection: z.string().min(1).max(200),
  draft: requestDraftSchema,
  /** Set on a request imported from an API document: the operation it came from. */
  operation: operationRefSchema.optional(),
});
export type RequestFile = z.output<typeof requestFileSchema>;

export const folderFileSchema = z.object({
  description: z.string().max(10_000).default(''),
  /** File and folder names in the order the sidebar shows them; others follow by name. */
  order: z.array(z.string().max(255)).max(10_000).default([]),
});

const variableNameSchema = z
  .string()
  .regex(
    VARIABLE_NAME,
    'A variable name starts with a letter or _ and holds letters, digits, _ - .',
  )
  .max(200);

/** A variable of an environment: a value, or (when secret) only the name and the flag. */
const environmentVariableSchema = z
  .object({
    name: variableNameSchema,
    value: z.string().max(1_000_000).optional(),
    secret: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .superRefine((variable, ctx) => {
    if (variable.secret && variable.value !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'A secret variable keeps no value in the workspace; set it in the app instead.',
      });
    }
  });

/** An environment's key: its file name without `.yaml` (e.g. `prod`, `staging-eu`). */
export const environmentKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'Use 1-64 letters, digits, _ or - for the name.');

export const environmentFileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  variables: z.array(environmentVariableSchema).max(1_000).default([]),
  /** API base URLs per connection id, replacing the connection's own in this environment. */
  baseUrls: z.record(z.string().min(1).max(200), z.array(apiBaseUrlSchema).max(50)).default({}),
});
export type EnvironmentFile = z.output<typeof environmentFileSchema>;

/** A file that could not be read, with where the problem is (1-based line and column). */
export const workspaceProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type WorkspaceProblem = z.output<typeof workspaceProblemSchema>;

/** A node of the collections tree; paths are relative to the root, `/`-separated. */
export type WorkspaceNode =
  | { kind: 'request'; path: string; name: string; connectionId: string; method: string }
  | { kind: 'folder'; path: string; name: string; description: string; children: WorkspaceNode[] };

export const workspaceNodeSchema: z.ZodType<WorkspaceNode> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('request'),
      path: z.string(),
      name: z.string(),
      connectionId: z.string(),
      method: z.string(),
    }),
    z.object({
      kind: z.literal('folder'),
      path: z.string(),
      name: z.string(),
      description: z.string(),
      children: z.array(workspaceNodeSchema),
    }),
  ]),
);

export const environmentSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  variables: z.array(
    z.object({
      name: z.string(),
      /** Absent for a secret variable: the window never reads it back. */
      value: z.string().optional(),
      secret: z.boolean(),
      enabled: z.boolean(),
      /** For a secret variable: whether this machine's secret store holds its value. */
      hasValue: z.boolean(),
    }),
  ),
  baseUrls: z.record(z.string(), z.array(apiBaseUrlSchema)),
});
export type EnvironmentSummary = z.output<typeof environmentSummarySchema>;
