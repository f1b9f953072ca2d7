import { z } from 'zod';

/**
 * API imports: an OpenAPI 3.0/3.1 or Swagger 2.0 document, a Postman v2.1 collection or an
 * Insomnia v4 export becomes a collection in the workspace (a folder with one request file per
 * operation, grouped by tag). What could not be carried over is listed in the report, never
 * dropped silently.
 */

export const importKinds = ['openapi', 'postman', 'insomnia'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;

/** Where a parameter goes, as OpenAPI names it. */
const parameterPlaceSchema = z.enum(['path', 'query', 'header', 'cookie']);

/** A documented parameter of an imported operation (kept in its request file). */
export const operationParameterSchema = z.object({
  name: z.string().min(1).max(4_096),
  in: parameterPlaceSchema,
  required: z.boolean().default(false),
  description: z.string().max(20_000).default(''),
  /** The schema's type in a word (`string`, `integer`, `array of string`…), for the tooltip. */
  type: z.string().max(200).default(''),
});
export type OperationParameter = z.output<typeof operationParameterSchema>;

/**
 * The `operation` section of an imported request file: which operation of which stored document
 * the request came from, and its documented parameters. The schemas stay in the document (the
 * collection's `_openapi.json`), so request files stay short and diff well.
 */
export const operationRefSchema = z.object({
  /** The stored document, relative to the workspace root (e.g. `petstore/_openapi.json`). */
  spec: z.string().min(1).max(1_000),
  method: z.string().min(1).max(20),
  /** The path as the document writes it (`/pets/{petId}`). */
  path: z.string().min(1).max(4_096),
  operationId: z.string().max(500).optional(),
  summary: z.string().max(2_000).default(''),
  parameters: z.array(operationParameterSchema).max(1_000).default([]),
  /** Media type of the documented request body, when there is one. */
  bodyMediaType: z.string().max(200).optional(),
  bodyRequired: z.boolean().default(false),
  /** Names of the security schemes the operation accepts (described in the collection). */
  security: z.array(z.string().max(200)).max(50).default([]),
});
export type OperationRef = z.output<typeof operationRefSchema>;

/** What an import did. */
export const importReportSchema = z.object({
  kind: importKindSchema,
  /** The collection's folder in the workspace. */
  folder: z.string(),
  name: z.string(),
  /** `openapi 3.1.0`, `swagger 2.0`, `postman v2.1`, `insomnia v4`. */
  format: z.string(),
  requests: z.number().int(),
  folders: z.number().int(),
  parameters: z.number().int(),
  bodies: z.number().int(),
  /** The environment created for the document's servers or variables, if any. */
  environment: z
    .object({ key: z.string(), name: z.string(), variables: z.number().int() })
    .nullable(),
  /** Security schemes found in the document, one line each. */
  security: z.array(z.string()),
  /** Everything that was not carried over, one line each. */
  notImported: z.array(z.string()),
  /** The created requests (at most the first 500), for the dialog's list. */
  created: z.array(z.object({ path: z.string(), name: z.string(), method: z.string() })),
});
export type ImportReport = z.output<typeof importReportSchema>;

/** One problem of a body checked against its operation's schema, at a place in the text. */
export const bodyProblemSchema = z.object({
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  message: z.string(),
});
export type BodyProblem = z.output<typeof bodyProblemSchema>;
