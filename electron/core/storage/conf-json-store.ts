import Conf from 'conf';
import { createJsonStore } from './backed-json-store.js';
import type { JsonBackendFactory, JsonStore, JsonStoreOptions } from './json-store.js';

/**
 * conf as the file backend. No conf schema/defaults/migrations: validation is zod's and our
 * migrations are numbered, so conf only names the file and writes it atomically.
 */
export const confBackend: JsonBackendFactory = ({ dir, name, fileMode }) =>
  new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    configFileMode: fileMode,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });

/** Open a typed JSON document store in plain Node (browser mode, CLI, tests). */
export function openJsonStore<T extends object>(options: JsonStoreOptions<T>): JsonStore<T> {
  return createJsonStore(options, confBackend);
}
