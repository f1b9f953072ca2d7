#!/usr/bin/env node
// Runs @doyensec/electronegativity through its programmatic API in a child process and writes
// the findings as JSON. Usage: electronegativity-scan.mjs <input dir> <result.json> <electron
// version> [sarif report path]
//
// Why not its CLI's CSV: the CLI writes the CSV header and the rows with two concurrent
// fs.writeFile calls, and we have seen the header overwrite the first finding; the API returns
// the findings (with severity) and the files it failed to parse, which the CSV omits.
// Why a child process: the tool registers globals, fetches translations, and calls
// process.exit on some option errors; none of that should happen inside the Vitest worker.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');

const [input, resultFile, electronVersion, sarifFile] = process.argv.slice(2);
if (!input || !resultFile || !electronVersion) {
  console.error(
    'usage: electronegativity-scan.mjs <input> <result.json> <electron version> [sarif]',
  );
  process.exit(2);
}

const result = await run(
  {
    input,
    output: sarifFile,
    isSarif: true,
    customScan: [],
    // Compares a package.json's Electron version with release notes downloaded from GitHub at
    // scan time. We scan sources (no package.json), so it cannot report anything here; it would
    // only make the test depend on the network. The version pin is tested in
    // electron-builder.test.ts instead.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const findings = result.issues.map((issue) => ({
  id: issue.id,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  file: issue.file,
  line: issue.location?.line ?? 0,
  column: issue.location?.column ?? 0,
  sample: issue.sample ?? '',
  description: issue.description,
  manualReview: Boolean(issue.manualReview),
}));
writeFileSync(
  resultFile,
  JSON.stringify({
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors,
    findings,
  }),
);
