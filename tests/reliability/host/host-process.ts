import { createInterface } from 'node:readline';
import { startHost, type HostLimits } from '../../../electron/host/server.js';
import { createCoreFixture } from '../ipc/core-fixture.js';

// The browser-mode host in a process of its own, so the attack tests can watch its memory and see
// that it stays up. Started by host-attacks.test.ts through jiti's CLI.
// Prints one JSON line {port, key}; answers each "stats" line on stdin with a JSON line.

const limits = JSON.parse(process.env.GRANTLINE_HOST_LIMITS ?? '{}') as Partial<HostLimits>;
const fixture = createCoreFixture();
const host = await startHost({
  port: 0,
  rendererDir: fixture.rendererDir,
  context: fixture.context,
  handlers: fixture.handlers,
  limits,
});
process.stdout.write(`${JSON.stringify({ port: host.port, key: host.key })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'stats') {
    const memory = process.memoryUsage();
    process.stdout.write(
      `${JSON.stringify({ ...host.stats(), rss: memory.rss, heapUsed: memory.heapUsed })}\n`,
    );
  }
});
lines.on('close', () => {
  void host
    .close()
    .then(() => fixture.close())
    .then(() => process.exit(0));
});
