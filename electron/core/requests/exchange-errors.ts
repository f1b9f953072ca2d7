import { AppError } from '#shared/errors.js';
import { describeUrl } from '../http/url-policy.js';
import { formatBytes } from './timeline.js';

/** The composer's errors for one send, each saying what happened and what to try. */

export const MAX_REDIRECTS = 10;

/** Credentials would go over plain http to a host that is not this machine. */
export function insecureUrl(url: URL, label: string): AppError {
  return new AppError('insecure_url', `Refusing to send ${label} over plain http to ${url.host}.`, {
    hint: 'Use the https:// URL. Only if you trust every network in between, allow plain http in the connection’s settings.',
    details: { url: describeUrl(url) },
  });
}

/** The deadline passed: before any answer (`received` undefined) or while the body came in. */
export function timeoutError(url: URL, timeoutMs: number, received: number | undefined): AppError {
  const seconds = `${timeoutMs / 1000} s`;
  if (received === undefined) {
    return new AppError('timeout', `No answer from ${url.host} within ${seconds}.`, {
      hint: 'The server may be slow or unreachable; try again, or raise the timeout under Options.',
      details: { timeoutMs },
    });
  }
  return new AppError(
    'timeout',
    `The answer from ${url.host} did not finish within ${seconds} (${formatBytes(received)} arrived); the download was stopped.`,
    {
      hint: 'The server sends very slowly or stalled half-way. The timeout covers the whole download: raise it under Options for a big or slow answer, or try again later.',
      details: { timeoutMs, receivedBytes: received },
    },
  );
}

/** Past MAX_REDIRECTS hops; names the loop when a URL came round again. */
export function tooManyRedirects(visited: readonly URL[]): AppError {
  // A loop is the same full URL (query included) coming round again; show one turn of it.
  const hrefs = visited.map((u) => u.href);
  const last = hrefs.length - 1;
  const previous = hrefs.lastIndexOf(hrefs[last] ?? '', last - 1);
  const chain = visited
    .slice(previous)
    .map((u) => describeUrl(u))
    .join(' → ');
  return new AppError(
    'redirect',
    `Too many redirects: stopped after ${MAX_REDIRECTS}.${previous >= 0 ? ` The server redirects in a loop: ${chain}.` : ''}`,
    {
      hint: 'Every hop is in the timeline. Call the final URL directly, or turn off following redirects under Options to see the first answer.',
      details: { redirects: visited.length - 1, loop: previous >= 0 },
    },
  );
}
