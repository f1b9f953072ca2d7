import { afterAll, beforeAll, expect } from 'vitest';
import { connectionSchema, type Connection } from '#shared/connection.js';
import { AppError, type ErrorCategory } from '#shared/errors.js';
import type { TokenRequestSpec } from '../../../../../electron/core/tokens/token-request-spec.js';

/** A complete spec with test defaults; override what the test is about. */
export function specFor(
  overrides: Partial<TokenRequestSpec> & { tokenUrl: string },
): TokenRequestSpec {
  return {
    clientId: 'grantline-client',
    clientSecret: 'grantline-secret',
    authMethod: 'client_secret_basic',
    grantType: 'client_credentials',
    extraBodyParams: {},
    extraQueryParams: {},
    extraHeaders: {},
    bodyEncoding: 'form',
    responseMapping: {},
    errorHints: [],
    tls: {},
    allowHttp: false,
    timeoutMs: 5_000,
    ...overrides,
  };
}

/** A saved connection for a preset, as the store would hold it. */
export function connectionFor(
  presetId: string,
  input: Partial<Omit<Connection, 'presetId'>> & { clientId: string },
): Connection {
  const stamp = '2025-01-01T00:00:00.000Z';
  return connectionSchema.parse({
    id: `conn-${presetId}`,
    name: `Test ${presetId}`,
    presetId,
    createdAt: stamp,
    updatedAt: stamp,
    ...input,
  });
}

/** Await a rejection and check it is an AppError of this category; returns it for more checks. */
export async function expectAppError(
  promise: Promise<unknown>,
  category: ErrorCategory,
): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a ${category} error`).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.category, error.message).toBe(category);
  return error;
}

/** Fail the file if any promise rejection goes unhandled while its tests run. */
export function failOnUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(async () => {
    // Let pending microtasks and timers of the last test settle before checking.
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([]);
  });
}
