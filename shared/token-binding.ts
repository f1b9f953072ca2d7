import { z } from 'zod';

/**
 * Whether a connection's token is bound to the connection's own key or certificate: RFC 9449's
 * `cnf.jkt` (DPoP key thumbprint) and RFC 8705's `cnf.x5t#S256` (certificate thumbprint), each
 * compared in main with the value computed from what the connection holds. Thumbprints are
 * public values (hashes of public keys and certificates), so the report may reach the renderer.
 */
export const bindingCheckSchema = z.object({
  claim: z.enum(['jkt', 'x5t#S256']),
  /** The value in the token's `cnf`. */
  tokenValue: z.string(),
  /** The same thumbprint computed from the connection's key or certificate; null without one. */
  connectionValue: z.string().nullable(),
  status: z.enum(['match', 'mismatch', 'no_key']),
  message: z.string(),
});
export type BindingCheck = z.infer<typeof bindingCheckSchema>;

export const bindingReportSchema = z.object({
  /** `unbound`: a JWT without cnf; `unknown`: an opaque token, whose claims cannot be read. */
  state: z.enum(['bound', 'unbound', 'unknown']),
  checks: z.array(bindingCheckSchema),
  message: z.string(),
});
export type BindingReport = z.infer<typeof bindingReportSchema>;
