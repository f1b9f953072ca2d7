// Module hook for the fake-Electron harness: `electron` (and `electron/main`) resolve to the fake.
const FAKE = new URL('./fake-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main') {
    return { url: FAKE, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
