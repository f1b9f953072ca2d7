import { createRequire, register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));

// CommonJS dependencies (electron-updater) `require('electron')`, which the ESM hook above does
// not see on Node 20: answer those requires with the same fake module instance.
const fake = await import(new URL('./fake-electron.mjs', import.meta.url).href);
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function loadWithFakeElectron(request, parent, isMain) {
  if (request === 'electron' || request === 'electron/main') return fake.default;
  return load.call(this, request, parent, isMain);
};
