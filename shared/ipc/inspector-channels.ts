import { z } from 'zod';
import type { InspectionResult, TokenInspection } from '../jwt/inspect.js';
import { MAX_TOKEN_LENGTH } from '../jwt/decode.js';

/**
 * Channels of the token inspector. A pasted token comes back with its inspection (the user
 * already holds it); a connection's token comes back with the raw token and signature blanked,
 * which the `z.literal('')` fields below enforce at the dispatcher, so no code path can leak it.
 */

const jsonValueSchema = z.json();
const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

export const inputFixSchema = z.object({
  code: z.enum([
    'trimmed',
    'quotes',
    'authorization_header',
    'bearer_prefix',
    'json_field',
    'form_field',
    'inner_whitespace',
    'invisible_characters',
  ]),
  message: z.string(),
});

const timeViewSchema = z.object({
  seconds: z.number(),
  iso: z.string().nullable(),
  relative: z.string(),
  note: z.string().optional(),
});

export const claimExplanationSchema = z.object({
  name: z.string(),
  value: jsonValueSchema,
  display: z.string(),
  label: z.string().nullable(),
  meaning: z.string().nullable(),
  source: z.string().nullable(),
  time: timeViewSchema.nullable(),
});

const nullableNumber = z.number().nullable();

export const lifetimeSchema = z.object({
  status: z.enum(['valid', 'expires_soon', 'expired', 'not_yet_valid', 'no_expiry']),
  summary: z.string(),
  skewSeconds: z.number(),
  nowSeconds: z.number(),
  iat: nullableNumber,
  nbf: nullableNumber,
  exp: nullableNumber,
  start: nullableNumber,
  totalSeconds: nullableNumber,
  remainingSeconds: nullableNumber,
  progress: nullableNumber,
  withinSkew: z.boolean(),
});

export const tokenWarningSchema = z.object({
  code: z.enum([
    'alg_none',
    'missing_alg',
    'symmetric_alg',
    'signature_missing',
    'embedded_key',
    'key_url_in_header',
    'crit_header',
    'encrypted_payload',
    'missing_exp',
    'long_lifetime',
    'nbf_in_future',
    'iat_in_future',
    'exp_before_start',
    'time_not_numeric',
    'time_in_milliseconds',
    'issuer_mismatch',
    'audience_mismatch',
    'scope_mismatch',
    'scope_broader',
  ]),
  severity: z.enum(['critical', 'warning', 'info']),
  message: z.string(),
  claim: z.string().optional(),
});

const partNameSchema = z.enum([
  'header',
  'payload',
  'signature',
  'encrypted_key',
  'iv',
  'ciphertext',
  'tag',
]);

/** A decoding or input failure: the sentence, and where (part, offsets) for the UI to point at. */
export const inspectionErrorSchema = z.object({
  code: z.enum([
    'empty',
    'too_large',
    'wrong_part_count',
    'empty_part',
    'invalid_character',
    'invalid_length',
    'invalid_utf8',
    'invalid_json',
    'not_an_object',
    'unreadable',
    'json_without_token',
  ]),
  message: z.string(),
  part: partNameSchema.optional(),
  partIndex: z.number().int().optional(),
  offset: z.number().int().optional(),
  partOffset: z.number().int().optional(),
  byteOffset: z.number().int().optional(),
  hint: z.string().optional(),
  header: jsonObjectSchema.optional(),
});

/** Builds the inspection schemas with `secret` as the schema of the raw token and signature. */
function inspectionSchemas<S extends z.ZodType<string>>(secret: S) {
  const base = { token: secret, partCount: z.number().int(), notes: z.array(z.string()) };
  const signed = {
    header: jsonObjectSchema,
    payload: jsonObjectSchema,
    signature: secret,
    signatureBytes: z.number().int(),
    kid: z.string().nullable(),
    typ: z.string().nullable(),
  };
  const decoded = z.discriminatedUnion('kind', [
    z.object({ ...base, ...signed, kind: z.literal('jws'), alg: z.string().nullable() }),
    z.object({ ...base, ...signed, kind: z.literal('unsecured'), alg: z.literal('none') }),
    z.object({
      ...base,
      kind: z.literal('jwe'),
      header: jsonObjectSchema,
      payload: z.null(),
      alg: z.string().nullable(),
      enc: z.string().nullable(),
      kid: z.string().nullable(),
      typ: z.string().nullable(),
      sizes: z.object({
        encryptedKey: z.number(),
        iv: z.number(),
        ciphertext: z.number(),
        tag: z.number(),
      }),
    }),
    z.object({
      ...base,
      kind: z.literal('opaque'),
      header: z.null(),
      payload: z.null(),
      alg: z.null(),
      kid: z.null(),
      typ: z.null(),
      format: z.enum(['uuid', 'hex', 'base64url', 'base64', 'other']),
      message: z.string(),
    }),
  ]);
  const inspection = z.object({
    ok: z.literal(true),
    kind: z.enum(['jws', 'jwe', 'unsecured', 'opaque']),
    token: secret,
    fixes: z.array(inputFixSchema),
    field: z.string().nullable(),
    decoded,
    header: z.array(claimExplanationSchema),
    claims: z.array(claimExplanationSchema),
    times: z.object({
      iat: z.string().nullable(),
      nbf: z.string().nullable(),
      exp: z.string().nullable(),
    }),
    lifetime: lifetimeSchema.nullable(),
    warnings: z.array(tokenWarningSchema),
  });
  const failure = z.object({
    ok: z.literal(false),
    fixes: z.array(inputFixSchema),
    error: inspectionErrorSchema,
  });
  return { inspection, result: z.discriminatedUnion('ok', [inspection, failure]) };
}

const pasted = inspectionSchemas(z.string());
const stripped = inspectionSchemas(z.literal(''));

/** The inspection of a pasted token (raw token included: the user pasted it). */
export const inspectionResultSchema = pasted.result;
/** The inspection of a connection's token: `token` and `signature` are always ''. */
export const connectionInspectionResultSchema = stripped.result;

export type PastedInspection = z.output<typeof inspectionResultSchema>;
export type ConnectionInspectionResult = z.output<typeof connectionInspectionResultSchema>;

/** What the connection asked for, compared with what its token grants. */
export const tokenExpectationSchema = z.object({
  issuer: z.string().optional(),
  audience: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenExpectation = z.infer<typeof tokenExpectationSchema>;

const urlText = z.string().trim().min(1, 'Enter a URL').max(2048);

/**
 * Where verification keys come from. The HMAC secret is used for one check and then dropped:
 * it is never stored, logged or echoed in a result.
 */
export const keySourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('issuer'), issuer: urlText }),
  z.object({ type: z.literal('jwks_url'), url: urlText }),
  z.object({
    type: z.literal('key_text'),
    text: z.string().min(1, 'Paste a JWK, a JWKS or a PEM public key').max(1_000_000),
    label: z.string().max(200).optional(),
  }),
  z.object({
    type: z.literal('hmac_secret'),
    secret: z.string().min(1, 'Enter the secret').max(10_000),
    encoding: z.enum(['utf8', 'base64', 'base64url', 'hex']).optional(),
  }),
]);
export type KeySourceInput = z.infer<typeof keySourceSchema>;

/** The verdict on a signature; `verified` is true only after a key checked it. */
export const signatureReportSchema = z.object({
  checked: z.boolean(),
  verified: z.boolean().nullable(),
  kid: z.string().nullable(),
  alg: z.string().nullable(),
  reason: z.string(),
  outcome: z.enum([
    'verified',
    'invalid_signature',
    'no_matching_key',
    'unsigned',
    'fetch_failed',
    'bad_key',
    'wrong_key_type',
    'unsupported_alg',
    'not_applicable',
    'not_checked',
  ]),
  keySource: z.string().nullable(),
});
export type SignatureReportView = z.infer<typeof signatureReportSchema>;

// Pasted text may be a whole token response, so allow some room over the token limit.
const pastedText = z.string().max(MAX_TOKEN_LENGTH * 2);
const skewSeconds = z.number().int().min(0).max(86_400).optional();
const connectionId = z.string().min(1).max(200);
/**
 * Fetch the issuer's keys again instead of using the cached copy: an explicit check by the user
 * must see a rotation that happened since the keys were cached.
 */
const refreshKeys = z.boolean().optional();

/** Where the keys of an automatic check came from. */
export const autoKeysSchema = z.enum(['remembered_jwks', 'issuer_discovery']);

export const autoVerifyResultSchema = z.object({
  /** The verdict, or null when no keys are known for the token (then `skipped` says why). */
  report: signatureReportSchema.nullable(),
  keys: autoKeysSchema.nullable(),
  /** The token's `iss`, when it has one. */
  issuer: z.string().nullable(),
  /** The JWKS URL remembered for that issuer, if any (also when it was not used). */
  rememberedJwksUrl: z.string().nullable(),
  skipped: z.string().nullable(),
});
export type AutoVerifyResult = z.infer<typeof autoVerifyResultSchema>;

export const inspectorChannels = {
  'inspector:decode': {
    args: z.object({ token: pastedText, skewSeconds }),
    result: inspectionResultSchema,
  },
  'inspector:verify': {
    args: z.object({
      token: pastedText,
      source: keySourceSchema,
      /** Fetch keys with this connection's TLS settings. */
      connectionId: connectionId.optional(),
      refreshKeys,
    }),
    result: signatureReportSchema,
  },
  /**
   * Verify a pasted token without being asked, when its issuer's keys are known: a JWKS URL
   * remembered for its `iss` (see `inspector:verify`), else the `iss` itself through OpenID
   * discovery (https, or http on this computer). HMAC tokens are never checked this way.
   */
  'inspector:auto-verify': {
    args: z.object({ token: pastedText }),
    result: autoVerifyResultSchema,
  },
  /** Forget the JWKS URL remembered for an issuer. */
  'inspector:forget-jwks': {
    args: z.object({ issuer: urlText }),
    result: z.object({ issuer: z.string() }),
  },
  'inspector:inspect-connection': {
    args: z.object({ connectionId, skewSeconds }),
    result: z.object({
      inspection: connectionInspectionResultSchema,
      expected: tokenExpectationSchema,
    }),
  },
  'inspector:verify-connection': {
    args: z.object({
      connectionId,
      /** Defaults to the connection's JWKS URI, else its issuer's discovery document. */
      source: keySourceSchema.optional(),
      refreshKeys,
    }),
    result: signatureReportSchema,
  },
} as const;

// Compile-time guard: the schemas describe exactly what shared/jwt produces, so a new field
// there fails the build here instead of being silently stripped by the dispatcher.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameInspection: Same<z.output<typeof pasted.inspection>, TokenInspection> = true;
const _sameResult: Same<PastedInspection, InspectionResult> = true;
void _sameInspection;
void _sameResult;
