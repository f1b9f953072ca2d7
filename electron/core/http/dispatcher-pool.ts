import { createHash } from 'node:crypto';
import { createTlsDispatcher, type TlsDispatcher } from './dispatcher.js';
import type { TlsTrustOptions } from './tls-trust.js';

/**
 * Reuses one dispatcher per distinct TLS trust setting (keep-alive across token renewals), and
 * closes the least recently used when there are too many.
 */
export class DispatcherPool {
  private readonly entries = new Map<string, TlsDispatcher>();

  constructor(private readonly maxEntries = 32) {}

  // A remembered spec hands in the same trust object on every renewal: hash it once (bench B1).
  private readonly keys = new WeakMap<TlsTrustOptions, string>();

  /** The dispatcher for this trust setting, created on first use. */
  get(trust: TlsTrustOptions): TlsDispatcher {
    let key = this.keys.get(trust);
    if (key === undefined) {
      key = poolKey(trust);
      this.keys.set(trust, key);
    }
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, existing);
      return existing;
    }
    const created = createTlsDispatcher(trust);
    this.entries.set(key, created);
    if (this.entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, TlsDispatcher];
      this.entries.delete(oldestKey);
      void oldest.close().catch(() => undefined);
    }
    return created;
  }

  /** Close every dispatcher (on engine shutdown). */
  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.allSettled(all.map((d) => d.close()));
  }
}

/** The pool key of a trust setting: the system defaults share one, others a hash of the setting. */
function poolKey(trust: TlsTrustOptions): string {
  const { caPem, pinnedSha256, insecure, clientCertPem, clientKeyPem } = trust;
  if (
    caPem === undefined &&
    pinnedSha256 === undefined &&
    insecure !== true &&
    clientCertPem === undefined &&
    clientKeyPem === undefined
  ) {
    return 'system-defaults';
  }
  return createHash('sha256')
    .update(
      JSON.stringify([
        caPem ?? null,
        pinnedSha256 ?? null,
        insecure === true,
        clientCertPem ?? null,
        clientKeyPem ?? null,
      ]),
    )
    .digest('hex');
}
