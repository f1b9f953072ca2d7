import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Paths from '../../../../electron/host/paths.js';
import { runServeCommand } from '../../../../electron/host/serve-command.js';

// `grantline serve --open` with a stand-in browser that records its command line: what any local
// user could read from /proc/PID/cmdline must not let them in.

vi.mock('../../../../electron/host/paths.js', async (original) => ({
  ...(await original<typeof Paths>()),
  appVersion: () => '9.9.9',
}));

let dir: string;
let stop: () => void;
let finished: Promise<number>;
let printed: string;
let browserArgs: string[];

function get(url: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grantline-serve-open-'));
  const argsFile = join(dir, 'browser-args');
  const browser = join(dir, 'fake-browser');
  writeFileSync(
    browser,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}.tmp"\nmv "${argsFile}.tmp" "${argsFile}"\n`,
  );
  chmodSync(browser, 0o755);
  vi.stubEnv('DISPLAY', ':99');
  vi.stubEnv('GRANTLINE_BROWSER', browser);
  const before = new Set(process.listeners('SIGTERM'));
  let ready!: (line: string) => void;
  const readyLine = new Promise<string>((resolve) => (ready = resolve));
  finished = runServeCommand(['--open', '--port', '0', '--data-dir', join(dir, 'data')], {
    stdin: process.stdin,
    stdout: (text) => {
      const match = /Grantline is running at (\S+)/.exec(text);
      if (match) ready(match[1]!);
    },
    stderr: () => undefined,
    env: process.env,
  });
  printed = await Promise.race([
    readyLine,
    finished.then((code) => Promise.reject(new Error(`serve exited with ${code}`))),
  ]);
  const added = process.listeners('SIGTERM').filter((l) => !before.has(l));
  stop = () => {
    for (const listener of added) (listener as () => void)();
  };
  const deadline = Date.now() + 10_000;
  while (!existsSync(argsFile) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  browserArgs = readFileSync(argsFile, 'utf8').trim().split('\n');
}, 60_000);

afterAll(async () => {
  stop?.();
  await finished;
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('grantline serve --open', () => {
  it('never puts the launch key on the browser command line', () => {
    const key = new URL(printed).hash.replace('#key=', '');
    expect(key.length).toBeGreaterThan(20);
    expect(browserArgs.length).toBeGreaterThan(0);
    for (const arg of browserArgs) {
      expect(arg).not.toContain(key);
      expect(arg).not.toContain('#key=');
    }
  });

  it('gives the browser a launch address that works once and then is dead', async () => {
    const app = browserArgs.find((arg) => arg.startsWith('--app='));
    expect(app).toBeDefined();
    const launch = app!.slice('--app='.length);
    const first = await get(launch);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/${new URL(printed).hash}`);
    // Someone who read the command line afterwards gets nothing.
    const second = await get(launch);
    expect(second.status).toBe(410);
    expect(second.location).toBeUndefined();
  });
});
