import type { JWTPayload } from 'jose';
import type { ExpirySource } from '#shared/connection.js';
import type { AppError } from '#shared/errors.js';
import type { TokenResult } from './token-result.js';

/** `grantline token --json` on success. Contains the token: the CLI prints it on request only. */
export interface CliTokenSuccess {
  ok: true;
  access_token: string;
  token_type: string;
  expires_at: string | null;
  expires_in: number | null;
  scope: string | null;
  expiry_source: ExpirySource;
  claims: JWTPayload | null;
}

/** `grantline token --json` on failure. Never contains a secret. */
export interface CliTokenFailure {
  ok: false;
  error: {
    category: string;
    status: number | null;
    message: string;
    hint: string | null;
    provider_code: string | null;
  };
}

/** The CLI's JSON for a token (the shape `grantline token --help` documents for scripts). */
export function toCliSuccess(token: TokenResult): CliTokenSuccess {
  return {
    ok: true,
    access_token: token.accessToken,
    token_type: token.tokenType,
    expires_at: token.expiresAt === undefined ? null : new Date(token.expiresAt).toISOString(),
    expires_in: token.expiresIn ?? null,
    scope: token.scope ?? null,
    expiry_source: token.expirySource,
    claims: token.claims ?? null,
  };
}

/** The CLI's JSON for a failure. */
export function toCliFailure(error: AppError): CliTokenFailure {
  return {
    ok: false,
    error: {
      category: error.category,
      status: error.status ?? null,
      message: error.message,
      hint: error.hint ?? null,
      provider_code: error.providerCode ?? null,
    },
  };
}
