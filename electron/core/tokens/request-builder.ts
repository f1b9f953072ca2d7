import { AppError } from '#shared/errors.js';
import { assertCredentialUrl } from '../http/url-policy.js';
import { signClientSecretAssertion, signJwtBearerAssertion } from './assertions.js';
import { basicAuthorization, signClientAssertion } from './client-auth.js';
import type { TokenRequestSpec } from './token-request-spec.js';

/** A token request ready for the wire. Holds the credential: never log or return it. */
export interface TokenHttpRequest {
  url: URL;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

const reservedParams = new Set([
  'grant_type',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
]);
const forbiddenHeaders = new Set(['content-length', 'transfer-encoding', 'connection']);

function requireSecret(spec: TokenRequestSpec): string {
  if (spec.clientSecret === undefined || spec.clientSecret === '') {
    throw new AppError('validation', 'No client secret is stored for this connection.', {
      hint: 'Enter the client secret in the connection settings.',
    });
  }
  return spec.clientSecret;
}

/** Client authentication: what goes in the Authorization header and what in the body. */
async function clientAuthentication(
  spec: TokenRequestSpec,
  nowMs: number,
): Promise<{ authorization?: string; params: Record<string, string> }> {
  switch (spec.authMethod) {
    case 'client_secret_basic':
      return {
        authorization: basicAuthorization(spec.clientId, requireSecret(spec), 'encoded'),
        params: {},
      };
    case 'client_secret_basic_raw':
      return {
        authorization: basicAuthorization(spec.clientId, requireSecret(spec), 'raw'),
        params: {},
      };
    case 'client_secret_post':
      return { params: { client_id: spec.clientId, client_secret: requireSecret(spec) } };
    case 'private_key_jwt': {
      if (spec.privateKey === undefined) {
        throw new AppError('validation', 'No private key is stored for this connection.', {
          hint: 'Add the private key that matches the public key registered with the provider.',
        });
      }
      const assertion = await signClientAssertion({
        clientId: spec.clientId,
        tokenUrl: spec.tokenUrl,
        privateKey: spec.privateKey.key,
        alg: spec.privateKey.alg,
        kid: spec.privateKey.kid,
        lifetimeSec: spec.privateKey.lifetimeSec,
        nowMs,
      });
      return {
        params: {
          client_id: spec.clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
        },
      };
    }
    case 'tls_client_auth':
      if (spec.tls.clientCertPem === undefined || spec.tls.clientKeyPem === undefined) {
        throw new AppError('validation', 'Mutual TLS needs a client certificate and its key.', {
          hint: 'Add the client certificate and private key in the connection’s TLS settings.',
        });
      }
      return { params: { client_id: spec.clientId } };
    case 'client_secret_jwt':
      return {
        params: {
          client_id: spec.clientId,
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: await signClientSecretAssertion({
            clientId: spec.clientId,
            tokenUrl: spec.tokenUrl,
            secret: requireSecret(spec),
            nowMs,
          }),
        },
      };
    case 'none':
      return { params: {} };
  }
}

/** The parameters of the JWT bearer and token exchange grants. */
async function grantParameters(
  spec: TokenRequestSpec,
  nowMs: number,
): Promise<Record<string, string>> {
  if (spec.jwtBearer !== undefined) {
    return { assertion: await signJwtBearerAssertion(spec.jwtBearer, nowMs) };
  }
  const exchange = spec.tokenExchange;
  if (exchange === undefined) return {};
  if (exchange.subjectToken === undefined || exchange.subjectToken === '') {
    throw new AppError('validation', 'Token exchange needs a subject token.', {
      hint: 'Pick the connection whose token is exchanged, or give the token (grantline token --subject-token-env VAR).',
    });
  }
  return {
    subject_token: exchange.subjectToken,
    subject_token_type: exchange.subjectTokenType,
    ...(exchange.requestedTokenType !== undefined
      ? { requested_token_type: exchange.requestedTokenType }
      : {}),
  };
}

/** Build the token request for a spec (client auth, body encoding, extra params, headers). */
export async function buildTokenHttpRequest(
  spec: TokenRequestSpec,
  nowMs: number,
): Promise<TokenHttpRequest> {
  const url = assertCredentialUrl(spec.tokenUrl, { allowHttp: spec.allowHttp });
  for (const [k, v] of Object.entries(spec.extraQueryParams)) url.searchParams.append(k, v);

  const clash = Object.keys(spec.extraBodyParams).find((k) => reservedParams.has(k));
  if (clash !== undefined) {
    throw new AppError('validation', `The extra parameter "${clash}" is set by Grantline itself.`, {
      hint: 'Use the grant type and client authentication settings instead of an extra parameter.',
    });
  }
  const grant = await grantParameters(spec, nowMs);
  const grantClash = Object.keys(spec.extraBodyParams).find((k) => k in grant);
  if (grantClash !== undefined) {
    throw new AppError('validation', `The extra parameter "${grantClash}" is set by the grant.`, {
      hint: 'Remove it from the extra parameters; Grantline sends it from the grant settings.',
    });
  }
  const auth = await clientAuthentication(spec, nowMs);
  const params: Record<string, string> = { grant_type: spec.grantType, ...grant };
  if (spec.scope !== undefined && spec.scope !== '') params.scope = spec.scope;
  if (spec.audience !== undefined && spec.audience !== '') params.audience = spec.audience;
  if (spec.resource !== undefined && spec.resource !== '') params.resource = spec.resource;
  Object.assign(params, spec.extraBodyParams, auth.params);

  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type':
      spec.bodyEncoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    'user-agent': 'Grantline',
  };
  if (auth.authorization !== undefined) headers.authorization = auth.authorization;
  for (const [name, value] of Object.entries(spec.extraHeaders)) {
    const lower = name.toLowerCase();
    if (
      forbiddenHeaders.has(lower) ||
      (lower === 'authorization' && auth.authorization !== undefined)
    ) {
      throw new AppError('validation', `The header "${name}" cannot be set on a token request.`, {
        hint: 'Remove it from the extra headers; Grantline sets it from the connection settings.',
      });
    }
    headers[lower] = value;
  }
  const body =
    spec.bodyEncoding === 'json' ? JSON.stringify(params) : new URLSearchParams(params).toString();
  return { url, method: 'POST', headers, body };
}
