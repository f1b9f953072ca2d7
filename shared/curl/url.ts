/**
 * Lenient URL splitting for imported commands. Unlike shared/presets/url.ts it accepts
 * documentation placeholders such as `https://<IP/HostName/TenantName>:<GWPORT>/avxapi/…`,
 * because an imported URL is shown for the user to complete, not requested as it is.
 */

/** The parts of a URL as written; host and port may be placeholders. */
export interface UrlParts {
  scheme: string;
  host: string;
  port: string | undefined;
  path: string;
  query: string;
}

// A `<…>` placeholder inside the authority may contain slashes, so it is matched as one unit.
const URL_PATTERN = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/((?:<[^>]*>|[^/?#<])*)([^?#]*)(\?[^#]*)?/;

/** Split a URL into scheme, host, port, path and query; undefined when it has no scheme. */
export function splitUrl(url: string): UrlParts | undefined {
  const m = URL_PATTERN.exec(url.trim());
  if (m === null) return undefined;
  const authority = m[2] ?? '';
  const hostPort = authority.slice(lastOutsidePlaceholder(authority, '@') + 1);
  let host = hostPort;
  let port: string | undefined;
  const colon = lastOutsidePlaceholder(hostPort, ':');
  if (colon >= 0 && !(hostPort.startsWith('[') && hostPort.lastIndexOf(']') > colon)) {
    host = hostPort.slice(0, colon);
    port = hostPort.slice(colon + 1);
  }
  return {
    scheme: (m[1] ?? '').toLowerCase(),
    host: /^[\w.[\]:-]+$/.test(host) ? host.toLowerCase() : host,
    port,
    path: m[3] ?? '',
    query: m[4] ?? '',
  };
}

function lastOutsidePlaceholder(text: string, ch: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && depth > 0) depth--;
    else if (c === ch && depth === 0) last = i;
  }
  return last;
}

/** The host of a URL, lower-cased (placeholders kept as written), or undefined. */
export function hostOf(url: string): string | undefined {
  const parts = splitUrl(url);
  return parts === undefined || parts.host === '' ? undefined : parts.host;
}

/** The path of a URL without query or fragment (`/` when empty), or undefined. */
export function pathOf(url: string): string | undefined {
  const parts = splitUrl(url);
  if (parts === undefined) return undefined;
  return parts.path === '' ? '/' : parts.path;
}

/** True for loopback hosts, where plain http is acceptable. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
