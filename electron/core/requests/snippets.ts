import { HTTPSnippet, type HarRequest as LibraryHar } from '@readme/httpsnippet';
import { AppError } from '#shared/errors.js';
import { toHar } from '#shared/requests/har.js';
import type { ResolvedRequest } from '#shared/requests/resolve.js';
import type { SnippetTarget } from '#shared/requests/schemas.js';

/**
 * Code for a resolved request in one language, via @readme/httpsnippet (HAR in, code out).
 * `authorization` is the real "Bearer …" value only when the user chose to include the token;
 * otherwise the HAR carries the redaction marker.
 */
export function generateSnippet(
  request: ResolvedRequest,
  target: SnippetTarget,
  options: { authorization: string | null; revealCustom: boolean },
): string {
  const [targetId, clientId] = target.split(':') as [string, string];
  const curl = target === 'shell:curl';
  const har = toHar(request, { ...options, exactBody: curl });
  const snippet = new HTTPSnippet(har as unknown as LibraryHar);
  const code = snippet.convert(
    targetId as Parameters<HTTPSnippet['convert']>[0],
    clientId,
    curl ? { binary: true } : undefined,
  );
  if (code === false || code[0] === undefined) {
    throw new AppError('internal', `No code generator for ${target}.`);
  }
  return code[0];
}
