import { z } from 'zod';
import {
  httpUrlProblem,
  inputLimits,
  lengthProblem,
  ruledString,
  singleLine,
  strictHeadersSchema,
  strictParamsSchema,
} from './input-rules.js';
import { isHttpUrl } from './presets/url.js';

/**
 * A saved Connection: one service account (OAuth2 client-credentials client) of one platform.
 * Optional settings left undefined fall back to the connection's preset (see
 * shared/presets/resolve.ts), so a fix to a preset reaches every connection that did not override
 * it. The connection never holds a secret: only references into the secret store.
 */

/** How the client proves who it is at the token endpoint. */
export const authMethodSchema = z.enum([
  // RFC 6749 §2.3.1: form-urlencode id and secret, then base64 "id:secret".
  'client_secret_basic',
  // Same header without the form-encoding step (the AppViewX sample and other servers expect it).
  'client_secret_basic_raw',
  'client_secret_post',
  // RFC 7523 client assertion signed with the connection's private key.
  'private_key_jwt',
  // Mutual TLS: the client certificate is the credential (RFC 8705 §2).
  'tls_client_auth',
  // RFC 7523 §2.2 client assertion signed (HS256) with the client secret.
  'client_secret_jwt',
  // No client authentication: the grant itself proves who asks (JWT bearer with a key file).
  'none',
]);
export type AuthMethod = z.infer<typeof authMethodSchema>;

/** The methods that send a client secret; a connection test tries these against each other. */
export const secretAuthMethods = [
  'client_secret_basic',
  'client_secret_basic_raw',
  'client_secret_post',
  'client_secret_jwt',
] as const satisfies readonly AuthMethod[];

/** grant_type values of the grants that need more than a client's own credentials. */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export const bodyEncodingSchema = z.enum(['form', 'json']);
export type BodyEncoding = z.infer<typeof bodyEncodingSchema>;

/** RFC 6901 JSON pointer: empty (the whole document) or starting with "/". */
export const jsonPointerSchema = z.string().refine((p) => p === '' || p.startsWith('/'), {
  message: 'A JSON pointer starts with "/", e.g. /access_token or /data/token',
});

/** Where the token response keeps each value, for providers that do not follow RFC 6749 §5.1. */
export const responseMappingSchema = z.object({
  accessToken: jsonPointerSchema.optional(),
  tokenType: jsonPointerSchema.optional(),
  expiresIn: jsonPointerSchema.optional(),
  expiresAt: jsonPointerSchema.optional(),
  scope: jsonPointerSchema.optional(),
  errorCode: jsonPointerSchema.optional(),
  errorMessage: jsonPointerSchema.optional(),
});
export type ResponseMapping = z.infer<typeof responseMappingSchema>;

/** Normalise a SHA-256 certificate fingerprint (hex, colons or spaces optional, any case). */
export function normalizeSha256Fingerprint(input: string): string | null {
  const hex = input
    .trim()
    .replace(/^sha-?256[:=/ ]?/i, '')
    .replace(/[:\s-]/g, '')
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

/** Show a fingerprint the way browsers and openssl do: AB:CD:… */
export function formatSha256Fingerprint(hex: string): string {
  const normalized = normalizeSha256Fingerprint(hex) ?? hex.toLowerCase();
  return (normalized.match(/.{2}/g) ?? []).join(':').toUpperCase();
}

export const sha256FingerprintSchema = z.string().transform((value, ctx) => {
  const normalized = normalizeSha256Fingerprint(value);
  if (normalized === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'A SHA-256 fingerprint is 64 hex digits (colons optional), e.g. AB:CD:…',
    });
    return z.NEVER;
  }
  return normalized;
});

const pemCertificateSchema = z.string().refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), {
  message: 'Paste the certificate in PEM form (-----BEGIN CERTIFICATE----- …)',
});

/** TLS trust for the token endpoint: narrowed (CA, pin) before it is ever disabled. */
export const tlsSettingsSchema = z.object({
  /** Trust only this CA (PEM, one or more certificates) instead of the system roots. */
  caPem: pemCertificateSchema.optional(),
  /** Trust exactly the server certificate with this SHA-256 fingerprint (stored as lowercase hex). */
  pinnedSha256: sha256FingerprintSchema.optional(),
  /** Accept any certificate. Always shown as a warning next to the connection. */
  insecure: z.boolean().default(false),
  /** Secret-store ids of the mTLS client certificate and its private key. */
  clientCertRef: z.string().min(1).optional(),
  clientKeyRef: z.string().min(1).optional(),
});
export type TlsSettings = z.infer<typeof tlsSettingsSchema>;

export const jwsAlgorithmSchema = z.enum([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

/** The signing key of a private_key_jwt client (RFC 7523). */
export const privateKeyJwtSchema = z.object({
  /** Secret-store id of the PEM (PKCS#8) or JWK private key. */
  keyRef: z.string().min(1),
  alg: jwsAlgorithmSchema.default('RS256'),
  kid: z.string().min(1).optional(),
  /** Lifetime of each assertion; short, because it is a bearer credential too. */
  assertionLifetimeSec: z.number().int().min(10).max(600).default(60),
});

/**
 * The JWT bearer grant (RFC 7523 §2.1): the engine signs an assertion with the connection's
 * private key (stored under the connection's `privateKey` secret, like a private_key_jwt key) and
 * sends it as `assertion`. `google` follows Google's service-account rules (the scope goes in the
 * assertion, `sub` only for domain-wide delegation); `rfc7523` sends the scope as a parameter and
 * `sub` always (the issuer unless a subject is given).
 */
export const jwtBearerSchema = z.object({
  profile: z.enum(['google', 'rfc7523']).default('rfc7523'),
  alg: jwsAlgorithmSchema.default('RS256'),
  /** The key's id (`private_key_id` of a Google key file), sent as the JWT `kid`. */
  kid: z.string().min(1).optional(),
  /** `iss`: the service account (`client_email`); the client ID when left out. */
  issuer: z.string().min(1).optional(),
  /** `sub`: the user to act for (Google domain-wide delegation) or the RFC 7523 subject. */
  subject: z.string().min(1).optional(),
  /** `aud`: the token URL when left out (Google requires exactly the key file's token_uri). */
  audience: z.string().min(1).optional(),
  /** Seconds from iat to exp; Google refuses more than an hour. */
  lifetimeSec: z.number().int().min(10).max(3600).default(3600),
  /** The Google Cloud project of the key file, shown with the connection. */
  projectId: z.string().optional(),
});

/**
 * RFC 8693 token exchange: the subject token is another saved connection's token, renewed
 * through that connection whenever this one needs a new token.
 */
export const tokenExchangeSchema = z.object({
  subjectConnectionId: z.string().min(1),
  subjectTokenType: z.string().min(1).default(ACCESS_TOKEN_TYPE),
  requestedTokenType: z.string().min(1).optional(),
});

/** DPoP (RFC 9449): tokens bound to a key pair that main generates and keeps for the connection. */
export const dpopSettingsSchema = z.object({ enabled: z.boolean().default(true) });

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const noLineBreaks = (v: string): boolean => !/[\r\n\0]/.test(v);

export const headersSchema = z.record(
  z.string().regex(headerNamePattern, 'Not a valid HTTP header name'),
  z.string().refine(noLineBreaks, 'Header values cannot contain line breaks'),
);
export const paramsSchema = z.record(z.string().min(1), z.string());

const httpUrlSchema = z.string().trim().refine(isHttpUrl, {
  message: 'Enter a full http(s) URL, e.g. https://example.com/oauth2/token',
});

export const apiBaseUrlSchema = z.object({ name: z.string().min(1), url: httpUrlSchema });
export type ApiBaseUrl = z.infer<typeof apiBaseUrlSchema>;

/** Longest timeout any preset may allow (AppViewX documents 15 minutes). */
export const maxTimeoutMs = 900_000;
/** Used when neither the connection nor its preset says otherwise. */
export const defaultTimeoutMs = 30_000;

const connectionShape = {
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  presetId: z.string().min(1),
  /** Values for the preset's token URL template: host, port, tenant, realm, issuer… */
  fields: z.record(z.string(), z.string()).default({}),
  /** Replaces the preset's token URL entirely. */
  tokenUrl: httpUrlSchema.optional(),
  clientId: z.string().trim().min(1),
  /** Secret-store id of the client secret; never the secret itself. */
  secretRef: z.string().min(1).optional(),
  /**
   * Origin (scheme://host:port) of the token endpoint, or of the issuer for discovery, that the
   * stored secrets were entered for. Set by main only; the secrets are sent nowhere else.
   */
  secretOrigin: z.string().min(1).optional(),
  authMethod: authMethodSchema.optional(),
  privateKeyJwt: privateKeyJwtSchema.optional(),
  jwtBearer: jwtBearerSchema.optional(),
  tokenExchange: tokenExchangeSchema.optional(),
  dpop: dpopSettingsSchema.optional(),
  /** Sent as grant_type; AppViewX wants `Client_Credentials`. */
  grantType: z.string().trim().min(1).optional(),
  scope: z.string().optional(),
  audience: z.string().optional(),
  resource: z.string().optional(),
  extraBodyParams: paramsSchema.optional(),
  extraQueryParams: paramsSchema.optional(),
  /** e.g. WSO2 APK's `Host`. Values may use the preset's {field} placeholders. */
  extraHeaders: headersSchema.optional(),
  bodyEncoding: bodyEncodingSchema.optional(),
  responseMapping: responseMappingSchema.optional(),
  tls: tlsSettingsSchema.default({ insecure: false }),
  /** Allow a plain-http token URL that is not loopback. */
  allowHttp: z.boolean().default(false),
  timeoutMs: z.number().int().min(1_000).max(maxTimeoutMs).optional(),
  apiBaseUrls: z.array(apiBaseUrlSchema).optional(),
  /**
   * Origins besides the API base URLs and the token endpoint that the user allowed the composer
   * to send this connection's token to. Set by main only (connections:allow-token-origin).
   */
  tokenOrigins: z.array(z.string().min(1)).max(200).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

type MethodRequirements = {
  authMethod?: AuthMethod | undefined;
  privateKeyJwt?: unknown;
};

// Only cross-field rules a user can fix in the form; a missing secret is a token-time error
// because a connection may be saved before its secret is entered.
function checkMethodRequirements(value: MethodRequirements, ctx: z.RefinementCtx): void {
  if (value.authMethod === 'private_key_jwt' && value.privateKeyJwt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['privateKeyJwt'],
      message: 'private_key_jwt needs a signing key and algorithm',
    });
  }
}

export const connectionObjectSchema = z.object(connectionShape);
export const connectionSchema = connectionObjectSchema.superRefine(checkMethodRequirements);
export type Connection = z.infer<typeof connectionSchema>;

// Stricter than the stored shape (which must keep reading files written by older versions): what
// a page sends is checked field by field, so nothing the form would refuse is stored or sent.
const inputUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, 'The token URL');
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
const strictPointer = singleLine('A JSON pointer', inputLimits.short).pipe(jsonPointerSchema);
const strictInputShape = {
  name: singleLine('The name', inputLimits.name).trim().min(1, 'Give the connection a name.'),
  presetId: singleLine('The preset id', 200).min(1),
  fields: z.record(z.string(), singleLine('The value', inputLimits.short)).default({}),
  tokenUrl: inputUrlSchema.optional(),
  clientId: singleLine('The client ID', inputLimits.short).trim().min(1, 'Enter the client ID.'),
  grantType: singleLine('The grant type', 200).trim().min(1).optional(),
  scope: singleLine('The scope', inputLimits.long).optional(),
  audience: singleLine('The audience', inputLimits.short).optional(),
  resource: singleLine('The resource', inputLimits.short).optional(),
  extraBodyParams: strictParamsSchema.optional(),
  extraQueryParams: strictParamsSchema.optional(),
  extraHeaders: strictHeadersSchema.optional(),
  responseMapping: z
    .object(
      Object.fromEntries(
        Object.keys(responseMappingSchema.shape).map((key) => [key, strictPointer.optional()]),
      ) as Record<keyof ResponseMapping, z.ZodOptional<typeof strictPointer>>,
    )
    .optional(),
  apiBaseUrls: z
    .array(
      z.object({
        name: singleLine('The name', inputLimits.name).min(1),
        url: ruledString((v) => httpUrlProblem(v, 'The API base URL')),
      }),
    )
    .max(inputLimits.entries)
    .optional(),
};

/**
 * What the renderer may send to create or update a connection. Secret-store references are not
 * part of it: main assigns them from the connection id (see secretRefsFor), so a page can never
 * point one connection at another connection's secret.
 */
export const connectionInputSchema = connectionObjectSchema
  .omit({
    id: true,
    createdAt: true,
    updatedAt: true,
    secretRef: true,
    secretOrigin: true,
    tokenOrigins: true,
    tls: true,
  })
  .extend({
    id: singleLine('The connection id', 200).min(1).optional(),
    ...strictInputShape,
    tls: tlsSettingsSchema
      .omit({ clientCertRef: true, clientKeyRef: true })
      .extend({
        caPem: ruledString((v) => lengthProblem(v, inputLimits.pem, 'The CA certificate'))
          .pipe(pemCertificateSchema)
          .optional(),
      })
      .default({ insecure: false }),
    privateKeyJwt: privateKeyJwtSchema
      .omit({ keyRef: true })
      .extend({ kid: singleLine('The key ID', inputLimits.short).min(1).optional() })
      .optional(),
    jwtBearer: jwtBearerSchema
      .extend({
        kid: singleLine('The key ID', inputLimits.short).min(1).optional(),
        issuer: singleLine('The issuer', inputLimits.short).min(1).optional(),
        subject: singleLine('The subject', inputLimits.short).min(1).optional(),
        audience: singleLine('The audience', inputLimits.short).min(1).optional(),
        projectId: singleLine('The project', inputLimits.short).optional(),
      })
      .optional(),
    tokenExchange: tokenExchangeSchema
      .extend({
        subjectConnectionId: singleLine('The subject connection', 200).min(1),
        subjectTokenType: singleLine('The subject token type', inputLimits.short)
          .min(1)
          .default(ACCESS_TOKEN_TYPE),
        requestedTokenType: singleLine('The requested token type', inputLimits.short)
          .min(1)
          .optional(),
      })
      .optional(),
  })
  .superRefine(checkMethodRequirements);
export type ConnectionInput = z.input<typeof connectionInputSchema>;

/** The secret-store ids that belong to a connection, derived from its id. */
export function secretRefsFor(connectionId: string): {
  clientSecret: string;
  privateKey: string;
  clientCert: string;
  clientKey: string;
  /** The DPoP private key main generated for the connection (never entered by the user). */
  dpopKey: string;
} {
  return {
    clientSecret: `connection:${connectionId}:client-secret`,
    privateKey: `connection:${connectionId}:private-key`,
    clientCert: `connection:${connectionId}:client-cert`,
    clientKey: `connection:${connectionId}:client-key`,
    dpopKey: `connection:${connectionId}:dpop-key`,
  };
}

// Token status lives in its own module; re-exported for the modules that import it from here.
export {
  expirySourceSchema,
  tokenStatusSchema,
  type ClaimsSummary,
  type ExpirySource,
  type TokenState,
  type TokenStatus,
} from './token-status.js';
