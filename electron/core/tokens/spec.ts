import type { Connection } from '#shared/connection.js';
import { AppError } from '#shared/errors.js';
import { getPreset } from '#shared/presets/index.js';
import { resolveConnectionSettings } from '#shared/presets/resolve.js';
import type { Preset } from '#shared/presets/types.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';
import { DiscoveryCache } from './discovery.js';
import { createDpopSigner, generateDpopKey } from './dpop.js';
import { grantSettings } from './grant-spec.js';
import type { TokenRequestSpec } from './token-request-spec.js';

/** The secrets a connection refers to, read from the secret store by the caller. */
export interface SecretMaterial {
  clientSecret?: string | undefined;
  /** PEM or JWK text of the private_key_jwt signing key. */
  privateKey?: string | undefined;
  clientCertPem?: string | undefined;
  clientKeyPem?: string | undefined;
  /** The connection's DPoP private key (JWK text); a new one is made for the call when absent. */
  dpopKey?: string | undefined;
}

export interface BuildSpecOptions {
  /** Finds the token endpoint of an issuer (generic OIDC preset). Defaults to a shared cache. */
  discover?: (
    issuer: string,
    context: {
      tls: TlsTrustOptions;
      allowHttp: boolean;
      timeoutMs: number;
      signal?: AbortSignal | undefined;
    },
  ) => Promise<string>;
  signal?: AbortSignal | undefined;
  /** Look presets up somewhere else (tests). */
  getPreset?: (id: string) => Preset | undefined;
}

const sharedDiscovery = new DiscoveryCache();

/**
 * Combine a saved connection, its preset and its secrets into a TokenRequestSpec; discovers the
 * token endpoint when the preset says so. Throws `validation` for anything the user must fix.
 */
export async function buildTokenRequestSpec(
  connection: Connection,
  material: SecretMaterial,
  options: BuildSpecOptions = {},
): Promise<TokenRequestSpec> {
  const preset = (options.getPreset ?? getPreset)(connection.presetId);
  if (preset === undefined) {
    throw new AppError('validation', `Unknown preset "${connection.presetId}".`, {
      hint: 'Pick a platform preset, or the generic OAuth 2.0 one, for this connection.',
    });
  }
  const settings = resolveConnectionSettings(connection, preset);
  const tls: TlsTrustOptions = {
    caPem: settings.tls.caPem,
    pinnedSha256: settings.tls.pinnedSha256,
    insecure: settings.tls.insecure,
    clientCertPem: material.clientCertPem,
    clientKeyPem: material.clientKeyPem,
  };
  let tokenUrl: string;
  if (settings.tokenEndpoint.kind === 'url') {
    tokenUrl = settings.tokenEndpoint.url;
  } else {
    const context = {
      tls,
      allowHttp: settings.allowHttp,
      timeoutMs: settings.timeoutMs,
      signal: options.signal,
    };
    tokenUrl =
      options.discover !== undefined
        ? await options.discover(settings.tokenEndpoint.issuer, context)
        : (await sharedDiscovery.get(settings.tokenEndpoint.issuer, context)).tokenEndpoint;
  }
  const pkj = connection.privateKeyJwt;
  const grant = grantSettings(connection, material, settings, tokenUrl);
  const dpop =
    connection.dpop?.enabled === true
      ? await createDpopSigner(material.dpopKey ?? (await generateDpopKey()))
      : undefined;
  return {
    connectionId: connection.id,
    presetId: preset.id,
    tokenUrl,
    clientId: connection.clientId,
    clientSecret: material.clientSecret,
    privateKey:
      pkj !== undefined && material.privateKey !== undefined
        ? {
            key: material.privateKey,
            alg: pkj.alg,
            kid: pkj.kid,
            lifetimeSec: pkj.assertionLifetimeSec,
          }
        : undefined,
    ...grant,
    dpop,
    audience: settings.audience,
    resource: settings.resource,
    extraBodyParams: settings.extraBodyParams,
    extraQueryParams: settings.extraQueryParams,
    extraHeaders: settings.extraHeaders,
    bodyEncoding: settings.bodyEncoding,
    responseMapping: settings.responseMapping,
    errorHints: settings.errorHints,
    tls,
    allowHttp: settings.allowHttp,
    timeoutMs: settings.timeoutMs,
  };
}
