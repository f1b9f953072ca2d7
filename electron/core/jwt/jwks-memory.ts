import { z } from 'zod';
import type { StoreOpener } from '../connections/connection-repository.js';
import type { JsonStore } from '../storage/json-store.js';

/** How many issuers are remembered; the oldest is dropped past this. */
const MAX_ISSUERS = 200;

const documentSchema = z.object({
  /** Issuer (`iss`) → the JWKS URL a signature of its tokens was last verified with. */
  issuers: z.record(
    z.string().max(2048),
    z.object({ jwksUrl: z.string().max(2048), at: z.string() }),
  ),
});
type JwksMemoryDocument = z.infer<typeof documentSchema>;

/**
 * The JWKS URL remembered per issuer, so the inspector verifies the next token of that issuer by
 * itself. Only a URL that verified a signature is kept; keys themselves are never stored.
 */
export interface JwksMemory {
  get(issuer: string): string | undefined;
  remember(issuer: string, jwksUrl: string): void;
  forget(issuer: string): void;
}

/** The memory in `<dataDir>/inspector-keys.json`, opened on first use. */
export function createJwksMemory(
  dataDir: string,
  openStore: StoreOpener,
  now: () => Date = () => new Date(),
): JwksMemory {
  let store: JsonStore<JwksMemoryDocument> | undefined;
  const open = (): JsonStore<JwksMemoryDocument> =>
    (store ??= openStore({
      dir: dataDir,
      name: 'inspector-keys',
      schema: documentSchema,
      defaults: { issuers: {} },
      version: 1,
    }));
  return {
    get: (issuer) => open().read().issuers[issuer]?.jwksUrl,
    remember: (issuer, jwksUrl) => {
      open().update((doc) => {
        const entries = Object.entries(doc.issuers).filter(([key]) => key !== issuer);
        entries.push([issuer, { jwksUrl, at: now().toISOString() }]);
        entries.sort(([, a], [, b]) => a.at.localeCompare(b.at));
        return { issuers: Object.fromEntries(entries.slice(-MAX_ISSUERS)) };
      });
    },
    forget: (issuer) => {
      open().update((doc) => {
        const issuers = { ...doc.issuers };
        delete issuers[issuer];
        return { issuers };
      });
    },
  };
}
