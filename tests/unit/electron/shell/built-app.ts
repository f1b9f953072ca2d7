import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
// The build settings that ship, read from the build script itself.
import { mainBuildConfig, preloadBuildConfig } from '../../../../scripts/build.mjs';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A built app laid out like dist/: electron/main.js, preload/preload.cjs, renderer/. */
export interface BuiltApp {
  /** The folder that holds package.json and dist/. */
  root: string;
  mainPath: string;
  preloadPath: string;
  rendererDir: string;
  remove(): void;
}

/**
 * Bundle the current electron/main.ts and preload.ts with scripts/build.mjs's settings into a
 * scratch copy of the package (inside node_modules/.cache so the bundle's dependencies resolve
 * from this repository's node_modules), with a small renderer of known files.
 */
export async function buildApp(): Promise<BuiltApp> {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'grantline-shell-'));
  const dist = join(root, 'dist');
  await build({ ...mainBuildConfig(join(dist, 'electron')), logLevel: 'silent' });
  await build({
    ...preloadBuildConfig(join(dist, 'preload')),
    logLevel: 'silent',
  });
  writeFileSync(join(dist, 'preload', 'package.json'), '{ "type": "commonjs" }\n');
  const rendererDir = join(dist, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>\n',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export const app = 1;\n');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }\n');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as object;
  writeFileSync(join(root, 'package.json'), JSON.stringify(pkg));
  return {
    root,
    mainPath: join(dist, 'electron', 'main.js'),
    preloadPath: join(dist, 'preload', 'preload.cjs'),
    rendererDir,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
