import { z } from 'zod';
import { connectionInputSchema, connectionObjectSchema, tokenStatusSchema } from '../connection.js';
import { describeLength, inputLimits, singleLine } from '../input-rules.js';

/** Channels for saved connections and their (write-only) secrets. */

export const secretKindSchema = z.enum(['clientSecret', 'privateKey', 'clientCert', 'clientKey']);

/** Secret values the renderer may send; main stores them and never sends them back. */
/** The longest secret, key or certificate main accepts (a PEM chain is a few KB). */
export const MAX_SECRET_CHARS = 64 * 1024;
const secretText = (what: string): z.ZodString =>
  z
    .string()
    .max(
      MAX_SECRET_CHARS,
      `${what} is too long: at most ${describeLength(MAX_SECRET_CHARS)} fits. Check that you pasted the right thing.`,
    );
export const secretValuesSchema = z
  .object({
    clientSecret: secretText('The client secret'),
    privateKey: secretText('The private key'),
    clientCert: secretText('The client certificate'),
    clientKey: secretText('The client key'),
  })
  .partial();

/** A connection name as the rename and duplicate forms send it. */
export const connectionNameSchema = singleLine('The name', inputLimits.name)
  .trim()
  .min(1, 'Give the connection a name.');

export const secretPresenceSchema = z.object({
  clientSecret: z.boolean(),
  privateKey: z.boolean(),
  clientCert: z.boolean(),
  clientKey: z.boolean(),
});

/** A connection as the renderer sees it: settings, which secrets exist, and its token status. */
export const connectionViewSchema = z.object({
  connection: connectionObjectSchema,
  secrets: secretPresenceSchema,
  status: tokenStatusSchema,
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

/**
 * The id a wizard session gives its draft, so main can hold the draft's secrets (a key file's
 * private key, a DPoP key) between the drop, the test and the save without the page keeping them.
 */
export const draftIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'A draft id is 8 to 64 letters, digits or dashes.');

/** What a service-account key file says, without its private key (which main keeps). */
export const keyFileFactsSchema = z.object({
  clientEmail: z.string(),
  privateKeyId: z.string(),
  tokenUri: z.string(),
  projectId: z.string().nullable(),
});
export type KeyFileFacts = z.infer<typeof keyFileFactsSchema>;

// Ids are UUIDs; the bound keeps a caller from sending megabytes where an id belongs.
const connectionId = z.string().min(1).max(200);
const idArgs = z.object({ id: connectionId });

export const connectionsChannels = {
  'connections:list': {
    args: z.void(),
    result: z.object({ connections: z.array(connectionViewSchema) }),
  },
  'connections:get': { args: idArgs, result: connectionViewSchema },
  /** Create (no id) or update; secrets sent here are stored, not echoed. Empty string deletes one. */
  'connections:save': {
    args: z.object({
      connection: connectionInputSchema,
      secrets: secretValuesSchema.optional(),
      /** The wizard session whose held secrets (key file's key, DPoP key) the connection takes. */
      draftId: draftIdSchema.optional(),
    }),
    result: connectionViewSchema,
  },
  'connections:rename': {
    args: z.object({ id: connectionId, name: connectionNameSchema }),
    result: connectionViewSchema,
  },
  'connections:duplicate': {
    args: z.object({
      id: connectionId,
      name: singleLine('The name', inputLimits.name).trim().optional(),
    }),
    result: connectionViewSchema,
  },
  /** Lets the composer send the connection's token to one more origin (scheme://host[:port]). */
  'connections:allow-token-origin': {
    args: z.object({
      id: connectionId,
      origin: singleLine('The origin', inputLimits.short).min(1),
    }),
    result: connectionViewSchema,
  },
  /**
   * A dropped service-account key file's text: main keeps its private key for the draft (sealed in
   * the secret store) and answers only the public facts. The text is never echoed or logged.
   */
  'connections:read-key-file': {
    args: z.object({ draftId: draftIdSchema, text: secretText('The key file') }),
    result: keyFileFactsSchema,
  },
  /** Forget the secrets main holds for a wizard draft (the wizard was cancelled). */
  'connections:discard-draft': {
    args: z.object({ draftId: draftIdSchema }),
    result: z.object({ discarded: z.boolean() }),
  },
  /** Deletes the connection and all of its secrets. */
  'connections:delete': { args: idArgs, result: z.object({ id: z.string() }) },
  /** Set, replace (a value) or delete (empty string) secrets; answers only which are stored. */
  'secrets:set': {
    args: z.object({ connectionId, secrets: secretValuesSchema }),
    result: secretPresenceSchema,
  },
  'secrets:status': {
    args: z.object({ connectionId }),
    result: secretPresenceSchema,
  },
} as const;

export const connectionsEvents = {
  'tokens:status-changed': tokenStatusSchema,
} as const;
