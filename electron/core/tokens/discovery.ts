import { AppError } from '#shared/errors.js';
import { createTlsDispatcher, type TlsDispatcher } from '../http/dispatcher.js';
import { sendHttpRequest } from '../http/send.js';
import type { TlsTrustOptions } from '../http/tls-trust.js';
import { assertCredentialUrl, describeUrl } from '../http/url-policy.js';

export interface DiscoveryResult {
  issuer: string;
  tokenEndpoint: string;
  /** Where the issuer publishes its signing keys (used by the inspector), when it says. */
  jwksUri: string | undefined;
  tokenEndpointAuthMethods: string[] | undefined;
  grantTypes: string[] | undefined;
}

export interface DiscoveryOptions {
  tls: TlsTrustOptions;
  allowHttp: boolean;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  dispatcher?: TlsDispatcher | undefined;
}

const strip = (s: string): string => s.replace(/\/+$/, '');
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** OIDC Discovery path first, then RFC 8414's (well-known inserted before the issuer's path). */
function metadataUrls(issuer: URL): URL[] {
  const path = strip(issuer.pathname);
  return [
    new URL(`${issuer.origin}${path}/.well-known/openid-configuration`),
    new URL(`${issuer.origin}/.well-known/oauth-authorization-server${path}`),
  ];
}

/**
 * Find the token endpoint of an issuer from its discovery document. The document's `issuer`
 * must equal the one asked for (OIDC Discovery §4.3), and the endpoint passes the URL policy.
 */
export async function discoverTokenEndpoint(
  issuerUrl: string,
  options: DiscoveryOptions,
): Promise<DiscoveryResult> {
  const issuer = assertCredentialUrl(issuerUrl, { allowHttp: options.allowHttp });
  const tls = options.dispatcher ?? createTlsDispatcher(options.tls);
  try {
    let lastStatus = 0;
    for (const url of metadataUrls(issuer)) {
      const res = await sendHttpRequest({
        url,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Grantline' },
        dispatcher: tls.dispatcher,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        redirect: 'error',
      });
      lastStatus = res.status;
      if (res.status === 404) continue;
      if (res.status !== 200) break;
      let doc: Record<string, unknown>;
      try {
        doc = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new AppError(
          'malformed_response',
          `${describeUrl(url)} is not a JSON discovery document.`,
          {
            hint: 'Check the issuer URL: it is the "iss" value of the provider’s tokens.',
          },
        );
      }
      if (typeof doc.issuer !== 'string' || strip(doc.issuer) !== strip(issuerUrl)) {
        throw new AppError('validation', 'The discovery document names a different issuer.', {
          hint: `Use exactly the issuer the document declares${typeof doc.issuer === 'string' ? `: ${doc.issuer}` : ''}.`,
          details: {
            expected: issuerUrl,
            found: typeof doc.issuer === 'string' ? doc.issuer : null,
          },
        });
      }
      if (typeof doc.token_endpoint !== 'string') {
        throw new AppError('malformed_response', 'The discovery document has no token_endpoint.', {
          hint: 'Use the generic OAuth 2.0 preset and type the token URL.',
        });
      }
      const tokenEndpoint = assertCredentialUrl(doc.token_endpoint, {
        allowHttp: options.allowHttp,
      });
      return {
        issuer: doc.issuer,
        tokenEndpoint: tokenEndpoint.toString(),
        jwksUri: typeof doc.jwks_uri === 'string' ? doc.jwks_uri : undefined,
        tokenEndpointAuthMethods: strings(doc.token_endpoint_auth_methods_supported),
        grantTypes: strings(doc.grant_types_supported),
      };
    }
    throw new AppError(
      'http',
      `No discovery document found for ${describeUrl(issuer)} (HTTP ${lastStatus}).`,
      {
        hint: 'Check the issuer URL, or use the generic OAuth 2.0 preset and type the token URL.',
        status: lastStatus,
      },
    );
  } finally {
    if (options.dispatcher === undefined) void tls.destroy().catch(() => undefined);
  }
}

/** Remembers discovery results for a while, so each token renewal does not re-read them. */
export class DiscoveryCache {
  private readonly entries = new Map<string, { at: number; value: Promise<DiscoveryResult> }>();

  constructor(
    private readonly ttlMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached result for this issuer and trust, or a fresh discovery. Failures are not cached. */
  get(issuer: string, options: DiscoveryOptions): Promise<DiscoveryResult> {
    const key = JSON.stringify([
      issuer,
      options.allowHttp,
      options.tls.caPem ?? null,
      options.tls.pinnedSha256 ?? null,
      options.tls.insecure === true,
    ]);
    const hit = this.entries.get(key);
    if (hit !== undefined && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = discoverTokenEndpoint(issuer, options);
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
