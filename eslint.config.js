// @ts-check
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * The layers of the code and what each may import: the one place the architecture's import
 * rules are written (docs/architecture.md explains them). A layer is a set of folders or files;
 * besides the layers, an import can reach `electron` (the package and its subpaths such as
 * `electron/main`), `node` (Node built-ins), `packages` (anything else from node_modules) or
 * `repo` (a repo file outside every layer, e.g. package.json). `#shared/*` is the alias of
 * shared/. A layer may always import its own files. `packages` is true (any) or an allowlist.
 *
 * @typedef {{ paths: string[], files: string[], may: string[], packages?: boolean | string[], why: string }} Layer
 * @type {Record<string, Layer>}
 */
export const layers = {
  shared: {
    paths: ['shared'],
    files: ['shared/**/*.ts'],
    may: ['packages'],
    packages: ['zod', 'jose', 'shell-quote'],
    why: 'shared/ is environment-free: no Node, no DOM, no Electron, no other layer, and only zod, jose and shell-quote.',
  },
  renderer: {
    paths: ['renderer'],
    files: ['renderer/**/*.{ts,tsx}'],
    may: ['shared', 'packages'],
    why: 'The renderer runs sandboxed and talks to main only through window.api: no Node, no Electron, no electron/ code.',
  },
  core: {
    paths: ['electron/core'],
    files: ['electron/core/**/*.ts'],
    may: ['shared', 'node', 'packages'],
    why: 'electron/core is plain Node: it must not depend on Electron, the adapters, the host, the shell or the renderer.',
  },
  host: {
    paths: ['electron/host'],
    files: ['electron/host/**/*.ts'],
    may: ['core', 'shared', 'node', 'packages'],
    why: 'electron/host (browser mode and the CLI) runs without Electron: it uses core and shared, never the Electron adapters.',
  },
  adapters: {
    paths: ['electron/adapters'],
    files: ['electron/adapters/**/*.ts'],
    may: ['core', 'shared', 'node', 'packages', 'electron'],
    why: 'electron/adapters wrap Electron for core: they may use core and shared, not the host, the shell or the renderer.',
  },
  shell: {
    paths: ['electron/main', 'electron/preload'],
    files: ['electron/main.ts', 'electron/preload.ts'],
    may: ['adapters', 'core', 'shared', 'node', 'packages', 'electron'],
    why: 'main.ts and preload.ts wire the adapters and core together; they never load the host or the renderer.',
  },
  tests: {
    paths: ['tests'],
    files: ['tests/**/*.{ts,tsx,mjs,js}'],
    may: [
      'shared',
      'renderer',
      'core',
      'host',
      'adapters',
      'shell',
      'scripts',
      'node',
      'packages',
      'repo',
    ],
    why: "Tests may reach every layer but not 'electron' itself: its binary is not installed where they run (mock it).",
  },
  scripts: {
    paths: ['scripts', 'bin'],
    files: ['scripts/**/*.{mjs,js}', 'bin/**/*.js'],
    may: ['node', 'packages', 'repo'],
    why: 'scripts/ and bin/ run before or without a build: Node and packages only (bin/ loads dist/ at run time).',
  },
};

const builtins = new Set(builtinModules);
const codeExtension = /\.(?:[cm]?[jt]sx?)$/;

/** The layer (or the outside category) an import specifier written in `fromFile` reaches. */
export function layerOfImport(specifier, fromFile) {
  // A package's manifest is data (tests read versions from it), not the package's code.
  if (/^(?:@[^/]+\/)?[^/]+\/package\.json$/.test(specifier)) return 'packages';
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron';
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) return 'node';
  let target;
  if (specifier.startsWith('#shared/')) target = `shared/${specifier.slice('#shared/'.length)}`;
  else if (specifier.startsWith('.') || specifier.startsWith('/')) {
    target = relative(root, resolve(dirname(fromFile), specifier))
      .split(sep)
      .join('/');
  } else return 'packages';
  target = target.replace(codeExtension, '');
  for (const [name, layer] of Object.entries(layers)) {
    if (layer.paths.some((p) => target === p || target.startsWith(`${p}/`))) return name;
  }
  return 'repo';
}

/** The npm package name of a bare specifier (`@scope/name` or `name`). */
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Reports imports, re-exports, import() and require() that the table does not allow. */
const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table in eslint.config.js.' },
    schema: [{ type: 'string' }],
    messages: { denied: "{{from}} may not import '{{specifier}}' ({{to}}). {{why}}" },
  },
  create(context) {
    const from = context.options[0];
    const layer = layers[from];
    if (layer === undefined) throw new Error(`Unknown layer ${from}`);
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      const to = layerOfImport(specifier, context.filename);
      if (to === from) return;
      let allowed = layer.may.includes(to);
      if (allowed && to === 'packages' && Array.isArray(layer.packages)) {
        allowed = layer.packages.includes(packageName(specifier));
      }
      if (!allowed) {
        context.report({
          node,
          messageId: 'denied',
          data: { from, specifier, to, why: layer.why },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node, node.arguments[0]);
        }
      },
    };
  },
};

const layering = { rules: { imports: layeringRule } };

/** One config block per layer, generated from the table. */
const layerBlocks = Object.entries(layers).map(([name, layer]) => ({
  name: `grantline/layer/${name}`,
  files: layer.files,
  plugins: { layering },
  rules: { 'layering/imports': ['error', name] },
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'bench/**',
      'dist-bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Promises that nobody awaits lose their errors; mark deliberate fire-and-forget with `void`.
    name: 'grantline/promises',
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  ...layerBlocks,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  prettier,
);
