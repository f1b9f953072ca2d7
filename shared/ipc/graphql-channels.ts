import { z } from 'zod';
import { requestDraftInputSchema, rowSchema } from '../requests/schemas.js';
import { environmentKeySchema } from '../workspace/schemas.js';

/** The most SDL text `graphql:schema` hands to the page (browser mode carries 8 MB frames). */
export const MAX_SCHEMA_SDL_CHARS = 6 * 1024 * 1024;

/**
 * Channels of GraphQL requests. The page never fetches the schema itself: main sends the standard
 * introspection query to the draft's URL with the connection's token (its headers, TLS trust and
 * 401 → renew → retry rule, like any request), and answers the schema as SDL, which is a fraction
 * of the introspection JSON and is all the editor needs for completion, checks and docs.
 */
export const graphqlChannels = {
  /** The schema of the GraphQL endpoint the draft points at, from main's cache unless `refresh`. */
  'graphql:schema': {
    args: z.object({
      connectionId: z.string().min(1).max(200),
      /** The request whose URL, headers, auth and options the introspection query is sent with. */
      draft: requestDraftInputSchema,
      variables: z.array(rowSchema).max(500).default([]),
      environment: environmentKeySchema.optional(),
      /** Fetch again even when main holds the schema of this endpoint. */
      refresh: z.boolean().default(false),
    }),
    result: z.object({
      /** The schema in the GraphQL schema language, descriptions included. */
      sdl: z.string().max(MAX_SCHEMA_SDL_CHARS),
      /** The endpoint as it was called (variables filled in, secret values masked). */
      url: z.string(),
      fetchedAt: z.iso.datetime(),
      fromCache: z.boolean(),
      /** Named types of the schema, built-in scalars and introspection types left out. */
      typeCount: z.number().int().min(0),
    }),
  },
} as const;
