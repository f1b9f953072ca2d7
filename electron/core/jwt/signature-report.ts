import type { z } from 'zod';
import type { signatureReportSchema } from '#shared/ipc/inspector-channels.js';
import type { DecodedToken } from '#shared/jwt/types.js';

/**
 * The verdict on a token's signature, as the contract defines it. `verified` is true only after
 * jose checked the signature with a key; false when the check ran and failed (or the token is
 * unsigned); null when no check could run (no key given, keys unreachable, wrong kind of key,
 * encrypted or opaque token).
 */
export type SignatureReport = z.output<typeof signatureReportSchema>;
/** What happened, as a stable code the UI can style. */
export type SignatureOutcome = SignatureReport['outcome'];

// Derived from the outcome so that no code path can pair "verified" with a failed check.
const VERDICT: Record<SignatureOutcome, Pick<SignatureReport, 'checked' | 'verified'>> = {
  verified: { checked: true, verified: true },
  invalid_signature: { checked: true, verified: false },
  no_matching_key: { checked: true, verified: false },
  unsigned: { checked: true, verified: false },
  fetch_failed: { checked: true, verified: null },
  bad_key: { checked: true, verified: null },
  wrong_key_type: { checked: true, verified: null },
  unsupported_alg: { checked: true, verified: null },
  not_applicable: { checked: false, verified: null },
  not_checked: { checked: false, verified: null },
};

/** Builds a report; `checked` and `verified` follow from the outcome. */
export function signatureReport(
  outcome: SignatureOutcome,
  reason: string,
  details: { kid?: string | null; alg?: string | null; keySource?: string | null } = {},
): SignatureReport {
  return {
    ...VERDICT[outcome],
    kid: details.kid ?? null,
    alg: details.alg ?? null,
    reason,
    outcome,
    keySource: details.keySource ?? null,
  };
}

/** Reports that no key was tried, e.g. because none was given. */
export function notChecked(reason: string, token?: DecodedToken): SignatureReport {
  return signatureReport('not_checked', reason, { kid: token?.kid, alg: token?.alg });
}
