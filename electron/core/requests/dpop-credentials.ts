import type { BearerCredential } from '../tokens/index.js';
import { dpopNonceChallenge } from '../tokens/dpop.js';
import type { HopResponse } from './http-exchange.js';

/**
 * The headers that carry a connection's token to an API. RFC 6750 spells the scheme "Bearer"
 * (Keycloak's "bearer" is normalised); a DPoP-bound token goes as `DPoP <token>` with a proof for
 * this very request (RFC 9449 §7.1: htm, htu, iat, jti, ath, and the origin's nonce if it set one).
 */
export async function credentialHeaders(
  credential: BearerCredential,
  method: string,
  url: URL,
): Promise<{ name: string; value: string }[]> {
  // A server that ignored the proof issued a Bearer token: it is sent as one.
  if (credential.dpop === undefined || !/^dpop$/i.test(credential.tokenType)) {
    const scheme = /^bearer$/i.test(credential.tokenType) ? 'Bearer' : credential.tokenType;
    return [{ name: 'Authorization', value: `${scheme} ${credential.accessToken}` }];
  }
  const proof = await credential.dpop.proof({
    htm: method,
    url,
    accessToken: credential.accessToken,
  });
  return [
    { name: 'Authorization', value: `DPoP ${credential.accessToken}` },
    { name: 'DPoP', value: proof },
  ];
}

/** The nonce a resource server asks for with 401 `use_dpop_nonce` (RFC 9449 §9), if it does. */
export function nonceChallenge(outcome: HopResponse): string | undefined {
  if (!outcome.sentCredentials) return undefined;
  const headers: Record<string, string> = {};
  for (const { name, value } of outcome.headers) headers[name.toLowerCase()] = value;
  return dpopNonceChallenge(outcome.status, headers, undefined);
}
