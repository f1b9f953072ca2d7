import { AppError } from '../errors.js';
import type { InputError } from './inspect.js';
import type { DecodeError } from './types.js';

/**
 * The AppError an IPC handler throws when a token cannot be inspected: category `validation`,
 * the precise sentence as message, and the position (part, offsets) in `details` for the UI.
 */
export function inspectionAppError(error: DecodeError | InputError): AppError {
  const details: Record<string, unknown> = { code: error.code };
  for (const key of ['part', 'partIndex', 'offset', 'partOffset', 'byteOffset'] as const) {
    const value = (error as DecodeError)[key];
    if (value !== undefined) details[key] = value;
  }
  const hint = 'hint' in error ? error.hint : undefined;
  return new AppError(
    'validation',
    error.message,
    hint === undefined ? { details } : { details, hint },
  );
}
