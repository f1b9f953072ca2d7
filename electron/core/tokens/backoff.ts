import { AppError } from '#shared/errors.js';
import type { FailureState } from './engine-status.js';

/** Exponential backoff between failed token requests; `maxMs` caps the wait. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, factor: 2 };

/** The failure state after one more failure: 1 s, 2 s, 4 s … up to the cap. */
export function nextFailure(
  previous: FailureState | undefined,
  error: AppError,
  now: number,
  policy: BackoffPolicy,
): FailureState {
  const count = (previous?.count ?? 0) + 1;
  const delay = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (count - 1));
  return { count, retryAt: now + delay, error };
}

/** The last error again, saying when the engine will ask the server next (no request is sent). */
export function waitingError(failure: FailureState, now: number): AppError {
  const seconds = Math.ceil((failure.retryAt - now) / 1000);
  const last = failure.error;
  return new AppError(last.category, last.message, {
    hint: `${last.hint ?? ''} Grantline waits ${seconds} s before asking again.`.trim(),
    ...(last.status !== undefined ? { status: last.status } : {}),
    ...(last.providerCode !== undefined ? { providerCode: last.providerCode } : {}),
    details: { ...last.details, retryAt: new Date(failure.retryAt).toISOString() },
  });
}
