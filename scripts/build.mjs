#!/usr/bin/env node
// Builds everything `grantline` and Electron need: the main process / host / CLI (tsc → dist/),
// the renderer (Vite → dist/renderer) and the sandboxed preload (one CommonJS file, since a
// sandboxed preload cannot load ES modules or most of Node).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'electron/tsconfig.json']);
// dist/ is ESM like the sources; the preload folder overrides that for its one CommonJS file.
await build({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  logLevel: 'warn',
});
await build({
  configFile: false,
  logLevel: 'warn',
  // Same mapping as vite.config.ts: `#shared/x.js` is the TypeScript source in shared/.
  resolve: {
    alias: [
      {
        find: /^#shared\/(.*)\.js$/,
        replacement: fileURLToPath(new URL('../', import.meta.url)) + 'shared/$1.ts',
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/preload', import.meta.url)),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('../electron/preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
mkdirSync(new URL('../dist/preload', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/preload/package.json', import.meta.url), '{ "type": "commonjs" }\n');
// start.mjs compares source mtimes with this stamp to skip a rebuild when nothing changed.
writeFileSync(new URL('../dist/.build-stamp', import.meta.url), new Date().toISOString() + '\n');
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
