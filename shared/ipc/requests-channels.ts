import { z } from 'zod';
import {
  bodyMatchSchema,
  catalogTemplateSchema,
  exchangeResultSchema,
  historyEntrySchema,
  jsonChildSchema,
  jsonTypeSchema,
  progressSchema,
  requestDraftInputSchema,
  requestDraftSchema,
  rowSchema,
  savedRequestSchema,
  snippetTargetSchema,
  variableInfoSchema,
} from '../requests/schemas.js';
import { environmentKeySchema } from '../workspace/schemas.js';

/**
 * Channels of the request composer. Drafts travel renderer → main with `{{variables}}` in them;
 * main fills them in, adds the connection's token itself and streams the response body to a temp
 * file that the viewer reads in pages. No result here carries a token, except `requests:snippet`
 * when the user explicitly asks for the real one.
 */

const connectionId = z.string().min(1).max(200);
const requestId = z.string().min(8).max(100);
const responseId = z.string().min(8).max(100);
const offset = z.number().int().min(0);
const userVariables = z.array(rowSchema).max(500).default([]);

/** The most the viewer reads in one call. */
export const MAX_READ_BYTES = 1024 * 1024;
/** The most rows the raw view asks for in one call. */
export const MAX_ROWS_PER_READ = 2_000;

export const requestsChannels = {
  /** Variables, catalog templates, saved requests and the last draft of one connection. */
  'requests:context': {
    args: z.object({ connectionId }),
    result: z.object({
      connectionId: z.string(),
      connectionName: z.string(),
      presetId: z.string(),
      presetName: z.string(),
      variables: z.array(variableInfoSchema),
      catalog: z.array(catalogTemplateSchema),
      saved: z.array(savedRequestSchema),
      last: z.object({ draft: requestDraftSchema, variables: z.array(rowSchema) }).nullable(),
    }),
  },
  /** Send a draft; resolves when the whole body is on disk, or with the error (timeline included). */
  'requests:send': {
    args: z.object({
      requestId,
      connectionId,
      draft: requestDraftInputSchema,
      variables: userVariables,
      /** The workspace environment whose variables apply (by key), if any. */
      environment: environmentKeySchema.optional(),
    }),
    result: exchangeResultSchema,
  },
  'requests:cancel': {
    args: z.object({ requestId }),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** A slice of the body: UTF-8 text cut at a character boundary, or base64 bytes. */
  'requests:read-body': {
    args: z.object({
      responseId,
      offset,
      length: z.number().int().min(1).max(MAX_READ_BYTES),
      encoding: z.enum(['text', 'base64']),
    }),
    result: z.object({
      offset: z.number().int(),
      nextOffset: z.number().int(),
      totalBytes: z.number().int(),
      data: z.string(),
      eof: z.boolean(),
    }),
  },
  /** Rows of the body text for the raw view: lines, long lines cut where a value ends. */
  'requests:body-rows': {
    args: z.object({
      responseId,
      fromRow: z.number().int().min(0),
      count: z.number().int().min(1).max(MAX_ROWS_PER_READ),
    }),
    result: z.object({
      totalRows: z.number().int(),
      fromRow: z.number().int(),
      rows: z.array(z.string()),
      /** Byte offset of each returned row. */
      offsets: z.array(z.number().int()),
      /** The line (from 0) of each returned row: a long line is cut into several rows. */
      lines: z.array(z.number().int()),
    }),
  },
  /**
   * Lines of the pretty-printed body (JSON, XML, HTML), formatted in main into a file beside the
   * body. Answers as soon as the asked lines exist; `complete` says whether the count is final.
   */
  'requests:pretty-rows': {
    args: z.object({
      responseId,
      fromRow: z.number().int().min(0),
      count: z.number().int().min(1).max(MAX_ROWS_PER_READ),
    }),
    result: z.object({
      language: z.enum(['json', 'xml', 'html']),
      totalRows: z.number().int(),
      complete: z.boolean(),
      fromRow: z.number().int(),
      rows: z.array(z.string()),
      /** For each row, the last row of the block it opens (for folding), or null. */
      folds: z.array(z.number().int().nullable()),
      /** For each row, whether it was cut (a line longer than 16 KB; the raw view has it whole). */
      cut: z.array(z.boolean()),
    }),
  },
  /**
   * The live filter: a JSONPath expression run in main over a JSON body. The matches, as a JSON
   * array, become a derived body (shown with `requests:pretty-rows`), replacing the previous one.
   */
  'requests:filter-body': {
    args: z.object({ responseId, expression: z.string().min(1).max(2_000) }),
    result: z.object({ responseId: z.string(), count: z.number().int() }),
  },
  /** An image body (PNG, JPEG, GIF, WebP, SVG; at most 10 MB) as a data: URL for an <img>. */
  'requests:body-image': {
    args: z.object({ responseId }),
    result: z.object({ mime: z.string(), dataUrl: z.string() }),
  },
  /**
   * A line diff of this response against the previous kept response of the same request (same
   * method and URL without query), over their pretty forms; rows a page at a time.
   */
  'requests:compare-rows': {
    args: z.object({
      responseId,
      fromRow: z.number().int().min(0),
      count: z.number().int().min(1).max(MAX_ROWS_PER_READ),
    }),
    result: z.object({
      previousId: z.string(),
      totalRows: z.number().int(),
      added: z.number().int(),
      removed: z.number().int(),
      fromRow: z.number().int(),
      rows: z.array(
        z.object({
          kind: z.enum(['same', 'added', 'removed']),
          /** Line numbers in the previous and in this response (from 0), null where absent. */
          left: z.number().int().nullable(),
          right: z.number().int().nullable(),
          text: z.string(),
        }),
      ),
    }),
  },
  /** Children of one JSON node (the root when `at` is omitted), a page at a time. */
  'requests:json-children': {
    args: z.object({
      responseId,
      at: offset.optional(),
      from: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1_000).default(200),
    }),
    result: z.object({
      at: z.number().int(),
      end: z.number().int(),
      type: jsonTypeSchema,
      count: z.number().int(),
      from: z.number().int(),
      children: z.array(jsonChildSchema),
    }),
  },
  /** The JSON text of one node, for "copy value" (refused past a few MB). */
  'requests:json-value': {
    args: z.object({ responseId, at: offset }),
    result: z.object({ text: z.string() }),
  },
  /** Case-insensitive search through the body; JSON matches come with their path. */
  'requests:search-body': {
    args: z.object({
      responseId,
      query: z.string().min(1).max(500),
      limit: z.number().int().min(1).max(1_000).default(200),
      /** Search the body as received, or its pretty form (rows are then pretty lines). */
      target: z.enum(['body', 'pretty']).default('body'),
    }),
    result: z.object({
      matches: z.array(bodyMatchSchema),
      /** More matches exist than were returned. */
      truncated: z.boolean(),
    }),
  },
  /**
   * Save a response body to a file the user picks in the desktop app's save dialog. Main copies
   * the body from its temp file; it never crosses to the page. Where there is no such dialog
   * (browser mode) the answer is `unsupported`, and the page saves through the browser instead.
   */
  'requests:save-body': {
    args: z.object({ responseId, suggestedName: z.string().min(1).max(255) }),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('saved'), path: z.string(), bytes: z.number().int() }),
      z.object({ outcome: z.literal('cancelled') }),
      z.object({ outcome: z.literal('unsupported') }),
    ]),
  },
  /**
   * Forget a response and delete its temp file; the answer just before a newer one to the same
   * request is kept a while longer, for Compare.
   */
  'requests:release': {
    args: z.object({ responseId }),
    result: z.object({ released: z.boolean() }),
  },
  /** History, newest first; `query` matches URL, method, status and connection name. */
  'requests:history': {
    args: z.object({
      connectionId: connectionId.optional(),
      query: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ entries: z.array(historyEntrySchema), total: z.number().int() }),
  },
  'requests:clear-history': {
    args: z.object({ connectionId: connectionId.optional() }),
    result: z.object({ removed: z.number().int() }),
  },
  /** Save (create, or update with `id`) a named request of a connection. */
  'requests:save': {
    args: z.object({
      connectionId,
      id: z.string().min(1).max(100).optional(),
      name: z.string().trim().min(1, 'Give the request a name').max(200),
      draft: requestDraftInputSchema,
    }),
    result: savedRequestSchema,
  },
  'requests:delete-saved': {
    args: z.object({ connectionId, id: z.string().min(1).max(100) }),
    result: z.object({ id: z.string() }),
  },
  /** Remember the draft being edited, so it comes back after a restart (credentials scrubbed). */
  'requests:remember': {
    args: z.object({ connectionId, draft: requestDraftInputSchema, variables: userVariables }),
    result: z.object({ remembered: z.boolean() }),
  },
  /**
   * Code for the draft in a language. Authorization is redacted unless `includeToken`: then main
   * puts in the connection's current token (the user chose to copy it).
   */
  'requests:snippet': {
    args: z.object({
      connectionId,
      draft: requestDraftInputSchema,
      variables: userVariables,
      target: snippetTargetSchema,
      includeToken: z.boolean().default(false),
    }),
    result: z.object({ code: z.string(), redacted: z.boolean() }),
  },
  /** Parse a pasted curl command into a draft for this connection. */
  'requests:import-curl': {
    args: z.object({ connectionId, command: z.string().max(1_000_000) }),
    result: z.object({ draft: requestDraftSchema, notes: z.array(z.string()) }),
  },
} as const;

export const requestsEvents = {
  /** Progress of a running request (throttled); never carries body bytes or headers. */
  'requests:progress': progressSchema,
} as const;
