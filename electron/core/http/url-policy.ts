import { isIP } from 'node:net';
import { AppError } from '#shared/errors.js';

/** True when the host is this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Origin and path only: query strings can carry parameters we must not echo. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/**
 * Parse a URL that credentials will be sent to. Plain http is refused unless it is loopback or the
 * connection explicitly allows it; user info in the URL is refused so credentials live in one place.
 */
export function assertCredentialUrl(raw: string, options: { allowHttp: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation', 'The token URL is not a valid URL.', {
      hint: 'Enter a full URL such as https://auth.example.com/oauth2/token.',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('validation', `Unsupported URL scheme "${url.protocol}".`, {
      hint: 'Token endpoints are https:// URLs.',
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new AppError('validation', 'The token URL contains a user name or password.', {
      hint: 'Remove them from the URL: the client ID and secret belong in the connection.',
    });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !options.allowHttp) {
    throw new AppError(
      'insecure_url',
      `Refusing to send credentials over plain http to ${url.host}.`,
      {
        hint: 'Use the https:// URL of the token endpoint. Only if you trust every network in between, allow plain http for this connection.',
        details: { url: describeUrl(url) },
      },
    );
  }
  url.hash = '';
  return url;
}
