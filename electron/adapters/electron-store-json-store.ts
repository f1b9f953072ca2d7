import ElectronStore from 'electron-store';
import { createJsonStore } from '../core/storage/backed-json-store.js';
import type {
  JsonBackendFactory,
  JsonStore,
  JsonStoreOptions,
} from '../core/storage/json-store.js';

/** electron-store as the file backend; it extends conf 15, so the file format is identical. */
const electronStoreBackend: JsonBackendFactory = ({ dir, name, fileMode }) =>
  new ElectronStore<Record<string, unknown>>({
    cwd: dir,
    name,
    configFileMode: fileMode,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });

/** Open a typed JSON document store in the Electron main process (pass `app.getPath('userData')` as dir). */
export function openElectronJsonStore<T extends object>(
  options: JsonStoreOptions<T>,
): JsonStore<T> {
  return createJsonStore(options, electronStoreBackend);
}
