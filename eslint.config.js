// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Import rules that keep each folder inside its environment (see ../shared/design/architecture.md). */
const noElectron = {
  name: 'electron',
  message:
    "Only electron/adapters/, electron/main.ts and electron/preload.ts may import 'electron'.",
};
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'tls',
  'child_process',
  'url',
  'stream',
  'events',
  'util',
  'buffer',
];

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
    files: ['electron/**/*.ts'],
    ignores: ['electron/adapters/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/adapters/**', '../adapters', '../../adapters'],
              message: 'core/ is plain Node: it must not depend on the Electron adapters.',
            },
            { group: ['**/host/**'], message: 'core/ must not depend on browser-mode host code.' },
            { group: ['**/renderer/**'], message: 'core/ must not import renderer code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, 'react', 'react-dom'],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is environment-free: no Node built-ins.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ must not import from electron/ or renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs sandboxed: no Node built-ins.' },
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to main only through window.api (renderer/src/api).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
