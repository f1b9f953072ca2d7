import type { BearerCredential } from './handed-out-tokens.js';
import type { TokenResult } from './token-result.js';
import { isUnauthorizedError, isUnauthorizedResult } from './unauthorized.js';

/** Options of TokenEngine.withToken. */
export interface WithTokenOptions<R> {
  signal?: AbortSignal;
  /** Decide whether a result means "401"; default: `{ status: 401 }` or `{ statusCode: 401 }`. */
  isUnauthorized?: (result: R) => boolean;
}

/** Call with one token; on a 401 drop it (if still current), get another, call once more. */
export async function runWithToken<R>(
  engine: {
    acquire: (signal: AbortSignal | undefined) => Promise<TokenResult>;
    invalidate: (accessToken: string) => void;
  },
  call: (credential: BearerCredential, signal: AbortSignal | undefined) => Promise<R>,
  options: WithTokenOptions<R>,
): Promise<R> {
  const isUnauthorized = options.isUnauthorized ?? isUnauthorizedResult;
  const attempt = async (token: TokenResult): Promise<{ result: R } | { error: unknown }> => {
    const credential: BearerCredential = {
      authorization: `${token.tokenType} ${token.accessToken}`,
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      ...(token.dpop !== undefined ? { dpop: token.dpop } : {}),
    };
    try {
      return { result: await call(credential, options.signal) };
    } catch (error) {
      if (isUnauthorizedError(error)) return { error };
      throw error;
    }
  };
  const first = await engine.acquire(options.signal);
  const outcome = await attempt(first);
  if ('result' in outcome && !isUnauthorized(outcome.result)) return outcome.result;
  // Compare-and-drop: concurrent 401s for the same token cause one renewal, not one each.
  engine.invalidate(first.accessToken);
  const second = await engine.acquire(options.signal);
  const retried = await attempt(second);
  if ('error' in retried) throw retried.error;
  return retried.result;
}
