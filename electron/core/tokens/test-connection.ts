import type { z } from 'zod';
import { secretAuthMethods, type AuthMethod } from '#shared/connection.js';
import type { IpcError } from '#shared/errors.js';
import type {
  connectionTestAttemptSchema,
  connectionTestReportSchema,
  tokenSummarySchema,
} from '#shared/ipc/tokens-channels.js';
import type { CertificateInfo } from '../http/tls-trust.js';
import { MIN_HMAC_BYTES } from './assertions.js';
import { formUrlEncode } from './client-auth.js';
import { toAppError } from './engine-errors.js';
import { redactExchange, type RedactedExchange } from './exchange-redaction.js';
import { fetchToken, type FetchTokenOptions } from './fetch-token.js';
import type { TokenRequestSpec } from './token-request-spec.js';
import type { TokenResult } from './token-result.js';

// The contract's schemas are the one definition of what the connection test answers.
export type TokenSummary = z.output<typeof tokenSummarySchema>;
export type ConnectionTestAttempt = z.output<typeof connectionTestAttemptSchema>;
export type ConnectionTestReport = z.output<typeof connectionTestReportSchema>;

/** Describe a token for the UI or the CLI without exposing it. */
export function summarizeToken(token: TokenResult): TokenSummary {
  return {
    tokenType: token.tokenType,
    scope: token.scope ?? null,
    expiresAt: token.expiresAt === undefined ? null : new Date(token.expiresAt).toISOString(),
    expiresIn: token.expiresIn ?? null,
    expirySource: token.expirySource,
    claims: token.claims ?? null,
    extras: token.extras,
    warnings: token.warnings,
  };
}

const canSignHs256 = (secret: string | undefined): boolean =>
  new TextEncoder().encode(secret ?? '').byteLength >= MIN_HMAC_BYTES;

const isSecretMethod = (m: AuthMethod): boolean =>
  (secretAuthMethods as readonly string[]).includes(m);

/**
 * Worth trying another way of sending the secret: the server rejected the client itself, or (as
 * oidc-provider does) called a Basic header it could not decode a malformed request.
 */
function rejectedClient(error: IpcError, method: AuthMethod): boolean {
  if (error.category === 'invalid_client' || error.status === 401) return true;
  return (
    error.category === 'invalid_request' &&
    error.status === 400 &&
    method.startsWith('client_secret_basic')
  );
}

/**
 * Request a token as configured. If the server rejects the client (invalid_client, 401, or a 400
 * for an undecodable Basic header) and the
 * connection sends a secret, try the other secret methods (Basic encoded, Basic raw, form body) and
 * report which one works, instead of leaving the user to guess.
 */
export interface TestConnectionOptions extends FetchTokenOptions {
  /**
   * The methods that may be tried after a rejection (the preset's, or none when the user turned
   * it off). Without it, every secret method is tried (the CLI's and the old callers' behaviour).
   */
  otherMethods?: readonly AuthMethod[];
}

export async function testConnection(
  spec: TokenRequestSpec,
  testOptions: TestConnectionOptions = {},
): Promise<ConnectionTestReport> {
  const { otherMethods, ...options } = testOptions;
  const attempts: ConnectionTestAttempt[] = [];
  const now = options.now ?? Date.now;
  const run = async (authMethod: AuthMethod): Promise<TokenResult | IpcError> => {
    const started = now();
    const attemptSpec = { ...spec, authMethod };
    let exchange: RedactedExchange | null = null;
    const onExchange: FetchTokenOptions['onExchange'] = (request, response) => {
      exchange = redactExchange(request, response, attemptSpec);
    };
    try {
      const token = await fetchToken(attemptSpec, { ...options, onExchange });
      attempts.push({ authMethod, ok: true, error: null, durationMs: now() - started, exchange });
      return token;
    } catch (err) {
      const error = toAppError(err).toIpcError();
      attempts.push({ authMethod, ok: false, error, durationMs: now() - started, exchange });
      return error;
    }
  };
  const report = (
    token: TokenResult | null,
    workingMethod: AuthMethod | null,
    error: IpcError | null,
    message: string,
  ): ConnectionTestReport => ({
    ok: workingMethod === spec.authMethod,
    configuredMethod: spec.authMethod,
    workingMethod,
    attempts,
    message,
    token: token === null ? null : summarizeToken(token),
    error,
    peerCertificate:
      token?.peerCertificate ??
      (error?.details?.certificate as CertificateInfo | undefined) ??
      null,
    insecureTls: token?.insecureTls ?? false,
    exchange: attempts[0]?.exchange ?? null,
  });

  const first = await run(spec.authMethod);
  if (!('category' in first)) {
    return report(
      first,
      spec.authMethod,
      null,
      `Got a ${first.tokenType} token using ${spec.authMethod}.`,
    );
  }
  if (!isSecretMethod(spec.authMethod) || !rejectedClient(first, spec.authMethod)) {
    return report(null, null, first, first.message);
  }
  // Encoded and raw Basic are the same bytes unless the ID or secret has reserved characters.
  const same =
    formUrlEncode(spec.clientId) === spec.clientId &&
    formUrlEncode(spec.clientSecret ?? '') === (spec.clientSecret ?? '');
  const others = (otherMethods ?? secretAuthMethods).filter(
    (m) =>
      m !== spec.authMethod &&
      isSecretMethod(m) &&
      // A secret too short to sign HS256 cannot be a client_secret_jwt secret.
      !(m === 'client_secret_jwt' && !canSignHs256(spec.clientSecret)) &&
      !(
        same &&
        m.startsWith('client_secret_basic') &&
        spec.authMethod.startsWith('client_secret_basic')
      ),
  );
  for (const method of others) {
    const result = await run(method);
    if (!('category' in result)) {
      return report(
        result,
        method,
        first,
        `The server rejected ${spec.authMethod} but accepted ${method}: switch the connection to ${method}.`,
      );
    }
    if (!rejectedClient(result, method)) break;
  }
  const tried = attempts.slice(1);
  const allRejected = tried.every((a) => a.error !== null && rejectedClient(a.error, a.authMethod));
  const message =
    tried.length > 0 && allRejected
      ? `${first.message} Grantline also tried ${tried.map((a) => a.authMethod).join(', ')}; the server rejected those too, so the client ID or secret itself is likely wrong.`
      : first.message;
  return report(null, null, first, message);
}
