import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostLimits, HostStats } from '../../../electron/host/server.js';

export interface ChildStats extends HostStats {
  rss: number;
  heapUsed: number;
}

/** The host running in its own process (see host-process.ts). */
export interface HostChild {
  port: number;
  key: string;
  process: ChildProcess;
  stats(): Promise<ChildStats>;
  alive(): boolean;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./host-process.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));
// jiti's CLI rather than its --import hook, which cannot load some CommonJS dependencies.
const jitiCli = join(
  dirname(createRequire(import.meta.url).resolve('jiti/package.json')),
  'lib',
  'jiti-cli.mjs',
);

/** Start the host from the TypeScript sources (jiti, a dependency of vite and eslint, runs them). */
export async function startHostChild(limits: Partial<HostLimits>): Promise<HostChild> {
  const child = spawn(process.execPath, [jitiCli, script], {
    cwd: root,
    env: { ...process.env, GRANTLINE_HOST_LIMITS: JSON.stringify(limits) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  });
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const queued = queue.shift();
      if (queued !== undefined) return resolve(queued);
      const timer = setTimeout(() => reject(new Error('host process did not answer')), 30_000);
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  const ready = JSON.parse(await nextLine()) as { port: number; key: string };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...ready,
    process: child,
    async stats() {
      child.stdin!.write('stats\n');
      return JSON.parse(await nextLine()) as ChildStats;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
