import { createHash, X509Certificate } from 'node:crypto';
import type { BindingCheck, BindingReport } from '#shared/token-binding.js';

/** SHA-256 thumbprint of a certificate's DER, base64url: what `cnf.x5t#S256` holds (RFC 8705 §3.1). */
export function certificateThumbprint(pem: string): string | undefined {
  try {
    return createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');
  } catch {
    return undefined;
  }
}

/**
 * Compare a token's `cnf` with the connection's DPoP key thumbprint and client certificate.
 * `claims` null means the token is not a JWT (opaque), so its binding cannot be read here.
 */
export function checkBinding(
  claims: Record<string, unknown> | null,
  connection: { dpopJkt: string | undefined; clientCertPem: string | undefined },
): BindingReport {
  if (claims === null) {
    return {
      state: 'unknown',
      checks: [],
      message:
        'The token is not a JWT, so its binding cannot be read from it; ask the issuer’s introspection endpoint.',
    };
  }
  const cnf = claims.cnf;
  const entries =
    typeof cnf === 'object' && cnf !== null ? (cnf as Record<string, unknown>) : undefined;
  const checks: BindingCheck[] = [];
  const jkt = entries?.jkt;
  if (typeof jkt === 'string') {
    const own = connection.dpopJkt;
    checks.push({
      claim: 'jkt',
      tokenValue: jkt,
      connectionValue: own ?? null,
      status: own === undefined ? 'no_key' : own === jkt ? 'match' : 'mismatch',
      message:
        own === undefined
          ? 'The token is bound to a DPoP key, but this connection has none: APIs will refuse it from here.'
          : own === jkt
            ? 'Bound to this connection’s DPoP key.'
            : 'Bound to another DPoP key than this connection’s: APIs will refuse the proofs Grantline signs. Get a new token.',
    });
  }
  const x5t = entries?.['x5t#S256'];
  if (typeof x5t === 'string') {
    const own =
      connection.clientCertPem === undefined
        ? undefined
        : certificateThumbprint(connection.clientCertPem);
    checks.push({
      claim: 'x5t#S256',
      tokenValue: x5t,
      connectionValue: own ?? null,
      status: own === undefined ? 'no_key' : own === x5t ? 'match' : 'mismatch',
      message:
        own === undefined
          ? 'The token is bound to a client certificate, but this connection has none: APIs will refuse it from here.'
          : own === x5t
            ? 'Bound to this connection’s client certificate.'
            : 'Bound to another certificate than this connection’s: APIs will refuse it. Get a new token after changing the certificate.',
    });
  }
  if (checks.length === 0) {
    return {
      state: 'unbound',
      checks,
      message: 'A bearer token: whoever holds it can use it (no cnf claim).',
    };
  }
  const ok = checks.every((c) => c.status === 'match');
  return {
    state: 'bound',
    checks,
    message: ok
      ? 'The token is sender-constrained to this connection.'
      : 'The token’s binding does not match this connection.',
  };
}
