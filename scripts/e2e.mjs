#!/usr/bin/env node
// Runs the Playwright suite. Browser-mode tests are headless; the Electron smoke test needs a
// display, so without one we run everything under `xvfb-run -a` when it is installed.
import { spawnSync } from 'node:child_process';

const args = ['node_modules/@playwright/test/cli.js', 'test', ...process.argv.slice(2)];
const needsXvfb =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const hasXvfb =
  needsXvfb && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const [cmd, cmdArgs] = hasXvfb
  ? ['xvfb-run', ['-a', process.execPath, ...args]]
  : [process.execPath, args];
const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
