import { z } from 'zod';
import { connectionInputSchema, connectionObjectSchema, tokenStatusSchema } from '../connection.js';

/** Channels for saved connections and their (write-only) secrets. */

export const secretKindSchema = z.enum(['clientSecret', 'privateKey', 'clientCert', 'clientKey']);
export type SecretKindName = z.infer<typeof secretKindSchema>;

/** Secret values the renderer may send; main stores them and never sends them back. */
export const secretValuesSchema = z
  .object({
    clientSecret: z.string().max(64 * 1024),
    privateKey: z.string().max(64 * 1024),
    clientCert: z.string().max(64 * 1024),
    clientKey: z.string().max(64 * 1024),
  })
  .partial();

export const secretPresenceSchema = z.object({
  clientSecret: z.boolean(),
  privateKey: z.boolean(),
  clientCert: z.boolean(),
  clientKey: z.boolean(),
});
export type SecretPresence = z.infer<typeof secretPresenceSchema>;

/** A connection as the renderer sees it: settings, which secrets exist, and its token status. */
export const connectionViewSchema = z.object({
  connection: connectionObjectSchema,
  secrets: secretPresenceSchema,
  status: tokenStatusSchema,
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

const idArgs = z.object({ id: z.string().min(1) });

export const connectionsChannels = {
  'connections:list': {
    args: z.void(),
    result: z.object({ connections: z.array(connectionViewSchema) }),
  },
  'connections:get': { args: idArgs, result: connectionViewSchema },
  /** Create (no id) or update; secrets sent here are stored, not echoed. Empty string deletes one. */
  'connections:save': {
    args: z.object({ connection: connectionInputSchema, secrets: secretValuesSchema.optional() }),
    result: connectionViewSchema,
  },
  'connections:rename': {
    args: z.object({ id: z.string().min(1), name: z.string().trim().min(1).max(200) }),
    result: connectionViewSchema,
  },
  'connections:duplicate': {
    args: z.object({ id: z.string().min(1), name: z.string().trim().max(200).optional() }),
    result: connectionViewSchema,
  },
  /** Deletes the connection and all of its secrets. */
  'connections:delete': { args: idArgs, result: z.object({ id: z.string() }) },
  /** Set, replace (a value) or delete (empty string) secrets; answers only which are stored. */
  'secrets:set': {
    args: z.object({ connectionId: z.string().min(1), secrets: secretValuesSchema }),
    result: secretPresenceSchema,
  },
  'secrets:status': {
    args: z.object({ connectionId: z.string().min(1) }),
    result: secretPresenceSchema,
  },
} as const;

export const connectionsEvents = {
  'tokens:status-changed': tokenStatusSchema,
} as const;
