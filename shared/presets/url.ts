/**
 * A small http(s) URL checker for shared/, which has no WHATWG `URL` (no DOM or Node types).
 * It only decides whether a string is a plausible absolute http(s) URL and splits it; the main
 * process parses it again with the real `URL` before any request.
 */

export interface HttpUrlParts {
  scheme: 'http' | 'https';
  hasUserInfo: boolean;
  host: string;
  port: string | undefined;
  path: string;
  query: string;
  fragment: string;
}

const urlPattern = /^(https?):\/\/([^/?#\s]*)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i;
const regNamePattern = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$/;
const ipv6Pattern = /^\[[0-9A-Fa-f:.]+(?:%25[0-9A-Za-z._~-]+)?\]$/;

/** Split an absolute http(s) URL into its parts, or return null when it is not one. */
export function parseHttpUrl(input: string): HttpUrlParts | null {
  const m = urlPattern.exec(input);
  if (m === null) return null;
  const [, scheme = '', authority = '', path = '', query = '', fragment = ''] = m;
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (pm === null) return null;
  const host = pm[1] ?? '';
  const port = pm[2] === '' ? undefined : pm[2];
  if (host === '' || !(regNamePattern.test(host) || ipv6Pattern.test(host))) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return {
    scheme: scheme.toLowerCase() as 'http' | 'https',
    hasUserInfo: at >= 0,
    host,
    port,
    path,
    query,
    fragment,
  };
}

/** True for an absolute http or https URL. */
export function isHttpUrl(input: string): boolean {
  return parseHttpUrl(input) !== null;
}
