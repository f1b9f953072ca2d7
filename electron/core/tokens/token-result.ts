import type { DpopSigner } from './dpop.js';
import type { JWTPayload } from 'jose';
import type { ExpirySource } from '#shared/connection.js';
import type { CertificateInfo } from '../http/tls-trust.js';

/** A token as the engine holds it. Only revealToken and withToken hand `accessToken` out. */
export interface TokenResult {
  accessToken: string;
  /** `Bearer` whatever case the server used; other types as sent. */
  tokenType: string;
  scope: string | undefined;
  /** Lifetime in seconds as learned from the response (not time left). */
  expiresIn: number | undefined;
  /** Epoch milliseconds. */
  expiresAt: number | undefined;
  expirySource: ExpirySource;
  /** Epoch milliseconds when the request was sent (a conservative start for expires_in). */
  obtainedAt: number;
  /** The decoded JWT payload when the token is a JWT (never verified: for display only). */
  claims: JWTPayload | undefined;
  /** Other non-sensitive response fields (numbers, flags, short strings) for the inspector. */
  extras: Record<string, unknown>;
  warnings: string[];
  peerCertificate: CertificateInfo | undefined;
  insecureTls: boolean;
  /** The DPoP key the token was requested with (its thumbprint and proof signer), if any. */
  dpop?: DpopSigner | undefined;
}
