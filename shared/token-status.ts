import { z } from 'zod';
import { ipcErrorSchema } from './errors.js';

/** A connection's token status as the renderer sees it: never the token itself. */

/** How the expiry of a token was learned. `unknown` is said plainly in the UI. */
export const expirySourceSchema = z.enum(['expires_in', 'expires_at', 'jwt_exp', 'unknown']);
export type ExpirySource = z.infer<typeof expirySourceSchema>;

export const tokenStateSchema = z.enum([
  'none',
  'fetching',
  'valid',
  'expiring',
  'expired',
  'error',
]);
export type TokenState = z.infer<typeof tokenStateSchema>;

/** The few claims worth showing next to a connection; never the token itself. */
export const claimsSummarySchema = z.object({
  iss: z.string().optional(),
  sub: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  clientId: z.string().optional(),
  scope: z.string().optional(),
  iat: z.number().optional(),
  nbf: z.number().optional(),
  exp: z.number().optional(),
  claimCount: z.number().int(),
});
export type ClaimsSummary = z.infer<typeof claimsSummarySchema>;

/** Token status for `tokens:status-changed` events and `tokens:get-status`. */
export const tokenStatusSchema = z.object({
  connectionId: z.string(),
  state: tokenStateSchema,
  tokenType: z.string().nullable(),
  scope: z.string().nullable(),
  obtainedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  /** Whole seconds left at the time of the status, or null when unknown. */
  expiresInSec: z.number().int().nullable(),
  expirySource: expirySourceSchema.nullable(),
  claims: claimsSummarySchema.nullable(),
  /** The last failure; may sit next to a still-valid token when a renewal failed. */
  error: ipcErrorSchema.nullable(),
  /** When the engine will try again after failures (backoff), if it is waiting. */
  retryAt: z.iso.datetime().nullable(),
  /** True when the token came over a connection with certificate checks switched off. */
  insecureTls: z.boolean(),
  warnings: z.array(z.string()),
});
export type TokenStatus = z.infer<typeof tokenStatusSchema>;
