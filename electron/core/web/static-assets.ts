import { extname, join, normalize, sep } from 'node:path';

// What the Electron app protocol and the browser-mode host both need to serve the built renderer:
// one CSP, one set of security headers, one content-type table, one path rule.

/**
 * The header twin of the meta CSP in renderer/index.html (same directives, plus frame-ancestors,
 * which only a header can carry). No 'unsafe-eval', no 'unsafe-inline', no remote origins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a served file; unknown types are sent as opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers every response that serves the renderer carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/**
 * The file under `rootDir` that a still-encoded URL path names, or undefined when it would
 * escape the folder (`..`, encoded separators, backslashes, NUL bytes) or is a source map: the
 * build writes them for debugging, but they are never served (they hold the whole source).
 */
export function resolveAssetPath(rootDir: string, encodedPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return undefined;
  }
  if (extname(decoded).toLowerCase() === '.map') return undefined;
  // URL parsers already resolve literal `..`; an encoded one (%2e%2e, ..%2f) is an attack.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return undefined;
  }
  const relative = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(
    /^[/\\]+/,
    '',
  );
  const root = normalize(rootDir);
  const full = join(root, relative);
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  return full.startsWith(rootWithSep) ? full : undefined;
}
