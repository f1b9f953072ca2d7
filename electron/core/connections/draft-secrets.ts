import type { SecretStore } from '../secrets/secret-store.js';

/** Secrets main holds for a wizard draft before it is saved: a key file's key, a DPoP key. */
export type DraftSecretKind = 'privateKey' | 'dpopKey';

const PREFIX = 'draft:';
const refOf = (draftId: string, kind: DraftSecretKind): string =>
  `${PREFIX}${draftId}:${kind === 'privateKey' ? 'private-key' : 'dpop-key'}`;

/**
 * Secrets that belong to a wizard draft (by the id the page gave its session), sealed in the
 * secret store like any other. The page hands a key file's text over once and never gets the key
 * back; a test of the draft and its save read it here, so the DPoP key a test used is the key the
 * saved connection keeps. Saving moves them to the connection; cancelling discards them.
 */
export class DraftSecrets {
  constructor(private readonly secrets: SecretStore) {}

  async put(draftId: string, kind: DraftSecretKind, value: string): Promise<void> {
    await this.secrets.set(refOf(draftId, kind), value);
  }

  async get(draftId: string, kind: DraftSecretKind): Promise<string | undefined> {
    return this.secrets.find(refOf(draftId, kind));
  }

  /** Forget every secret of a draft; true when there was one. */
  async discard(draftId: string): Promise<boolean> {
    const removed = await Promise.all([
      this.secrets.delete(refOf(draftId, 'privateKey')),
      this.secrets.delete(refOf(draftId, 'dpopKey')),
    ]);
    return removed.some(Boolean);
  }
}
