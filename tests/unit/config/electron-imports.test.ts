import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Everything under electron/ except the thin shell must run in plain Node (that is how it is
// tested where the Electron binary cannot be downloaded), so only these may load 'electron'.
// ESLint's no-restricted-imports says the same for static imports; this test also catches
// require(), dynamic import() and files ESLint does not lint.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

/** Paths (relative to the repo, with /) that may import 'electron'. */
function mayImportElectron(path: string): boolean {
  return (
    path.startsWith('electron/adapters/') ||
    path === 'electron/main.ts' ||
    path === 'electron/preload.ts'
  );
}

/**
 * Every import of 'electron' (or a subpath like 'electron/main') in a source text, as line
 * numbers. TypeScript's own import pre-scanner finds static and type imports, re-exports,
 * `import x = require()`, require() and import() calls, and ignores comments and strings.
 */
function electronImportLines(source: string): number[] {
  const info = ts.preProcessFile(source, true, true);
  const lines: number[] = [];
  for (const file of info.importedFiles) {
    if (file.fileName === 'electron' || file.fileName.startsWith('electron/')) {
      lines.push(source.slice(0, file.pos).split('\n').length);
    }
  }
  return lines;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe("only the Electron shell imports 'electron'", () => {
  it('no file under electron/ outside adapters/, main.ts and preload.ts imports it', () => {
    const files = walk(join(root, 'electron')).map((f) => relative(root, f).split(sep).join('/'));
    expect(files).toContain('electron/main.ts');
    const offenders = files
      .filter((file) => !mayImportElectron(file))
      .flatMap((file) =>
        electronImportLines(readFileSync(join(root, file), 'utf8')).map(
          (line) => `${file}:${line}`,
        ),
      );
    expect(offenders, `'electron' imported outside the shell:\n${offenders.join('\n')}`).toEqual(
      [],
    );
  });

  it('the shell files are where the imports really are (the scan sees them)', () => {
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    expect(electronImportLines(main).length).toBeGreaterThan(0);
  });

  it('catches every way of loading electron, and nothing else', () => {
    const forbidden = [
      "import { app } from 'electron';",
      'import type { BrowserWindow } from "electron";',
      "import 'electron/main';",
      "export * from 'electron';",
      "const { shell } = require('electron');",
      'const e = require(`electron`);',
      "const mod = await import('electron/renderer');",
      "import electron = require('electron');",
    ];
    for (const line of forbidden) expect(electronImportLines(`\n${line}\n`), line).toEqual([2]);
    const allowed = [
      "import Store from 'electron-store';",
      "import { x } from '../electron/core/x.js';",
      "// plain Node: never import 'electron' here",
      'const text = "require(\'electron\')";',
    ];
    for (const line of allowed) expect(electronImportLines(line), line).toEqual([]);
    expect(mayImportElectron('electron/adapters/window.ts')).toBe(true);
    expect(mayImportElectron('electron/core/handlers/handler-table.ts')).toBe(false);
    expect(mayImportElectron('electron/host/server.ts')).toBe(false);
  });
});
