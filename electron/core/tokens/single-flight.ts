import type { TokenResult } from './token-result.js';
import { cancelledError, toAppError } from './engine-errors.js';

/** One token request shared by every caller that needs the same token. */
export interface Flight {
  promise: Promise<TokenResult>;
  controller: AbortController;
  waiters: number;
}

/**
 * Wait for a shared request on behalf of one caller. A caller that cancels leaves at once; the
 * request itself is aborted only when its last waiter has left.
 */
export function joinFlight(flight: Flight, signal: AbortSignal | undefined): Promise<TokenResult> {
  flight.waiters += 1;
  return new Promise<TokenResult>((resolve, reject) => {
    let settled = false;
    const leave = (): boolean => {
      if (settled) return false;
      settled = true;
      flight.waiters -= 1;
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const onAbort = (): void => {
      if (!leave()) return;
      // The request is shared: abort it only when nobody is waiting for it any more.
      if (flight.waiters === 0) flight.controller.abort();
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    flight.promise.then(
      (token) => leave() && resolve(token),
      (error: unknown) => leave() && reject(toAppError(error)),
    );
  });
}

/** Run a callback at a delay; returns its cancel function. Timers never keep the process alive. */
export const defaultSchedule = (fn: () => void, delayMs: number): (() => void) => {
  const handle = setTimeout(fn, Math.min(Math.max(0, delayMs), 2_147_483_647));
  handle.unref();
  return () => clearTimeout(handle);
};
