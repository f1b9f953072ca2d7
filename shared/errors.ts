import { z } from 'zod';

/** Every failure that crosses the IPC boundary has one of these categories. */
export const errorCategorySchema = z.enum([
  // token endpoint / OAuth errors
  'invalid_client',
  'unauthorized_client',
  'invalid_scope',
  'invalid_request',
  'invalid_grant',
  'access_denied',
  // transport
  'http',
  'malformed_response',
  'network',
  'dns',
  'tls',
  'timeout',
  'cancelled',
  'redirect',
  'insecure_url',
  // app
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'storage',
  'internal',
]);
export type ErrorCategory = z.infer<typeof errorCategorySchema>;

/** The error half of every IPC result. Never carries a secret or a token. */
export const ipcErrorSchema = z.object({
  category: errorCategorySchema,
  message: z.string(),
  hint: z.string().optional(),
  status: z.number().int().optional(),
  providerCode: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** What every channel returns: a value, or an error that says what to do. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/**
 * An error the handlers throw on purpose; the dispatcher turns it into `{ ok: false, error }`.
 * Anything else thrown becomes an `internal` error with a generic message.
 */
export class AppError extends Error {
  readonly category: ErrorCategory;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    category: ErrorCategory,
    message: string,
    extra: {
      hint?: string;
      status?: number;
      providerCode?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.category = category;
    this.hint = extra.hint;
    this.status = extra.status;
    this.providerCode = extra.providerCode;
    this.details = extra.details;
  }

  /** The serialisable form sent to the renderer or printed by the CLI. */
  toIpcError(): IpcError {
    const error: IpcError = { category: this.category, message: this.message };
    if (this.hint !== undefined) error.hint = this.hint;
    if (this.status !== undefined) error.status = this.status;
    if (this.providerCode !== undefined) error.providerCode = this.providerCode;
    if (this.details !== undefined) error.details = this.details;
    return error;
  }
}
