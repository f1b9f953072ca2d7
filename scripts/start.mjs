#!/usr/bin/env node
// `npm start`: build if the sources changed, then launch the Electron app. Where the Electron
// binary cannot be obtained (no internet, as on our build machines), say so in one line and run
// browser mode instead: `grantline serve --open`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPARMOR_USERNS_FILE, checkLinuxSandbox, electronChildEnv } from './start-checks.mjs';

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

function readOptional(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function statOptional(path) {
  try {
    const stat = statSync(path);
    return { uid: stat.uid, mode: stat.mode };
  } catch {
    return undefined;
  }
}

/** The binary, or why not: a binary whose sandbox cannot start counts as not available. */
function launchableElectron() {
  if (process.env.GRANTLINE_BROWSER_MODE) return { reason: 'GRANTLINE_BROWSER_MODE is set' };
  const found = electronBinary();
  if (!found.path) return found;
  const sandbox = checkLinuxSandbox({
    platform: process.platform,
    readUsernsRestriction: () => readOptional(APPARMOR_USERNS_FILE),
    sandboxPath: join(dirname(found.path), 'chrome-sandbox'),
    statSandbox: statOptional,
  });
  if (sandbox.ok) return found;
  // The sandbox is never disabled: say how to set it up, and use browser mode meanwhile.
  console.log(`To run the desktop app here, set up Electron's sandbox helper: ${sandbox.fix}`);
  return { reason: sandbox.reason };
}

const electron = launchableElectron();
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
