// Child of full-disk.test.ts, run under `ulimit -f` (RLIMIT_FSIZE): renames a connection with the
// compiled app code (dist/) and prints the outcome as JSON. Node ignores SIGXFSZ, so an oversized
// write fails with EFBIG instead of killing the process. Usage: node save-limited-child.mjs DIR NAME
import { ConnectionRepository } from '../../../dist/electron/core/connections/connection-repository.js';
import { KeyFileProtector } from '../../../dist/electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../dist/electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../dist/electron/core/storage/conf-json-store.js';

const [dataDir, name] = process.argv.slice(2);
const secrets = new SecretStore({ dataDir, protector: new KeyFileProtector(dataDir) });
const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
try {
  const first = repo.list()[0];
  repo.rename(first.id, name);
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  process.stdout.write(
    JSON.stringify({
      ok: false,
      category: error.category,
      message: error.message,
      hint: error.hint,
    }),
  );
}
