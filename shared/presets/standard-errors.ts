import type { ErrorHintRule } from './types.js';

/**
 * RFC 6749 §5.2 error codes (plus RFC 8707's invalid_target) with hints that hold for any
 * provider. A preset's own table is consulted first, so these are the fallback.
 */
export const standardErrorHints: readonly ErrorHintRule[] = [
  {
    code: 'invalid_client',
    category: 'invalid_client',
    meaning: 'The server did not accept the client credentials',
    hint: 'Check the client ID and secret (no stray spaces or newline). If both are right, the server may expect another client authentication method: run the connection test to try them.',
  },
  {
    code: 'unauthorized_client',
    category: 'unauthorized_client',
    meaning: 'This client is not allowed to use the client-credentials grant',
    hint: 'Enable the client-credentials grant (often called "service account") for this client on the server.',
  },
  {
    code: 'invalid_scope',
    category: 'invalid_scope',
    meaning: 'The requested scope is not allowed for this client',
    hint: 'Remove the scope or ask for one the client has been granted.',
  },
  {
    code: 'invalid_request',
    category: 'invalid_request',
    meaning: 'The server found the token request malformed',
    hint: 'Check extra parameters, the body encoding (form or JSON) and the grant type value.',
  },
  {
    code: 'invalid_grant',
    category: 'invalid_grant',
    meaning: 'The server rejected the grant',
    hint: 'Check the grant type and any extra parameters this provider requires.',
  },
  {
    code: 'unsupported_grant_type',
    category: 'invalid_request',
    meaning: 'The server does not support this grant_type value',
    hint: 'Most servers want client_credentials; some (AppViewX) want a different spelling such as Client_Credentials.',
  },
  {
    code: 'access_denied',
    category: 'access_denied',
    meaning: 'The server refused to issue a token',
    hint: 'The client may be disabled or lack the role needed; check it on the server.',
  },
  {
    code: 'invalid_target',
    category: 'invalid_request',
    meaning: 'The requested resource or audience is not valid',
    hint: 'Check the resource and audience values.',
  },
  {
    code: 'temporarily_unavailable',
    category: 'http',
    meaning: 'The server is temporarily unable to issue tokens',
    hint: 'Try again in a moment.',
  },
  {
    code: 'server_error',
    category: 'http',
    meaning: 'The token endpoint failed',
    hint: 'Try again later; if it persists, the server logs will say why.',
  },
];

/** Status-only fallbacks for answers that carry no recognisable error code. */
export const statusErrorHints: readonly ErrorHintRule[] = [
  {
    status: 400,
    category: 'invalid_request',
    meaning: 'The server rejected the token request',
    hint: 'Check the client ID and secret, the grant type and any extra parameters.',
  },
  {
    status: 401,
    category: 'invalid_client',
    meaning: 'The server did not accept the client credentials',
    hint: 'Check the client ID and secret; run the connection test to try the other client authentication methods.',
  },
  {
    status: 403,
    category: 'access_denied',
    meaning: 'The server refused the request',
    hint: 'The client may be disabled, or a firewall or gateway policy may block it.',
  },
  {
    status: 404,
    category: 'http',
    meaning: 'Nothing was found at this URL',
    hint: 'Is this the token endpoint? Check the host, port and path.',
  },
  {
    status: 405,
    category: 'http',
    meaning: 'This URL does not accept POST',
    hint: 'Is this the token endpoint? Token requests are POSTs to the endpoint the provider documents.',
  },
  {
    status: 429,
    category: 'http',
    meaning: 'The server is rate limiting this client',
    hint: 'Wait before retrying; tokens are cached, so this usually means another tool is also requesting tokens.',
  },
];
