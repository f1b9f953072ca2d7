import { shell } from 'electron';
import { externalHttpsUrl } from './app-url.js';

/**
 * Open a link in the user's browser only when it parses as a plain `https:` URL. Every other
 * scheme (file:, smb:, javascript:, custom app handlers…) can run code or leak credentials through
 * the OS, so it is dropped. Returns whether the link was opened.
 */
export function openExternalHttps(raw: string): boolean {
  const url = externalHttpsUrl(raw);
  if (!url) return false;
  // Electronegativity flags every non-literal openExternal for review; this one only ever receives
  // a URL that externalHttpsUrl has parsed and restricted to https without credentials.
  shell.openExternal(url.href).catch(() => undefined); // eng-disable OPEN_EXTERNAL_JS_CHECK
  return true;
}
