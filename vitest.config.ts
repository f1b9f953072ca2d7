import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two environments, chosen by where the code runs: Node for electron/ and shared/, jsdom for renderer/.
// A third project, `reliability`, holds the slower security and fault suites (fuzzing, injected
// faults, kill -9 loops); `npm run test:reliability` runs it and `npm test` runs it after the units.
export default defineConfig({
  test: {
    projects: [
      {
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
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/unit/renderer/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
      {
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
