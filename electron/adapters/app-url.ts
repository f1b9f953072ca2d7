import { contentTypeFor, resolveAssetPath, securityHeaders } from '../core/web/static-assets.js';

export { CONTENT_SECURITY_POLICY, contentTypeFor } from '../core/web/static-assets.js';

// Plain Node on purpose (no 'electron' import): the URL and path rules that keep the window on our
// own content are the security-critical part of the shell, so they are unit-tested without Electron.

/** The privileged custom scheme that serves the built renderer. */
export const APP_SCHEME = 'app';
/** The one host of that scheme; anything else on `app:` is refused. */
export const APP_HOST = 'grantline';
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Parse a URL without throwing. */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** True only for `app://grantline/…`: the single place our window may be or navigate to. */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== undefined && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** The parsed URL when it is an `https:` URL we may hand to the OS browser, else undefined. */
export function externalHttpsUrl(raw: string): URL | undefined {
  const url = parseUrl(raw);
  // Credentials in a link are a phishing trick (https://bank@evil), never something we open.
  if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    return undefined;
  }
  return url;
}

/**
 * The file under `rootDir` that an `app://grantline/…` request names, or undefined when the URL
 * is not ours or would escape the folder.
 */
export function resolveAppAssetPath(rootDir: string, rawUrl: string): string | undefined {
  const url = parseUrl(rawUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  return resolveAssetPath(rootDir, url.pathname);
}

/** Headers on every response of the app protocol. */
export function appResponseHeaders(file: string): Record<string, string> {
  return { ...securityHeaders(), 'Content-Type': contentTypeFor(file) };
}
