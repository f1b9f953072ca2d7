import type { AuthMethod, BodyEncoding, ResponseMapping } from '#shared/connection.js';
import type { ErrorHintRule } from '#shared/presets/types.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';
import type { JwtBearerAssertionSpec } from './assertions.js';
import type { DpopSigner } from './dpop.js';

/** RFC 8693 token exchange: the subject token, given or obtained from another connection. */
export interface TokenExchangeSpec {
  /** The token to exchange, when it is given (CLI); otherwise the engine gets it. */
  subjectToken?: string | undefined;
  /** The saved connection whose token is the subject token (renewed through the engine). */
  subjectConnectionId?: string | undefined;
  subjectTokenType: string;
  requestedTokenType?: string | undefined;
}

/**
 * Everything needed to request one token, with secrets resolved. It lives only in the main
 * process, for the duration of a request; nothing here is persisted or sent to the renderer.
 */
export interface TokenRequestSpec {
  /** For status events and logs; not part of the cache key. */
  connectionId?: string | undefined;
  presetId?: string | undefined;
  tokenUrl: string;
  clientId: string;
  authMethod: AuthMethod;
  clientSecret?: string | undefined;
  /** PEM (PKCS#8) or JWK (JSON text) private key for private_key_jwt. */
  privateKey?:
    { key: string; alg: string; kid?: string | undefined; lifetimeSec?: number } | undefined;
  grantType: string;
  /** JWT bearer grant (RFC 7523 §2.1): the assertion signed for each token request. */
  jwtBearer?: JwtBearerAssertionSpec | undefined;
  tokenExchange?: TokenExchangeSpec | undefined;
  /** DPoP (RFC 9449): the connection's key; every token request then carries a proof. */
  dpop?: DpopSigner | undefined;
  scope?: string | undefined;
  audience?: string | undefined;
  resource?: string | undefined;
  extraBodyParams: Record<string, string>;
  extraQueryParams: Record<string, string>;
  extraHeaders: Record<string, string>;
  bodyEncoding: BodyEncoding;
  responseMapping: ResponseMapping;
  /** The preset's error table, consulted before the standard OAuth2 hints. */
  errorHints: readonly ErrorHintRule[];
  tls: TlsTrustOptions;
  allowHttp: boolean;
  timeoutMs: number;
}
