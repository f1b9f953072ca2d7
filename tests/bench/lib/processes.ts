import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** Child processes and temp dirs this run started, so every exit path can clean them up. */
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A temp dir removed when the run ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Kill what we started (by its own pid only) and remove our temp dirs. */
export function cleanUp(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** A Node host started by the bench, with the URL it printed when ready. */
export interface LaunchedHost {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from spawn() to the ready line. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Spawn `node <args>` and resolve once a stdout line matches `ready` (its first group is the URL).
 * Rejects with the process's stderr when it exits or takes longer than `timeoutMs`.
 */
export async function launchNodeHost(
  args: string[],
  ready: RegExp,
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; t0?: number },
): Promise<LaunchedHost> {
  const t0 = options.t0 ?? performance.now();
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} printed no ready line in time: ${stderr.slice(0, 500)}`));
    }, options.timeoutMs ?? 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
    });
    lines.on('line', (line) => {
      const match = ready.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const readyMs = performance.now() - t0;
  return {
    url,
    pid: child.pid ?? -1,
    child,
    readyMs,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        children.delete(child);
        return;
      }
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

export const SERVE_READY = /^Grantline is running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)$/;
export const STATIC_READY = /^Static host is running at (http:\/\/127\.0\.0\.1:\d+\/)$/;

/** `node bin/grantline.js serve` on a free port with its own data dir. */
export function launchServe(
  root: string,
  dataDir: string,
  extra: { nodeArgs?: string[]; t0?: number } = {},
): Promise<LaunchedHost> {
  return launchNodeHost(
    [
      ...(extra.nodeArgs ?? []),
      join(root, 'bin', 'grantline.js'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    SERVE_READY,
    { cwd: root, ...(extra.t0 !== undefined ? { t0: extra.t0 } : {}) },
  );
}

/** The floor host: plain node:http serving a one-line page (see static-host.ts, compiled beside us). */
export function launchStaticHost(t0?: number): Promise<LaunchedHost> {
  const script = fileURLToPath(new URL('../static-host.js', import.meta.url));
  return launchNodeHost([script], STATIC_READY, {
    cwd: dirname(script),
    ...(t0 !== undefined ? { t0 } : {}),
  });
}

/** Memory of a process from /proc (KiB → MiB): resident set and proportional set size. */
export function processMemoryMiB(pid: number): { rss: number; pss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN) / 1024;
    const rollup = `/proc/${pid}/smaps_rollup`;
    const pss = existsSync(rollup)
      ? Number(/^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(rollup, 'utf8'))?.[1] ?? NaN) / 1024
      : rss;
    return { rss, pss };
  } catch {
    return null;
  }
}

/**
 * A private copy of the built app (package.json, bin/, dist/ without source maps; node_modules
 * linked), so a rebuild of dist/ by someone else during the run cannot change what is measured
 * half-way (a renamed lazy chunk would break the page). Returns the copy's root.
 */
export function snapshotApp(root: string): string {
  const copy = tempDir('grantline-bench-app-');
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
  cpSync(join(root, 'dist'), join(copy, 'dist'), {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => !source.endsWith('.map'),
  });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}
