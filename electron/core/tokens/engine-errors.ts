import { AppError } from '#shared/errors.js';

/** The error every cancelled wait ends with. */
export function cancelledError(): AppError {
  return new AppError('cancelled', 'The token request was cancelled.');
}

/** Any thrown value as an AppError; unknown errors become `internal` without their message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal', 'Getting a token failed unexpectedly.', { cause: error });
}

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { status?: unknown; statusCode?: unknown };
  if (typeof record.status === 'number') return record.status;
  if (typeof record.statusCode === 'number') return record.statusCode;
  return undefined;
}

/** Default 401 test for withToken results: `{ status: 401 }` or `{ statusCode: 401 }`. */
export function isUnauthorizedResult(result: unknown): boolean {
  return statusOf(result) === 401;
}

/** True for an error that says the API answered 401. */
export function isUnauthorizedError(error: unknown): boolean {
  return statusOf(error) === 401;
}

/** Wait for a promise unless the signal aborts first (the promise itself keeps running). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
