import Conf from 'conf';
import { createJsonStore } from './backed-json-store.js';
import type { JsonBackendFactory, JsonStore, JsonStoreOptions } from './json-store.js';
import { writeFileAtomicSync } from './temp-files.js';

/**
 * conf as the file backend. No conf schema/defaults/migrations: validation is zod's and our
 * migrations are numbered, so conf only names and reads the file. Writes go through our own atomic
 * writer rather than conf's (atomically): its temp files carry our pid, so leftovers of a killed
 * process can be told from another process's write in progress and swept, and a full or read-only
 * disk fails at once instead of after a second of retries.
 */
export const confBackend: JsonBackendFactory = ({ dir, name, fileMode }) => {
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    configFileMode: fileMode,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
  return {
    path: conf.path,
    get store(): Record<string, unknown> {
      return conf.store;
    },
    set store(value: Record<string, unknown>) {
      // conf's own serialisation (tab-indented), so both backends write the same bytes.
      writeFileAtomicSync(conf.path, JSON.stringify(value, undefined, '\t'), fileMode);
    },
  };
};

/** Open a typed JSON document store in plain Node (browser mode, CLI, tests). */
export function openJsonStore<T extends object>(options: JsonStoreOptions<T>): JsonStore<T> {
  return createJsonStore(options, confBackend);
}
