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
