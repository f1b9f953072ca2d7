import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * `#shared/x.js` is the repo's shared/ folder (package.json "imports" maps it to dist/shared for
 * Node); bundles and tests resolve it to the TypeScript source instead.
 */
export const sharedAlias = {
  find: /^#shared\/(.*)\.js$/,
  replacement: fileURLToPath(new URL('./shared/', import.meta.url)) + '$1.ts',
};

// The renderer bundle. `base: './'` so the same build loads from the Electron app protocol and
// from the browser-mode host.
export default defineConfig({
  root,
  base: './',
  resolve: { alias: [sharedAlias] },
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
