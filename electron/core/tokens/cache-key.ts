import { createHmac } from 'node:crypto';
import type { TokenRequestSpec } from './token-request-spec.js';

const sorted = (record: Record<string, string>, lowerKeys = false): [string, string][] =>
  Object.entries(record)
    .map(([k, v]): [string, string] => [lowerKeys ? k.toLowerCase() : k, v])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The cache key of a token: everything that changes which token the server issues (URL, client,
 * method, grant, scope, audience, resource, extra parameters and headers, response mapping, TLS
 * trust) plus the credential itself, so a new secret or a new scope never reuses an old token.
 * HMAC with a per-engine random key: the key reveals nothing about the secret.
 */
export function tokenCacheKey(spec: TokenRequestSpec, hmacKey: Uint8Array): string {
  const material = JSON.stringify([
    spec.tokenUrl,
    spec.clientId,
    spec.authMethod,
    spec.grantType,
    spec.scope ?? null,
    spec.audience ?? null,
    spec.resource ?? null,
    sorted(spec.extraBodyParams),
    sorted(spec.extraQueryParams),
    sorted(spec.extraHeaders, true),
    spec.bodyEncoding,
    [
      spec.responseMapping.accessToken ?? null,
      spec.responseMapping.tokenType ?? null,
      spec.responseMapping.expiresIn ?? null,
      spec.responseMapping.expiresAt ?? null,
      spec.responseMapping.scope ?? null,
    ],
    spec.clientSecret ?? null,
    spec.privateKey === undefined
      ? null
      : [spec.privateKey.key, spec.privateKey.alg, spec.privateKey.kid ?? null],
    [
      spec.tls.caPem ?? null,
      spec.tls.pinnedSha256 ?? null,
      spec.tls.insecure === true,
      spec.tls.clientCertPem ?? null,
      spec.tls.clientKeyPem ?? null,
    ],
    spec.allowHttp,
    grantMaterial(spec),
  ]);
  return createHmac('sha256', hmacKey).update(material).digest('base64url');
}

/** The JWT bearer, token exchange and DPoP settings (each null when unused). */
function grantMaterial(spec: TokenRequestSpec): unknown[] {
  const b = spec.jwtBearer;
  const x = spec.tokenExchange;
  return [
    b === undefined
      ? null
      : [b.key, b.alg, b.kid ?? null, b.issuer, b.subject ?? null, b.audience, b.scope ?? null],
    b === undefined ? null : b.lifetimeSec,
    x === undefined
      ? null
      : [
          x.subjectToken ?? null,
          x.subjectConnectionId ?? null,
          x.subjectTokenType,
          x.requestedTokenType ?? null,
        ],
    spec.dpop?.jkt ?? null,
  ];
}
