import { AppError } from '#shared/errors.js';

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const timeoutCodes = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const tlsCodePattern =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|ERR_OSSL_)/;

/** Every error code in an error, its causes and (for happy-eyeballs) its aggregated errors. */
function collectCodes(err: unknown, depth = 0): string[] {
  if (depth > 5 || typeof err !== 'object' || err === null) return [];
  const codes: string[] = [];
  const record = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') codes.push(record.code);
  codes.push(...collectCodes(record.cause, depth + 1));
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) codes.push(...collectCodes(inner, depth + 1));
  }
  return codes;
}

/** The AppError we threw ourselves somewhere down the chain (e.g. from the TLS connector). */
function findAppError(err: unknown, depth = 0): AppError | undefined {
  if (err instanceof AppError) return err;
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;
  return findAppError((err as { cause?: unknown }).cause, depth + 1);
}

/**
 * Map a Node/undici failure to a category the user can act on. `where` is a description of the
 * endpoint without its query string; no request content is ever included.
 */
export function toTransportError(err: unknown, where: { host: string; url: string }): AppError {
  const own = findAppError(err);
  if (own !== undefined) return own;
  const codes = collectCodes(err);
  const code = codes.find((c) => !c.startsWith('UND_ERR_')) ?? codes[0] ?? 'UNKNOWN';
  const details = { code, url: where.url };
  if (codes.some((c) => dnsCodes.has(c))) {
    return new AppError('dns', `The host name ${where.host} could not be resolved.`, {
      hint: 'Check the host name for typos. If it is an internal name, check the VPN or DNS settings of this computer.',
      details,
    });
  }
  if (codes.some((c) => timeoutCodes.has(c))) {
    return new AppError('timeout', `${where.host} did not answer in time.`, {
      hint: 'Check that the host and port are reachable from this computer (firewall, VPN, proxy).',
      details,
    });
  }
  if (codes.includes('ECONNREFUSED')) {
    return new AppError('network', `Nothing is accepting connections at ${where.host}.`, {
      hint: 'Check the port and that the server is running.',
      details,
    });
  }
  if (codes.some((c) => tlsCodePattern.test(c))) {
    return new AppError('tls', `The secure connection to ${where.host} failed (${code}).`, {
      hint: 'The server may not speak https on this port, or require a client certificate, or use TLS settings this app refuses.',
      details,
    });
  }
  if (codes.some((c) => networkCodes.has(c))) {
    return new AppError('network', `The connection to ${where.host} was closed unexpectedly.`, {
      hint: 'The server or a proxy dropped the connection. It may expect https, a client certificate or another port; try again in a moment.',
      details,
    });
  }
  return new AppError('network', `The request to ${where.host} failed.`, {
    hint: 'Check the address and your network connection.',
    details,
    cause: err,
  });
}
