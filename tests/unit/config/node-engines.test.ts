import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// package.json's engines.node must be true: every Node version it admits runs every production
// dependency and the build (Vite). What needs a newer Node only for the desktop binary and
// packaging (electron, @electron/get…) is said in the README instead.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const semver = require('semver') as {
  subset: (sub: string, sup: string) => boolean;
  satisfies: (version: string, range: string) => boolean;
};

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
}
const read = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

const ours = read(root).engines?.node ?? '';

/** Installed package folders: production dependencies (all depths), or the named packages. */
function productionTree(): string[] {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(Boolean)
    .filter((dir) => dir !== root.replace(/\/$/, ''));
}

function offending(dirs: string[]): string[] {
  return dirs
    .map(read)
    .filter((m) => m.engines?.node && !semver.subset(ours, m.engines.node))
    .map((m) => `${m.name}@${m.version} needs node ${m.engines?.node}`);
}

describe('engines.node', () => {
  it('admits this machine’s Node, which runs the whole suite', () => {
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });

  it('admits only versions that every production dependency supports', () => {
    const dirs = productionTree();
    expect(dirs.length).toBeGreaterThan(10);
    expect(offending(dirs)).toEqual([]);
  });

  it('admits only versions the build supports (Vite and its bundler)', () => {
    const build = ['vite', 'rolldown', 'typescript'].map((name) =>
      join(root, 'node_modules', name),
    );
    expect(offending(build)).toEqual([]);
  });

  it('the README names the Node version the desktop binary and packaging need', () => {
    const electron = read(join(root, 'node_modules', 'electron')).engines?.node ?? '';
    const [major, minor] = electron.replace(/^[>=\s]+/, '').split('.');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Node ${major}.${minor} or later`);
  });
});
