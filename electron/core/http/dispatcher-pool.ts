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

  /** The dispatcher for this trust setting, created on first use. */
  get(trust: TlsTrustOptions): TlsDispatcher {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          trust.caPem ?? null,
          trust.pinnedSha256 ?? null,
          trust.insecure === true,
          trust.clientCertPem ?? null,
          trust.clientKeyPem ?? null,
        ]),
      )
      .digest('hex');
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
