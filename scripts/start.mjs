#!/usr/bin/env node
// `npm start`: build if the sources changed, then launch the Electron app. Where the Electron
// binary cannot be obtained (no internet, as on our build machines), say so in one line and run
// browser mode instead: `grantline serve --open`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronChildEnv } from './start-checks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function needsBuild() {
  if (!existsSync(stamp)) return true;
  const inputs = [
    'electron',
    'renderer',
    'shared',
    'package.json',
    'vite.config.ts',
    'scripts/build.mjs',
  ];
  const newest = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newest > statSync(stamp).mtimeMs;
}

/** Path of the Electron binary if it is installed, trying its download once if it is not. */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  const installed = () =>
    existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
      ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
      : undefined;
  if (installed()) return { path: installed() };
  if (!existsSync(join(dir, 'install.js')))
    return { reason: 'the electron package is not installed' };
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    stdio: 'pipe',
    timeout: 120_000,
    encoding: 'utf8',
  });
  if (installed()) return { path: installed() };
  const why = (result.stderr || result.stdout || '').split('\n').find((l) => /error|fail/i.test(l));
  return { reason: why ? why.trim().slice(0, 120) : 'the download did not complete' };
}

if (needsBuild()) {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = process.env.GRANTLINE_BROWSER_MODE
  ? { reason: 'GRANTLINE_BROWSER_MODE is set' }
  : electronBinary();
const child = electron.path
  ? spawn(electron.path, [root], {
      cwd: root,
      stdio: 'inherit',
      env: electronChildEnv(process.env),
    })
  : (console.log(
      `Electron's binary is not available here (${electron.reason}); starting Grantline in browser mode instead.`,
    ),
    spawn(
      process.execPath,
      [join(root, 'bin', 'grantline.js'), 'serve', '--open', ...process.argv.slice(2)],
      {
        cwd: root,
        stdio: 'inherit',
      },
    ));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
