import { tokenUrlPreview, type WizardDraft } from './draft.js';

/** Stored secrets the user must type again because the token endpoint moved to another origin. */
export interface SecretsToEnterAgain {
  /** The origin they were entered for. */
  from: string;
  /** The origin the draft's token endpoint has now. */
  to: string;
  /** "client secret", "private key"…, for those stored and not typed again. */
  names: string[];
}

const NAMES = {
  clientSecret: 'client secret',
  privateKey: 'private key',
  clientCert: 'client certificate',
  clientKey: 'client key',
} as const;

/**
 * Main sends a stored secret only to the origin (scheme, host, port) it was entered for, and
 * refuses to save a connection that would carry it elsewhere. This says so before the user saves.
 * Null when nothing has to be typed again.
 */
export function secretsToEnterAgain(draft: WizardDraft): SecretsToEnterAgain | null {
  if (draft.editId === undefined || draft.secretOrigin === undefined) return null;
  const preview = tokenUrlPreview(draft);
  if (preview.kind === 'error') return null;
  let to: string;
  try {
    to = new URL(preview.kind === 'url' ? preview.url : preview.issuer).origin;
  } catch {
    return null;
  }
  if (to === draft.secretOrigin) return null;
  const typed = {
    clientSecret: draft.clientSecret,
    privateKey: draft.privateKey,
    clientCert: draft.clientCert,
    clientKey: draft.clientKey,
  };
  const names = (Object.keys(NAMES) as (keyof typeof NAMES)[])
    .filter((kind) => draft.stored[kind] && typed[kind] === '')
    .map((kind) => NAMES[kind]);
  return names.length === 0 ? null : { from: draft.secretOrigin, to, names };
}
