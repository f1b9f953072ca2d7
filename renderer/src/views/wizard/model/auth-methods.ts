import { authMethodSchema, type AuthMethod } from '#shared/connection.js';

/**
 * Every client authentication method, in the order the form lists "other" methods. `none` is left
 * out: only the JWT bearer grant (a key file) goes without client authentication.
 */
export const allAuthMethods: readonly AuthMethod[] = authMethodSchema.options.filter(
  (m) => m !== 'none',
);

const labels: Record<AuthMethod, string> = {
  client_secret_basic: 'HTTP Basic',
  client_secret_basic_raw: 'HTTP Basic, unencoded',
  client_secret_post: 'Form body',
  private_key_jwt: 'Signed JWT (private key)',
  tls_client_auth: 'Client certificate (mutual TLS)',
  client_secret_jwt: 'Signed JWT (client secret)',
  none: 'No client authentication',
};

const explanations: Record<AuthMethod, string> = {
  client_secret_basic:
    'ID and secret in an Authorization: Basic header, form-encoded first as RFC 6749 asks.',
  client_secret_basic_raw:
    'ID and secret in an Authorization: Basic header exactly as typed (some servers, such as AppViewX, expect this).',
  client_secret_post: 'client_id and client_secret as fields of the request body.',
  private_key_jwt: 'A short-lived JWT signed with your private key (RFC 7523); no secret is sent.',
  tls_client_auth: 'The client certificate presented during the TLS handshake is the credential.',
  client_secret_jwt:
    'A short-lived JWT signed (HS256) with the client secret (RFC 7523); the secret itself is not sent.',
  none: 'Nothing but the grant itself, e.g. an assertion signed with a service account’s key.',
};

/** Short human name, e.g. "HTTP Basic". */
export function authMethodLabel(method: AuthMethod): string {
  return labels[method];
}

/** "HTTP Basic (client_secret_basic)": the name people know and the one the docs use. */
export function authMethodName(method: AuthMethod): string {
  return `${labels[method]} (${method})`;
}

/** One sentence on what the method sends. */
export function authMethodExplanation(method: AuthMethod): string {
  return explanations[method];
}

/** True for the methods that send a client secret. */
export function usesSecret(method: AuthMethod): boolean {
  return method.startsWith('client_secret_');
}
