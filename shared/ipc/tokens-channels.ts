import { z } from 'zod';
import { bindingReportSchema } from '../token-binding.js';
import {
  authMethodSchema,
  connectionInputSchema,
  expirySourceSchema,
  tokenStatusSchema,
} from '../connection.js';
import { ipcErrorSchema } from '../errors.js';
import { draftIdSchema, secretValuesSchema } from './connections-channels.js';

/** Channels of the token engine: status, fetch, reveal, and the wizard's connection test. */

/** What the user needs to decide whether to trust a server certificate. */
export const certificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  /** SHA-256 of the DER certificate, AB:CD:… as browsers and openssl print it. */
  fingerprint256: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  subjectAltName: z.string().optional(),
  serialNumber: z.string(),
  selfSigned: z.boolean(),
});
export type CertificateInfoView = z.infer<typeof certificateInfoSchema>;

/** A token described without the token itself. */
export const tokenSummarySchema = z.object({
  tokenType: z.string(),
  scope: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expiresIn: z.number().nullable(),
  expirySource: expirySourceSchema,
  claims: z.record(z.string(), z.unknown()).nullable(),
  extras: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()),
});

/** A token request and its answer with credentials and tokens redacted (connection test). */
export const httpExchangeSchema = z.object({
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
  response: z
    .object({
      status: z.number().int(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      /** The body was longer than shown. */
      truncated: z.boolean(),
      durationMs: z.number(),
    })
    .nullable(),
});
export type HttpExchangeView = z.infer<typeof httpExchangeSchema>;

/** One way of sending the client credentials that the connection test tried. */
export const connectionTestAttemptSchema = z.object({
  authMethod: authMethodSchema,
  ok: z.boolean(),
  error: ipcErrorSchema.nullable(),
  durationMs: z.number(),
  /** The request and answer, redacted; null when nothing was sent. */
  exchange: httpExchangeSchema.nullable(),
});

export const connectionTestReportSchema = z.object({
  /** True when the connection works exactly as configured. */
  ok: z.boolean(),
  configuredMethod: authMethodSchema,
  /** The method that got a token (may differ from the configured one), or null. */
  workingMethod: authMethodSchema.nullable(),
  attempts: z.array(connectionTestAttemptSchema),
  /** One sentence for the user: what happened and what to change. */
  message: z.string(),
  token: tokenSummarySchema.nullable(),
  /** The error of the configured method, when it failed. */
  error: ipcErrorSchema.nullable(),
  peerCertificate: certificateInfoSchema.nullable(),
  insecureTls: z.boolean(),
  /** The configured method's exchange, redacted; null when no request went out. */
  exchange: httpExchangeSchema.nullable(),
});
export type ConnectionTestReportView = z.infer<typeof connectionTestReportSchema>;

/** The raw token, for an explicit "copy" or "reveal" by the user, or the CLI. */
export const revealedTokenSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  scope: z.string().nullable(),
  expiresAt: z.string().nullable(),
  expirySource: expirySourceSchema,
});

const connectionIdArgs = z.object({ connectionId: z.string().min(1).max(200) });

export const tokensChannels = {
  'tokens:get-status': { args: connectionIdArgs, result: tokenStatusSchema },
  /** Get a token now (from the cache unless `force`); answers the status, never the token. */
  'tokens:fetch': {
    args: z.object({ connectionId: z.string().min(1).max(200), force: z.boolean().optional() }),
    result: tokenStatusSchema,
  },
  'tokens:invalidate': { args: connectionIdArgs, result: tokenStatusSchema },
  'tokens:cancel': { args: connectionIdArgs, result: tokenStatusSchema },
  /** The only channel that returns a raw token: called on an explicit reveal or copy. */
  'tokens:reveal': {
    args: z.object({
      connectionId: z.string().min(1).max(200),
      purpose: z.enum(['reveal', 'copy']),
    }),
    result: revealedTokenSchema,
  },
  /**
   * Test settings before (or after) saving them: a real token request, and on invalid_client the
   * other secret methods. Secrets come from `secrets`, else from the saved connection `connectionId`.
   */
  'tokens:test': {
    args: z.object({
      connection: connectionInputSchema,
      secrets: secretValuesSchema.optional(),
      connectionId: z.string().min(1).max(200).optional(),
      /** Names this test so `tokens:cancel-test` can stop it (the wizard's "Stop waiting"). */
      testId: z.string().min(1).max(100).optional(),
      /** The wizard session: its key file's key and its DPoP key (made here once, then kept). */
      draftId: draftIdSchema.optional(),
      /**
       * After a rejected client, try the other ways of sending the secret that the preset
       * accepts (default); false sends the secret once only.
       */
      tryOtherMethods: z.boolean().optional(),
    }),
    result: connectionTestReportSchema,
  },
  /**
   * Whether the connection's token is bound (cnf.jkt, cnf.x5t#S256) to the connection's DPoP key
   * or client certificate, checked in main; gets a token first when none is cached.
   */
  'tokens:binding': { args: connectionIdArgs, result: bindingReportSchema },
  /** Abort a running `tokens:test`; `cancelled` is false when it had already finished. */
  'tokens:cancel-test': {
    args: z.object({ testId: z.string().min(1).max(100) }),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** OpenID Connect discovery for the wizard's "Discover" button. */
  'tokens:discover': {
    args: z.object({
      issuer: z.string().trim().min(1).max(2048),
      allowHttp: z.boolean().optional(),
      caPem: z.string().max(1_000_000).optional(),
      pinnedSha256: z.string().max(200).optional(),
      insecure: z.boolean().optional(),
    }),
    result: z.object({
      issuer: z.string(),
      tokenEndpoint: z.string(),
      jwksUri: z.string().nullable(),
      tokenEndpointAuthMethods: z.array(z.string()).nullable(),
    }),
  },
} as const;
