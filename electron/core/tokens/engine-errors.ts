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
