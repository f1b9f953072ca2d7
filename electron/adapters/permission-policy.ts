import { APP_HOST, APP_SCHEME, parseUrl } from './app-url.js';

// Plain Node (no 'electron' import) so the rule is unit-tested without Electron.

/**
 * The one permission the renderer gets. Copy buttons write with navigator.clipboard.writeText in
 * Electron and in browser mode alike, so the renderer keeps one code path; Chromium checks and
 * then requests `clipboard-sanitized-write` for that call. Writing sanitised text to the clipboard
 * reveals nothing to the page, unlike `clipboard-read`, which stays denied with everything else.
 */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** What Electron tells a permission handler about a request or a check. */
export interface PermissionQuery {
  permission: string;
  /** The requesting frame's URL or origin (`app://grantline` or `app://grantline/index.html`). */
  requestingUrl: string | undefined;
  /** Whether the request comes from the top frame. */
  isMainFrame: boolean | undefined;
  /** The URL the web contents shows (its main frame). */
  pageUrl: string;
}

function isAppOrigin(raw: string | undefined): boolean {
  const url = parseUrl(raw ?? '');
  return url !== undefined && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** True only for the clipboard write, from the app's own page, in its top frame. */
export function isPermissionAllowed(query: PermissionQuery): boolean {
  return (
    query.permission === ALLOWED_PERMISSION &&
    query.isMainFrame === true &&
    isAppOrigin(query.requestingUrl) &&
    isAppOrigin(query.pageUrl)
  );
}
