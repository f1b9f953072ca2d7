import { z } from 'zod';
import { MAX_BODY_CHARS } from '../requests/schemas.js';
import {
  bodyProblemSchema,
  importKindSchema,
  importReportSchema,
  operationRefSchema,
} from '../import/schemas.js';
import { folderPathSchema, requestPathSchema } from '../workspace/paths.js';

/**
 * Channels of API import (OpenAPI, Swagger, Postman, Insomnia) and of the schema-aware request
 * editor. Documents are read or fetched by main; the page sends a path, a URL or the text itself
 * (browser mode, where the page cannot hand main a path).
 */

/** Pasted or dropped documents travel in one frame (browser mode carries 8 MB frames). */
const MAX_IMPORT_TEXT = 7 * 1024 * 1024;

const importSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), path: z.string().trim().min(1).max(4_096) }),
  z.object({ type: z.literal('url'), url: z.string().trim().min(1).max(8_192) }),
  z.object({
    type: z.literal('text'),
    text: z.string().min(1, 'Paste or drop a document first').max(MAX_IMPORT_TEXT),
    /** The dropped file's name, for the collection's name and the format guess. */
    fileName: z.string().max(255).optional(),
  }),
]);

export const importChannels = {
  /** Import a document as a new collection (a folder) in the workspace. */
  'import:api': {
    args: z.object({
      source: importSourceSchema,
      /** Guessed from the document when absent. */
      kind: importKindSchema.optional(),
      /** The connection the requests are sent with. */
      connectionId: z.string().min(1).max(200),
      /** The folder the collection is created in (the workspace root by default). */
      folder: folderPathSchema.default(''),
    }),
    result: importReportSchema,
  },
  /** The operation an imported request came from: its documentation and whether it has a body schema. */
  'import:operation': {
    args: z.object({ path: requestPathSchema }),
    result: z.object({
      operation: operationRefSchema.nullable(),
      description: z.string(),
      hasBodySchema: z.boolean(),
    }),
  },
  /** Check a JSON body against its operation's schema; problems come with offsets in the text. */
  'import:validate-body': {
    args: z.object({ path: requestPathSchema, text: z.string().max(MAX_BODY_CHARS) }),
    result: z.object({ problems: z.array(bodyProblemSchema) }),
  },
  /** An example body generated from the operation's schema. */
  'import:example-body': {
    args: z.object({ path: requestPathSchema }),
    result: z.object({ text: z.string() }),
  },
} as const;
