import { JWT_BEARER_GRANT, TOKEN_EXCHANGE_GRANT, type Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import type { ResolvedSettings } from '#shared/presets/resolve.js';
import type { SecretMaterial } from './spec.js';
import type { TokenRequestSpec } from './token-request-spec.js';

type GrantPart = Pick<
  TokenRequestSpec,
  'scope' | 'jwtBearer' | 'tokenExchange' | 'authMethod' | 'grantType'
>;

/**
 * The grant-specific part of a spec: the JWT bearer assertion (key from the connection's
 * private-key secret) and the token exchange's subject. For Google's profile the scope travels in
 * the assertion, so it is not sent as a parameter as well.
 */
export function grantSettings(
  connection: Connection,
  material: SecretMaterial,
  settings: ResolvedSettings,
  tokenUrl: string,
): GrantPart {
  const bearer = connection.jwtBearer;
  const exchange = connection.tokenExchange;
  // The grant decides grant_type and (for JWT bearer) no client authentication, unless the
  // connection says otherwise.
  const out: GrantPart = {
    scope: settings.scope,
    authMethod: connection.authMethod ?? (bearer !== undefined ? 'none' : settings.authMethod),
    grantType:
      connection.grantType ??
      (bearer !== undefined
        ? JWT_BEARER_GRANT
        : exchange !== undefined
          ? TOKEN_EXCHANGE_GRANT
          : settings.grantType),
  };
  if (exchange !== undefined) {
    out.tokenExchange = {
      subjectConnectionId: exchange.subjectConnectionId,
      subjectTokenType: exchange.subjectTokenType,
      requestedTokenType: exchange.requestedTokenType,
    };
  }
  if (bearer === undefined) return out;
  if (material.privateKey === undefined || material.privateKey === '') {
    throw new AppError('validation', 'No private key is stored for this connection.', {
      hint:
        bearer.profile === 'google'
          ? 'Drop the service account’s JSON key file again: its private key is stored when the file is read.'
          : 'Add the private key whose public key the provider trusts for this issuer.',
    });
  }
  const issuer = bearer.issuer ?? connection.clientId;
  const google = bearer.profile === 'google';
  if (google && (settings.scope === undefined || settings.scope.trim() === '')) {
    throw new AppError('validation', 'A Google service account needs at least one scope.', {
      hint: 'Pick a scope, e.g. https://www.googleapis.com/auth/cloud-platform.',
    });
  }
  out.jwtBearer = {
    key: material.privateKey,
    alg: bearer.alg,
    kid: bearer.kid,
    issuer,
    subject: bearer.subject ?? (google ? undefined : issuer),
    audience: bearer.audience ?? tokenUrl,
    scope: google ? settings.scope : undefined,
    lifetimeSec: bearer.lifetimeSec,
  };
  if (google) out.scope = undefined;
  return out;
}
