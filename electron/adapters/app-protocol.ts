import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppAssetPath } from './app-url.js';

/**
 * Declare `app:` a standard, secure scheme. Must run before the app is ready. Standard gives the
 * page a real origin (`app://grantline`) so 'self' in the CSP and relative URLs work; secure makes
 * it a secure context like https. It deliberately gets no `bypassCSP` and no `corsEnabled`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...appResponseHeaders('x.txt'), 'Cache-Control': 'no-store' },
  });
}

/**
 * Serve the built renderer from `rendererDir` on `app://grantline/`, read-only, GET only, with the
 * CSP header on every response. Serving from a folder we name (instead of file://) means the page
 * can never read other local files, and paths that would leave the folder are refused.
 */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed');
    }
    const file = resolveAppAssetPath(rendererDir, request.url);
    if (!file) return textResponse(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...appResponseHeaders(file),
        // A rebuilt renderer must be picked up on reload; assets are small and local anyway.
        'Cache-Control': 'no-cache',
      },
    });
  });
}
