import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The docs name files and folders so a reader can open them. A rename that forgets the docs
// leaves them pointing at nothing; this test lists every repo path written in inline code and
// every relative link in the docs, and fails for each one that does not exist.

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Top-level folders and files of the repo: a word in code that starts with one is a repo path. */
const REPO_ROOTS = new Set([
  '.ci',
  'bench',
  'bin',
  'build',
  'docs',
  'electron',
  'renderer',
  'scripts',
  'security',
  'shared',
  'tests',
]);

/** Folders written by the build and the tests, absent from a fresh clone: never checked. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-bench', 'artifacts']);

/** A mention, as found in a document. */
interface Mention {
  /** The path as written. */
  text: string;
  /** The path it names, relative to the repo root (a glob when it holds `*`). */
  target: string;
}

function withoutFencedBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** Repo paths in inline code: words whose first segment is a top-level entry of the repo. */
export function codePaths(markdown: string): Mention[] {
  const found: Mention[] = [];
  for (const match of withoutFencedBlocks(markdown).matchAll(/`([^`\n]+)`/g)) {
    for (const raw of match[1]!.split(/\s+/)) {
      const word = raw.replace(/^['"(]+/, '').replace(/['"),.;:]+$/, '');
      if (!word.includes('/') || /[<>…{}$~#@]|:\/\//.test(word)) continue;
      const first = word.split('/')[0]!;
      if (!REPO_ROOTS.has(first)) continue;
      found.push({ text: word, target: word.replace(/\/+$/, '') });
    }
  }
  return found;
}

/** Relative links and images, resolved against the document's folder. */
export function relativeLinks(markdown: string, docPath: string): Mention[] {
  const found: Mention[] = [];
  for (const match of withoutFencedBlocks(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const href = match[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue;
    const path = decodeURIComponent(href.split('#')[0]!);
    const target = relative(root, join(root, dirname(docPath), path))
      .split(sep)
      .join('/');
    found.push({ text: href, target });
  }
  return found;
}

function allFiles(dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) allFiles(full, out);
    else out.push(relative(root, full).split(sep).join('/'));
  }
  return out;
}

let files: string[] | undefined;

/** True when the target exists; a `*` in a target matches within one path segment. */
export function exists(target: string): boolean {
  if (!target.includes('*')) return target !== '' && existsSync(join(root, target));
  files ??= allFiles();
  const pattern = new RegExp(
    `^${target
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}(/|$)`,
  );
  return files.some((file) => pattern.test(file));
}

function documents(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', ...docs, 'tests/fixtures/vendor/README.md'];
}

describe('repo paths and links in the docs exist', () => {
  it.each(documents())('%s', (doc) => {
    expect(existsSync(join(root, doc)), `${doc} is missing`).toBe(true);
    const text = readFileSync(join(root, doc), 'utf8');
    const mentions = [...codePaths(text), ...relativeLinks(text, doc)];
    const missing = mentions.filter((m) => !exists(m.target)).map((m) => m.text);
    expect(missing).toEqual([]);
  });

  it('architecture.md names the files it explains', () => {
    const text = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const targets = new Set(codePaths(text).map((m) => m.target));
    expect(targets.size).toBeGreaterThan(80);
    for (const key of ['shared/ipc/contract.ts', 'electron/core/ipc/dispatch.ts']) {
      expect(targets).toContain(key);
    }
  });
});

describe('the path finder', () => {
  const sample = [
    'See `electron/core/app-core.ts`, `shared/ipc/*-channels.ts` and `electron/nowhere.ts`.',
    'Run `npx vitest run tests/unit/config/docs-links.test.ts`; not `dist/shared/x.js`,',
    '`application/json`, `~/.config/x` or `https://example.com/a`.',
    '[contributing](../CONTRIBUTING.md), [gone](./gone.md), [web](https://example.com/x.md),',
    '[anchor](#layers), ![shot](screenshot.png)',
    '```sh',
    'cat electron/also-nowhere.ts `electron/in-a-fence.ts`',
    '```',
  ].join('\n');

  it('finds repo paths in inline code, including inside commands, and skips the rest', () => {
    expect(codePaths(sample).map((m) => m.text)).toEqual([
      'electron/core/app-core.ts',
      'shared/ipc/*-channels.ts',
      'electron/nowhere.ts',
      'tests/unit/config/docs-links.test.ts',
    ]);
  });

  it('resolves relative links against the document folder', () => {
    expect(relativeLinks(sample, 'docs/architecture.md').map((m) => m.target)).toEqual([
      'CONTRIBUTING.md',
      'docs/gone.md',
      'docs/screenshot.png',
    ]);
  });

  it('tells existing paths and globs from missing ones', () => {
    expect(exists('electron/core/app-core.ts')).toBe(true);
    expect(exists('shared/ipc/*-channels.ts')).toBe(true);
    expect(exists('electron/core/')).toBe(true);
    expect(exists('electron/nowhere.ts')).toBe(false);
    expect(exists('shared/ipc/*-nothing.ts')).toBe(false);
    expect(exists('docs/gone.md')).toBe(false);
  });

  it('is not fooled by a file of the same name elsewhere', () => {
    expect(statSync(join(root, 'electron/core/handlers')).isDirectory()).toBe(true);
    expect(exists('electron/core/handler-table.ts')).toBe(false);
  });
});
