import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { contentTypeFor, resolveAssetPath, securityHeaders } from '../core/web/static-assets.js';

/** Serve one file of the built renderer (GET/HEAD only). */
export async function serveStatic(
  root: string,
  urlPath: string,
  method: string,
  res: ServerResponse,
): Promise<void> {
  const file = resolveAssetPath(root, urlPath);
  const stat = file ? await fs.stat(file).catch(() => undefined) : undefined;
  if (!file || !stat?.isFile()) {
    res.writeHead(404, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const type = contentTypeFor(file);
  // Hashed assets can be cached; index.html must not be, so a rebuild is picked up.
  const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': type,
    'Content-Length': String(stat.size),
    'Cache-Control': cache,
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
