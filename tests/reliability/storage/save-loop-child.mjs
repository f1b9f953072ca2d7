// Child of kill-loop.test.ts: saves connections and their secrets in a loop with the compiled app
// code (dist/), printing "begin <json>" before each save and "ack <json>" once it completed, until
// the parent kills it with SIGKILL. Usage: node save-loop-child.mjs DATA_DIR SEED
// It prints "loaded" and waits for "go" on stdin before touching the data dir, so the parent can
// start the next child (module loading is most of its start-up) while the previous one runs.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ConnectionRepository } from '../../../dist/electron/core/connections/connection-repository.js';
import { KeyFileProtector } from '../../../dist/electron/core/secrets/key-file-protector.js';
import { SecretStore } from '../../../dist/electron/core/secrets/secret-store.js';
import { openJsonStore } from '../../../dist/electron/core/storage/conf-json-store.js';

const [dataDir, seedText] = process.argv.slice(2);
let seed = Number(seedText) >>> 0 || 1;
// A small deterministic PRNG, so a failing round can be replayed from its seed.
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const MAX_CONNECTIONS = 24;

const say = (line) => process.stdout.write(`${line}\n`);
say('loaded');
const input = createInterface({ input: process.stdin });
await once(input, 'line');
input.close();

const secrets = new SecretStore({ dataDir, protector: new KeyFileProtector(dataDir) });
const repo = new ConnectionRepository(dataDir, openJsonStore, secrets);
say('ready');

for (let round = 0; ; round += 1) {
  const all = repo.list();
  const update = all.length >= MAX_CONNECTIONS || (all.length > 0 && random() < 0.4);
  const target = update ? all[Math.floor(random() * all.length)] : undefined;
  const tag = `${process.pid}-${round}-${Math.floor(random() * 1e9)}`;
  const intent = {
    id: target?.id,
    name: target?.name ?? `Conn ${tag}`,
    clientId: `client-${tag}`,
    secret: `secret-${tag}`,
  };
  say(`begin ${JSON.stringify(intent)}`);
  const saved = await repo.save(
    {
      ...(target ? { id: target.id } : {}),
      name: intent.name,
      presetId: 'generic-oauth2',
      clientId: intent.clientId,
      tokenUrl: 'https://idp.example/oauth2/token',
      tls: { insecure: false },
    },
    { clientSecret: intent.secret },
  );
  say(`ack ${JSON.stringify({ ...intent, id: saved.id })}`);
}
