import { z } from 'zod';
import { ipcErrorSchema } from '../errors.js';
import { draftTextIssues } from './draft-rules.js';

/**
 * The composer's domain types. A draft is what the user edits: text with `{{variables}}`, never a
 * token. Main resolves it against the connection's variables and injects the bearer token itself.
 */

export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const httpMethodSchema = z.enum(httpMethods);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

/** One row of the params, headers, form and variables tables. */
export const rowSchema = z.object({
  name: z.string().max(4_096),
  value: z.string().max(1_000_000),
  enabled: z.boolean().default(true),
});
export type Row = z.output<typeof rowSchema>;

export const bodyModeSchema = z.enum(['none', 'json', 'form', 'raw', 'graphql']);
export type BodyMode = z.infer<typeof bodyModeSchema>;

/** Request bodies typed into the editor: at most 4 MB (browser mode carries calls in 8 MB frames). */
export const MAX_BODY_CHARS = 4 * 1024 * 1024;

/** A GraphQL operation: sent as POST application/json `{ query, variables, operationName }`. */
export const graphqlBodySchema = z.object({
  query: z.string().max(MAX_BODY_CHARS).default(''),
  /** The variables object as JSON text, `{{variables}}` allowed; empty sends none. */
  variables: z.string().max(MAX_BODY_CHARS).default(''),
  /** The operation to run when the document holds several; empty for the only one. */
  operationName: z.string().max(1_000).default(''),
});
export type GraphqlBody = z.output<typeof graphqlBodySchema>;

export const requestBodySchema = z.object({
  mode: bodyModeSchema.default('none'),
  /** The JSON or raw text (kept when switching modes, so nothing typed is lost). */
  text: z.string().max(MAX_BODY_CHARS).default(''),
  form: z.array(rowSchema).max(1_000).default([]),
  /** Content-Type for raw bodies; JSON and form set theirs unless a header overrides it. */
  contentType: z.string().max(200).default('text/plain'),
  /**
   * The GraphQL body (mode `graphql`); kept when switching modes. Optional, so drafts written
   * before it existed, and the files of the workspace, stay as they were.
   */
  graphql: graphqlBodySchema.optional(),
});
export type RequestBody = z.output<typeof requestBodySchema>;

/**
 * How the request authenticates: the connection's token (added by main, never seen here), nothing,
 * or a header the user types (e.g. an API key).
 */
export const requestAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection') }),
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('header'),
    name: z.string().max(200),
    value: z.string().max(64 * 1024),
  }),
]);
export type RequestAuth = z.output<typeof requestAuthSchema>;

export const MAX_TIMEOUT_MS = 900_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Bodies stream to disk; past the maximum response size the download stops (per request). */
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
export const MAX_RESPONSE_BYTES_CEILING = 1024 * 1024 * 1024;

/** Everything the composer edits for one request. */
export const requestDraftSchema = z.object({
  method: httpMethodSchema.default('GET'),
  url: z
    .string()
    .max(64 * 1024)
    .default(''),
  params: z.array(rowSchema).max(1_000).default([]),
  headers: z.array(rowSchema).max(1_000).default([]),
  body: requestBodySchema.default({ mode: 'none', text: '', form: [], contentType: 'text/plain' }),
  auth: requestAuthSchema.default({ type: 'connection' }),
  timeoutMs: z.number().int().min(1_000).max(MAX_TIMEOUT_MS).default(DEFAULT_REQUEST_TIMEOUT_MS),
  followRedirects: z.boolean().default(true),
  /** Absent: DEFAULT_MAX_RESPONSE_BYTES (optional so drafts saved before it still compare equal). */
  maxResponseBytes: z.number().int().min(1024).max(MAX_RESPONSE_BYTES_CEILING).optional(),
});
export type RequestDraft = z.output<typeof requestDraftSchema>;
export type RequestDraftInput = z.input<typeof requestDraftSchema>;

/**
 * A draft as a page sends it to be sent, saved or remembered: the stored shape plus the rules that
 * hold before any variable is filled in (no line break or control character in the URL or in a
 * header; see draft-rules.ts). The stored shape stays lenient so older files still load.
 */
export const requestDraftInputSchema = requestDraftSchema.superRefine((draft, ctx) => {
  for (const issue of draftTextIssues(draft)) ctx.addIssue({ code: 'custom', ...issue });
});

/** A new, empty draft. */
export function emptyDraft(): RequestDraft {
  return requestDraftSchema.parse({});
}

/** Where a variable comes from; user variables win over the connection's. */
export const variableSourceSchema = z.enum(['connection', 'field', 'user']);

export const variableInfoSchema = z.object({
  name: z.string(),
  value: z.string(),
  source: variableSourceSchema,
  description: z.string(),
});
export type VariableInfo = z.infer<typeof variableInfoSchema>;

/** The layer a resolved value comes from, strongest first: request, environment, connection, preset. */
const resolvedVariableSourceSchema = z.enum(['request', 'environment', 'connection', 'preset']);

/** A variable with the value a request will use and where that value comes from. */
export const resolvedVariableSchema = z.object({
  name: z.string(),
  /** Null for a secret variable: its value is read in main only, at send time. */
  value: z.string().nullable(),
  secret: z.boolean(),
  source: resolvedVariableSourceSchema,
  description: z.string(),
});
export type ResolvedVariable = z.infer<typeof resolvedVariableSchema>;

/** One of the preset's documented endpoints, as a ready draft. */
export const catalogTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  docUrl: z.string().nullable(),
  draft: requestDraftSchema,
});
export type CatalogTemplate = z.infer<typeof catalogTemplateSchema>;

export const savedRequestSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  name: z.string().trim().min(1).max(200),
  draft: requestDraftSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SavedRequest = z.infer<typeof savedRequestSchema>;

/** Milliseconds spent in each phase; null when the phase did not happen (e.g. a reused socket). */
export const timingsSchema = z.object({
  token: z.number().nullable(),
  dns: z.number().nullable(),
  connect: z.number().nullable(),
  tls: z.number().nullable(),
  ttfb: z.number().nullable(),
  download: z.number().nullable(),
  total: z.number(),
});
export type Timings = z.infer<typeof timingsSchema>;

export const timelineEntrySchema = z.object({
  /** Milliseconds since the request started. */
  at: z.number(),
  kind: z.enum(['info', 'token', 'connect', 'request', 'response', 'redirect', 'retry', 'error']),
  text: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const bodyKindSchema = z.enum(['json', 'text', 'binary', 'empty']);
export type BodyKind = z.infer<typeof bodyKindSchema>;

export const headerPairSchema = z.object({ name: z.string(), value: z.string() });

/** A response as the viewer sees it; the body stays in main and is read in pages. */
export const responseSummarySchema = z.object({
  responseId: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  headers: z.array(headerPairSchema),
  /** The URL that answered (after redirects). */
  url: z.string(),
  contentType: z.string().nullable(),
  bodyKind: bodyKindSchema,
  /** Bytes of the (decoded) body on disk. */
  size: z.number().int(),
  /** Bytes as they came over the wire (compressed, if the server compressed). */
  wireSize: z.number().int(),
  /** Body content-encoding that main decoded, if any. */
  decoded: z.string().nullable(),
  insecureTls: z.boolean(),
});
export type ResponseSummary = z.infer<typeof responseSummarySchema>;

/** What a send produced: a response, or an error; the timeline and timings in both cases. */
export const exchangeResultSchema = z.object({
  requestId: z.string(),
  historyId: z.string().nullable(),
  /** The URL after variable substitution (query included), as sent. */
  url: z.string(),
  method: httpMethodSchema,
  response: responseSummarySchema.nullable(),
  error: ipcErrorSchema.nullable(),
  timings: timingsSchema,
  timeline: z.array(timelineEntrySchema),
  /** True when a 401 made main renew the token and send once more. */
  retried: z.boolean(),
});
export type ExchangeResult = z.infer<typeof exchangeResultSchema>;

/** A history line: the (scrubbed) draft and what came back, never a token or secret. */
export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  connectionId: z.string(),
  connectionName: z.string(),
  draft: requestDraftSchema,
  /** The URL as sent, with secrets in the query redacted. */
  url: z.string(),
  status: z.number().int().nullable(),
  statusText: z.string().nullable(),
  errorCategory: z.string().nullable(),
  errorMessage: z.string().nullable(),
  durationMs: z.number(),
  size: z.number().int().nullable(),
  retried: z.boolean(),
  /** The body text was longer than history keeps; it was cut. */
  bodyTruncated: z.boolean(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const progressPhaseSchema = z.enum([
  'token',
  'connecting',
  'waiting',
  'downloading',
  'done',
  'cancelled',
  'failed',
]);
export type ProgressPhase = z.infer<typeof progressPhaseSchema>;

export const progressSchema = z.object({
  requestId: z.string(),
  phase: progressPhaseSchema,
  receivedBytes: z.number().int(),
  totalBytes: z.number().int().nullable(),
  status: z.number().int().nullable(),
  elapsedMs: z.number(),
});
export type RequestProgress = z.infer<typeof progressSchema>;

/** One step from the root to a JSON node: an object key or an array index, and the node's offset. */
export const jsonStepSchema = z.object({
  key: z.string().nullable(),
  index: z.number().int(),
  at: z.number().int(),
});
export type JsonStep = z.infer<typeof jsonStepSchema>;

export const jsonTypeSchema = z.enum(['object', 'array', 'string', 'number', 'boolean', 'null']);
export type JsonType = z.infer<typeof jsonTypeSchema>;

/** One child of a JSON node, for the lazily built tree. */
export const jsonChildSchema = z.object({
  key: z.string().nullable(),
  index: z.number().int(),
  /** Byte offsets of the value in the body file: [at, end). */
  at: z.number().int(),
  end: z.number().int(),
  type: jsonTypeSchema,
  /** For scalars: the JSON text of the value (cut when long). */
  preview: z.string(),
  truncated: z.boolean(),
  /** For objects and arrays: the number of children, when cheap to know. */
  count: z.number().int().nullable(),
});
export type JsonChild = z.infer<typeof jsonChildSchema>;

export const bodyMatchSchema = z.object({
  offset: z.number().int(),
  row: z.number().int(),
  preview: z.string(),
  /** For JSON bodies: the node the match is in (key or value), root first. */
  path: z.array(jsonStepSchema).nullable(),
  in: z.enum(['key', 'value', 'text']),
});
export type BodyMatch = z.infer<typeof bodyMatchSchema>;

export const snippetTargetIds = [
  'shell:curl',
  'javascript:fetch',
  'node:fetch',
  'python:requests',
  'go:native',
  'java:nethttp',
  'csharp:httpclient',
  'php:guzzle',
  'powershell:restmethod',
  'shell:httpie',
] as const;
export const snippetTargetSchema = z.enum(snippetTargetIds);
export type SnippetTarget = z.infer<typeof snippetTargetSchema>;
