#!/usr/bin/env node
// Builds everything `grantline` and Electron need: the host and CLI (tsc → dist/), the renderer
// (Vite → dist/renderer), the Electron main process bundled into one ES module
// (dist/electron/main.js), the `grantline` command bundled (dist/host/cli.js) and the sandboxed preload bundled into one CommonJS file
// (dist/preload/preload.cjs, since a sandboxed preload cannot load ES modules or most of Node).
// The bundle settings are exported so tests build exactly what ships.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

// Same mapping as vite.config.ts: `#shared/x.js` is the TypeScript source in shared/, bundled in.
const sharedAlias = {
  find: /^#shared\/(.*)\.js$/,
  replacement: `${root}shared/$1.ts`,
};

/** Vite settings for the preload: one CommonJS file that requires nothing but 'electron'. */
export function preloadBuildConfig(outDir) {
  return {
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: [sharedAlias] },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      sourcemap: false,
      lib: {
        entry: fileURLToPath(new URL('../electron/preload.ts', import.meta.url)),
        formats: ['cjs'],
        fileName: () => 'preload.cjs',
      },
      rollupOptions: { external: ['electron'] },
    },
  };
}

/** What the main bundle leaves to `require`/`import` at run time: Electron, Node and the deps. */
export function mainExternals() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const deps = Object.keys(pkg.dependencies ?? {});
  return [
    'electron',
    /^electron\//,
    ...builtinModules,
    /^node:/,
    // Production dependencies ship in node_modules inside app.asar (some are native).
    ...deps.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/|$)`)),
  ];
}

/**
 * Vite settings for the Electron main process: one ES module with our code and shared/ inside,
 * so start-up reads one file and never depends on Electron's ESM resolution inside app.asar.
 * No source maps: they would ship in the package.
 */
export function mainBuildConfig(outDir) {
  return {
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: [sharedAlias] },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      ssr: true,
      copyPublicDir: false,
      rollupOptions: {
        input: { main: fileURLToPath(new URL('../electron/main.ts', import.meta.url)) },
        external: mainExternals(),
        output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  };
}

/**
 * Vite settings for the `grantline` command (bin/grantline.js → dist/host/cli.js): our code and
 * shared/ in a few ES modules, dependencies left to node_modules. The entry holds what `serve`
 * needs to listen and serve the page; what is loaded with import() (the app's stores, token engine
 * and handler table, the other commands) becomes its own chunk, read only when first needed.
 */
export function hostBuildConfig(outDir) {
  return {
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: [sharedAlias] },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      ssr: true,
      copyPublicDir: false,
      rollupOptions: {
        input: { cli: fileURLToPath(new URL('../electron/host/cli.ts', import.meta.url)) },
        external: mainExternals(),
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  };
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${cmd} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

async function main() {
  const started = Date.now();
  rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'electron/tsconfig.json']);
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
  // tsc's copies of the two entries (and their maps) are replaced by the bundles below.
  for (const file of ['main.js.map', 'preload.js', 'preload.js.map'])
    rmSync(new URL(`../dist/electron/${file}`, import.meta.url), { force: true });
  await build(mainBuildConfig(fileURLToPath(new URL('../dist/electron', import.meta.url))));
  await build(hostBuildConfig(fileURLToPath(new URL('../dist/host', import.meta.url))));
  const preloadDir = fileURLToPath(new URL('../dist/preload', import.meta.url));
  await build(preloadBuildConfig(preloadDir));
  mkdirSync(preloadDir, { recursive: true });
  // dist/ is ESM like the sources; the preload folder overrides that for its one CommonJS file.
  writeFileSync(
    new URL('../dist/preload/package.json', import.meta.url),
    '{ "type": "commonjs" }\n',
  );
  // start.mjs compares source mtimes with this stamp to skip a rebuild when nothing changed.
  writeFileSync(new URL('../dist/.build-stamp', import.meta.url), new Date().toISOString() + '\n');
  console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
