import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The floor of B6 and B8: the same kind of Node host as `grantline serve` (node:http on 127.0.0.1,
// a ready line on stdout) serving one line of HTML and nothing else.
const page = '<!doctype html><title>floor</title><p>Hello from a static page.</p>\n';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`Static host is running at http://127.0.0.1:${port}/\n`);
});
const stop = (): void => {
  server.close();
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
