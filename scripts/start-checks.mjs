// Pure checks for `npm start` (scripts/start.mjs), with every reading of the system injected so
// each case is unit-tested (tests/unit/config/start-checks.test.ts).

/**
 * The environment for the Electron child. ELECTRON_RUN_AS_NODE (set by VS Code's terminal, by
 * some tools, or inherited from a parent Electron) makes the binary start as plain Node and ignore
 * the app, so it is dropped; everything else is passed through.
 */
export function electronChildEnv(env) {
  const out = { ...env };
  delete out.ELECTRON_RUN_AS_NODE;
  return out;
}
