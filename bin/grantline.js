#!/usr/bin/env node
// The `grantline` command. The TypeScript sources are compiled and bundled to dist/host/ by
// `npm install` (the `prepare` script); say how to fix it if that has not happened.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/host/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'grantline: the app is not built yet. Run "npm install" (or "npm run build") in the Grantline folder first.\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
