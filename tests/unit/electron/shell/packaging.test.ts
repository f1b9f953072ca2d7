import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  cpSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, ROOT, type BuiltApp } from './built-app.js';
import { startShell, type Shell, type ShellState } from './harness.js';

// `electron-builder --dir` for Linux with a stub Electron distribution (electronDist, so nothing
// is downloaded), then the packaged app.asar's main entry run under the fake-Electron harness from
// a folder outside this repository: every runtime dependency must come from the package.

const require = createRequire(import.meta.url);
const fromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));
const yaml = fromBuilder('js-yaml') as { load: (text: string) => unknown };
const { build, Platform } = require('electron-builder') as {
  build: (options: Record<string, unknown>) => Promise<string[]>;
  Platform: { LINUX: { createTarget: (type: string) => unknown } };
};
const asar = require('@electron/asar') as {
  listPackage: (archive: string, options: Record<string, unknown>) => string[];
  extractAll: (archive: string, dest: string) => void;
};

// Electron's fuse wire as @electron/fuses finds it: sentinel, wire version 1, 8 fuses with
// Electron 45's defaults (run-as-node on, cookie encryption off, NODE_OPTIONS on, inspect on,
// asar integrity off, only-load-from-asar off, v8 snapshot off, file protocol privileges on).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSES = '10110001';

/**
 * Copy node_modules as hard links where the system can (fast, no extra space), else file by file;
 * without its .cache folder, which holds the built app itself.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  const entries = readdirSync(from)
    .filter((name) => name !== '.cache')
    .map((name) => join(from, name));
  if (spawnSync('cp', ['-al', ...entries, to]).status === 0) return;
  for (const entry of entries) {
    cpSync(entry, join(to, basename(entry)), { recursive: true, verbatimSymlinks: true });
  }
}

let built: BuiltApp;
const UPDATE_URL = 'https://updates.example/grantline/';
let work: string;
let unpacked: string;

beforeAll(async () => {
  built = await buildApp();
  work = mkdtempSync(join(tmpdir(), 'grantline-package-'));
  // The stub distribution: an executable with a fuse wire, and the sandbox helper.
  const electronDist = join(work, 'electron-dist');
  mkdirSync(join(electronDist, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron: cannot run"\nexit 1\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES),
  ]);
  for (const name of ['electron', 'chrome-sandbox']) {
    writeFileSync(join(electronDist, name), binary);
    chmodSync(join(electronDist, name), 0o755);
  }
  writeFileSync(join(electronDist, 'LICENSE'), 'stub');
  // The project to package: the freshly built dist/ and package.json, and this repo's modules.
  // A linked copy, not a symlink: through a symlinked node_modules, `npm list` (which
  // electron-builder asks for the production dependencies) reports hoisted ones such as qs or
  // readdirp as missing, and the package would ship without them.
  linkTree(join(ROOT, 'node_modules'), join(built.root, 'node_modules'));
  writeFileSync(
    join(built.root, 'package-lock.json'),
    readFileSync(join(ROOT, 'package-lock.json')),
  );
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  await build({
    projectDir: built.root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      electronDist,
      // A release points the feed elsewhere the same way (-c.publish.url=…).
      publish: { ...(config.publish as object), url: UPDATE_URL },
      directories: { ...(config.directories as object), output: join(work, 'release') },
    },
  });
  unpacked = join(work, 'release', 'linux-unpacked');
}, 240_000);

afterAll(() => {
  built?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged app (electron-builder --dir, stub Electron)', () => {
  it('holds the bundled main and preload, the renderer and production modules only', () => {
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), {});
    expect(files).toContain('/dist/electron/main.js');
    expect(files).toContain('/dist/preload/preload.cjs');
    expect(files).toContain('/dist/renderer/index.html');
    expect(files).toContain('/node_modules/electron-store/index.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    for (const dev of ['vite', 'vitest', 'electron', 'typescript', 'electron-builder']) {
      expect(files, dev).not.toContain(`/node_modules/${dev}/package.json`);
    }
  });

  it('writes the update feed into the package for electron-updater', () => {
    const feed = yaml.load(
      readFileSync(join(unpacked, 'resources', 'app-update.yml'), 'utf8'),
    ) as Record<string, unknown>;
    expect(feed).toMatchObject({ provider: 'generic', url: UPDATE_URL });
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), {});
    expect(files).toContain('/node_modules/electron-updater/package.json');
  });

  it('flips the fuses electron-builder.yml asks for', () => {
    const binary = readFileSync(join(unpacked, 'grantline'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
    const wire = binary.subarray(at, at + DEFAULT_FUSES.length).toString('latin1');
    // run-as-node off, cookie encryption on, NODE_OPTIONS off, inspect off, only-from-asar on,
    // file protocol privileges off.
    expect(wire).toBe('01000100');
  });

  it("runs the packaged main under the fake Electron with only the package's modules", async () => {
    const extracted = join(work, 'extracted');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), extracted);
    const userData = join(work, 'user-data');
    let shell: Shell | undefined;
    try {
      shell = await startShell({
        mainPath: join(extracted, 'dist', 'electron', 'main.js'),
        env: { GRANTLINE_USER_DATA_DIR: userData },
        cwd: work,
      });
      await shell.call('boot');
      await shell.call('ready');
      const state = await shell.call<ShellState>('waitFor', { what: 'ready-to-show' });
      expect(state.errors).toEqual([]);
      expect(state.consoleErrors).toEqual([]);
      expect(state.unknown).toEqual([]);
      const info = await shell.call<{ ok: boolean; value: { version: string } }>('invoke', {
        channel: 'app:info',
      });
      expect(info).toMatchObject({ ok: true, value: { version: '0.1.0' } });
      const page = await shell.call<{ status: number }>('protocol', {
        url: 'app://grantline/index.html',
      });
      expect(page.status).toBe(200);
    } finally {
      await shell?.close();
    }
  }, 60_000);
});
