#!/usr/bin/env node
// `npm run bench`: compile the benchmarks (with the app sources and test fixtures they import)
// into dist-bench/, then run them. The browser benchmarks use the built app in dist/ (npm install
// builds it), copied aside first so a rebuild during the run cannot change them. Options:
// --only B1,B4 (results go to dist-bench/bench/ instead of bench/), --quick (fewer runs: a smoke
// test), --profile (CPU profiles of the host and the renderer, summarised in the notes and kept in
// dist-bench/profiles/).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'dist-bench', 'tests', 'bench', 'main.js');

// The compiled JavaScript is removed when the run ends (eslint would lint it otherwise); results
// of --only runs (dist-bench/bench/) and --profile output (dist-bench/profiles/) stay.
const out = join(root, 'dist-bench');
const keep = new Set(['bench', 'profiles']);
process.on('exit', () => {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) {
    if (!keep.has(name)) rmSync(join(out, name), { recursive: true, force: true });
  }
});

const started = Date.now();
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tests/bench/tsconfig.json'],
  { cwd: root, encoding: 'utf8' },
);
if (tsc.status !== 0) {
  // tsc still emits on type errors; the app sources may be mid-change. Say so, run anyway.
  const errors = `${tsc.stdout}${tsc.stderr}`.trim().split('\n');
  console.warn(`bench: tsc reported ${errors.length} line(s) of errors (first 20):`);
  console.warn(errors.slice(0, 20).join('\n'));
  if (!existsSync(entry)) {
    console.error('bench: the benchmarks did not compile; nothing to run.');
    process.exit(1);
  }
}
console.log(`bench: compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2), {
  root,
  compileSeconds: (Date.now() - started) / 1000,
});
