import { app, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url.js';
import { openExternalHttps } from './external-links.js';
import { isPermissionAllowed } from './permission-policy.js';

/**
 * Deny every permission (camera, notifications, clipboard-read, geolocation, openExternal…) for
 * every origin, except the sanitised clipboard write for the app's own top frame (see
 * permission-policy.ts). Anything else privileged goes through the typed IPC contract.
 */
export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) =>
    callback(
      isPermissionAllowed({
        permission,
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        pageUrl: webContents.getURL(),
      }),
    ),
  );
  session.setPermissionCheckHandler((webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed({
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
      pageUrl: webContents?.getURL() ?? '',
    }),
  );
}

function guard(contents: WebContents): void {
  // Navigation away from our own pages is never needed; a link to the web goes to the browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openExternalHttps(event.url);
  });
  // will-navigate covers the main frame only; this covers iframes (and the main frame again).
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // A server-side redirect of an allowed navigation must not leave our origin either.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // No new windows, ever: https links open in the browser, everything else is dropped.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalHttps(url);
    return { action: 'deny' };
  });
  // webviewTag is off in webPreferences; refuse attachment too in case that ever changes.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  restrictPermissions(contents.session);
}

/**
 * The one `web-contents-created` handler: every web contents the app ever creates (windows,
 * devtools, anything a dependency opens) gets the same navigation, window and permission guards.
 */
export function installWebContentsGuards(): void {
  app.on('web-contents-created', (_event, contents) => guard(contents));
}
