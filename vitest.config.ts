import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { sharedAlias } from './vite.config.js';

// Two environments, chosen by where the code runs: Node for electron/ and shared/, jsdom for renderer/.
// A third project, `reliability`, holds the slower security and fault suites (fuzzing, injected
// faults, kill -9 loops); `npm run test:reliability` runs it and `npm test` runs it after the units.
export default defineConfig({
  // Inherited by each project (extends: true).
  resolve: { alias: [sharedAlias] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/unit/electron/**/*.test.ts',
            'tests/unit/shared/**/*.test.ts',
            'tests/unit/config/**/*.test.ts',
            'tests/unit/fixtures/**/*.test.ts',
          ],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [react()],
        // The ESM builds, as the app's bundle uses them (Node's resolution would pick CommonJS).
        resolve: {
          alias: [
            { find: /^graphql$/, replacement: 'graphql/index.mjs' },
            {
              find: /^graphql-language-service$/,
              replacement: 'graphql-language-service/esm/index.js',
            },
          ],
        },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          setupFiles: ['tests/unit/renderer/jsdom-setup.ts'],
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
          // graphql ships CommonJS and ESM copies, and a schema built by one is refused by the
          // other: transformed here (with the aliases above), all three share the ESM copy.
          server: { deps: { inline: ['graphql', 'graphql-language-service', 'cm6-graphql'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['tests/reliability/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
